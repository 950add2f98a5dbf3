import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { SignJWT } from 'jose';
import { closeServer, listenLocal, readBody, sendJson } from './http-util.ts';
import { createSelfSignedCertificate } from './self-signed-cert.ts';

/** The issuer Bot Framework channel tokens carry (what Teams' connector signs with). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

/** What a minted inbound token says; every field but `audience` has a working default. */
export interface MintOptions {
  audience: string;
  /** Must equal the activity's serviceUrl, as Teams' tokens do. */
  serviceUrl?: string;
  /** Seconds until expiry; negative for a token that already expired (default 3600). */
  expiresIn?: number;
  /** A kid other than the published one signs with a key the JWKS does not list. */
  kid?: string;
  /** Signs with an unpublished key while claiming the published kid: a forged signature. */
  forgeSignature?: boolean;
  issuer?: string;
}

/** One client-credentials request the fake login authority answered. */
export interface TokenRequest {
  tenant: string;
  clientId: string;
  scope: string;
  granted: boolean;
}

/** Settings of the fake identity: the bot's app registration. */
export interface FakeTeamsIdentityConfig {
  appId: string;
  appPassword: string;
  /** The tenant the bot asks for tokens in (default 'botframework.com', the multi-tenant one). */
  tenantId?: string;
}

/** A running OpenID/JWKS issuer for inbound tokens plus an HTTPS login authority for outbound ones. */
export interface FakeTeamsIdentity {
  /** TEAMS_OPENID_METADATA_URL: Bot Framework's metadata document listing the signing keys. */
  openIdMetadataUrl: string;
  /** TEAMS_LOGIN_URL: the HTTPS authority (MSAL refuses plain HTTP) issuing the bot's own tokens. */
  loginUrl: string;
  /** PEM certificate the bot must trust to reach `loginUrl`. */
  ca: string;
  /** The kid of the published signing key. */
  kid: string;
  mintToken(options: MintOptions): Promise<string>;
  tokenRequests: TokenRequest[];
  /** Access tokens handed to the bot; the fake connector accepts only these. */
  issuedTokens: Set<string>;
  close(): Promise<void>;
}

const jwk = (key: KeyObject, kid: string) => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] });

/** Starts both servers on 127.0.0.1 with fresh RSA keys. */
export async function createFakeTeamsIdentity(config: FakeTeamsIdentityConfig): Promise<FakeTeamsIdentity> {
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rogue = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const loginKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `fake-${randomUUID().slice(0, 8)}`;
  const tenant = config.tenantId ?? 'botframework.com';
  const tokenRequests: TokenRequest[] = [];
  const issuedTokens = new Set<string>();

  const metadata = createHttpServer((request, response) => {
    if (request.url === '/v1/.well-known/openidconfiguration' || request.url === '/.well-known/openid-configuration') {
      sendJson(response, 200, {
        issuer: CHANNEL_ISSUER,
        authorization_endpoint: `${metadataBase}/authorize`,
        jwks_uri: `${metadataBase}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    } else if (request.url === '/v1/.well-known/keys') {
      sendJson(response, 200, { keys: [jwk(signing.publicKey, kid)] });
    } else sendJson(response, 404, { error: 'not found' });
  });
  const metadataBase = `http://127.0.0.1:${await listenLocal(metadata)}`;

  const tls = createSelfSignedCertificate();
  const answerLogin = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', loginBase).pathname;
    const [, pathTenant = '', ...rest] = path.split('/');
    const route = rest.join('/');
    if (request.method === 'GET' && route === 'v2.0/.well-known/openid-configuration') {
      const base = `${loginBase}/${pathTenant}`;
      sendJson(response, 200, {
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'],
      });
      return;
    }
    if (request.method === 'POST' && route === 'oauth2/v2.0/token') {
      const form = new URLSearchParams(await readBody(request));
      const clientId = form.get('client_id') ?? '';
      const scope = form.get('scope') ?? '';
      const granted =
        pathTenant === tenant && form.get('grant_type') === 'client_credentials' && clientId === config.appId && form.get('client_secret') === config.appPassword;
      tokenRequests.push({ tenant: pathTenant, clientId, scope, granted });
      if (!granted) {
        sendJson(response, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] });
        return;
      }
      const audience = scope.split(' ')[0]?.replace(/\/\.default$/, '') ?? '';
      const accessToken = await new SignJWT({ appid: clientId, tid: pathTenant })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuer(`${loginBase}/${pathTenant}/v2.0`)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(loginKey.privateKey);
      issuedTokens.add(accessToken);
      sendJson(response, 200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: accessToken });
      return;
    }
    sendJson(response, 404, { error: 'not found' });
  };
  const login = createHttpsServer({ cert: tls.cert, key: tls.key }, (request, response) => {
    answerLogin(request, response).catch(() => sendJson(response, 500, { error: 'server_error' }));
  });
  const loginBase = `https://127.0.0.1:${await listenLocal(login)}`;

  return {
    openIdMetadataUrl: `${metadataBase}/v1/.well-known/openidconfiguration`,
    loginUrl: loginBase,
    ca: tls.cert,
    kid,
    tokenRequests,
    issuedTokens,
    mintToken: async (options) => {
      const now = Math.floor(Date.now() / 1000);
      const expires = now + (options.expiresIn ?? 3600);
      const issuedAt = Math.min(now, expires - 3600);
      const useKid = options.kid ?? kid;
      return new SignJWT({ ...(options.serviceUrl === undefined ? {} : { serviceurl: options.serviceUrl }) })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: useKid })
        .setIssuer(options.issuer ?? CHANNEL_ISSUER)
        .setAudience(options.audience)
        .setIssuedAt(issuedAt)
        .setNotBefore(issuedAt)
        .setExpirationTime(expires)
        .sign(useKid === kid && !options.forgeSignature ? signing.privateKey : rogue.privateKey);
    },
    close: async () => {
      await Promise.all([closeServer(metadata), closeServer(login)]);
    },
  };
}
