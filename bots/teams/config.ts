import { readFileSync } from 'node:fs';
import { type Env, type EnvRead, optional } from '../../config/env-read.ts';
import { documented, oneOf, readEnv, text, trueOrFalse, urlValue } from '../../config/env-schema.ts';
import { ConfigError, type Logger } from '../../core/index.ts';
import { allowlistValue, createServiceUrlAllowlist } from './service-url-allowlist.ts';

/** How the bot's Entra app registration authenticates (Azure Bot's "type"). */
export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/** Teams settings read from the environment (no logger yet: start-up adds it). */
export interface TeamsEnvConfig {
  /** Empty only with `insecureDev`: authentication is then OFF. */
  appId: string;
  appPassword?: string;
  tenantId?: string;
  appType: TeamsAppType;
  /** Where inbound tokens' signing keys are listed (Bot Framework's OpenID metadata). */
  openIdMetadataUrl: string;
  /** The authority outbound tokens come from, without tenant (e.g. https://login.microsoftonline.com). */
  loginUrl: string;
  /** Prefixes a serviceUrl must start with before Heimo talks to it. */
  allowedServiceUrls: string[];
  /**
   * The connector for proactive posts into a team no activity has come from yet: TEAMS_SERVICE_URL,
   * else the public cloud's when the allowlist holds it, else none (such posts wait for an activity).
   */
  serviceUrl?: string;
  insecureDev: boolean;
  /**
   * PEM CA certificate(s) trusted for TEAMS_LOGIN_URL only, in place of Node's built-in list
   * (a private authority, or the tests' fake); read from TEAMS_LOGIN_CA_FILE at start.
   */
  loginCa?: string;
}

/** Everything createTeamsBot needs. */
export interface TeamsBotConfig extends TeamsEnvConfig {
  logger: Logger;
  /** How long a card button waits for its command before answering "working on it" (Teams allows an invoke about 5 s; default 4 s). */
  invokeDeadlineMs?: number;
}

/** Teams' connector hosts: public cloud, GCC, GCC High and DoD. */
export const DEFAULT_ALLOWED_SERVICE_URLS = [
  'https://smba.trafficmanager.net/',
  'https://smba.infra.gcc.teams.microsoft.com/',
  'https://smba.infra.gov.teams.microsoft.us/',
  'https://smba.infra.dod.teams.microsoft.us/',
];

const CREDENTIALS = ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID'];
const TYPES: TeamsAppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
/** The public cloud's connector, used for posts into an unheard-of team when the allowlist holds it. */
export const PUBLIC_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

/** Teams' variables: one line each, with README's description and default (see README's Teams section). */
export const TEAMS_ENV = {
  MICROSOFT_APP_ID: documented(text().optional(), 'the Azure Bot\'s Microsoft App ID'),
  MICROSOFT_APP_PASSWORD: documented(text().optional(), 'its client secret (not used with a managed identity)'),
  MICROSOFT_APP_TENANT_ID: documented(text().optional(), 'its tenant (single tenant and managed identity)'),
  MICROSOFT_APP_TYPE: documented(oneOf(TYPES).optional(), '`SingleTenant`, `MultiTenant` or `UserAssignedMSI`, as registered', {
    default: '`SingleTenant` with a tenant id, else `MultiTenant`',
  }),
  TEAMS_OPENID_METADATA_URL: documented(urlValue().optional(), "where inbound tokens' signing keys are published", {
    default: '`https://login.botframework.com/v1/.well-known/openidconfiguration` (the `.azure.us` one for a US Government login)',
  }),
  TEAMS_LOGIN_URL: documented(urlValue().default('https://login.microsoftonline.com'), 'the authority Heimo gets its own tokens from, without tenant'),
  TEAMS_LOGIN_CA_FILE: documented(text().optional(), 'PEM file of the CA certificate(s) trusted for `TEAMS_LOGIN_URL` instead of Node\'s list'),
  TEAMS_ALLOWED_SERVICE_URLS: documented(allowlistValue().default(DEFAULT_ALLOWED_SERVICE_URLS), 'comma-separated connector prefixes Heimo accepts activities from and sends its token to', {
    default: "Teams' public, GCC, GCC High and DoD hosts",
  }),
  TEAMS_SERVICE_URL: documented(urlValue().optional(), 'connector for cards to a team no activity has come from yet; must lie inside the allowlist', {
    default: '`https://smba.trafficmanager.net/teams/` when the allowlist holds it, else none',
  }),
  HEIMO_TEAMS_INSECURE_DEV: documented(trueOrFalse().default(false), 'development only: run the Teams bot without credentials (authentication OFF; logs a warning on every start)'),
};

/** True for US Government authorities, whose Bot Framework endpoints differ from the public cloud's. */
export const isUsGovLogin = (loginUrl: string): boolean => new URL(loginUrl).hostname.toLowerCase().endsWith('.us');

/** The variable a complete credential set still lacks for `type`, if any. */
export function missingCredential(config: Pick<TeamsEnvConfig, 'appId' | 'appPassword' | 'tenantId' | 'appType'>): string | undefined {
  if (!config.appId) return 'MICROSOFT_APP_ID';
  if (config.appType !== 'UserAssignedMSI' && !config.appPassword) return 'MICROSOFT_APP_PASSWORD';
  if (config.appType !== 'MultiTenant' && !config.tenantId) return 'MICROSOFT_APP_TENANT_ID';
  return undefined;
}

// NODE_EXTRA_CA_CERTS is read once when Node starts, so a CA for the login authority is a file read here.
function readLoginCa(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ConfigError('CONFIG_INVALID', 'TEAMS_LOGIN_CA_FILE', `TEAMS_LOGIN_CA_FILE cannot be read (${reason}): "${path}"`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError('CONFIG_INVALID', 'TEAMS_LOGIN_CA_FILE', `TEAMS_LOGIN_CA_FILE holds no PEM certificate: "${path}"`);
  }
  return pem;
}

/**
 * Reads the Teams settings. Nothing Teams-related set: absent (the bot is not started). Anything
 * set but credentials incomplete: a ConfigError naming the first missing variable, unless
 * HEIMO_TEAMS_INSECURE_DEV is on and no credential is set at all (authentication OFF, for a laptop).
 */
export function readTeamsEnv(env: Env): EnvRead<TeamsEnvConfig> {
  const read = readEnv(TEAMS_ENV, env);
  const insecureDev = read.HEIMO_TEAMS_INSECURE_DEV;
  // Any Teams variable set means Teams is being set up, but an explicit HEIMO_TEAMS_INSECURE_DEV=false
  // in a shared .env must not switch Teams on.
  const present = Object.keys(TEAMS_ENV).filter((name) => name !== 'HEIMO_TEAMS_INSECURE_DEV' && optional(env, name) !== undefined);
  if (present.length === 0 && !insecureDev) return { status: 'absent', missing: [...CREDENTIALS] };
  const { MICROSOFT_APP_PASSWORD: appPassword, MICROSOFT_APP_TENANT_ID: tenantId, TEAMS_LOGIN_URL: loginUrl, TEAMS_ALLOWED_SERVICE_URLS: allowedServiceUrls } = read;
  const usGov = isUsGovLogin(loginUrl);
  const loginCa = readLoginCa(read.TEAMS_LOGIN_CA_FILE);
  // The connector joins paths onto this base, so keep the trailing slash Teams' URLs have. Without
  // TEAMS_SERVICE_URL, each team's connector comes from its activities; the public cloud's is only a
  // fallback where the allowlist holds it (a sovereign cloud or a proxy has no such fallback).
  const serviceUrl = read.TEAMS_SERVICE_URL === undefined ? (createServiceUrlAllowlist(allowedServiceUrls).allows(PUBLIC_SERVICE_URL) ? PUBLIC_SERVICE_URL : undefined) : `${read.TEAMS_SERVICE_URL}/`;
  const config: TeamsEnvConfig = {
    appId: read.MICROSOFT_APP_ID ?? '',
    ...(appPassword === undefined ? {} : { appPassword }),
    ...(tenantId === undefined ? {} : { tenantId }),
    appType: read.MICROSOFT_APP_TYPE ?? (tenantId === undefined ? 'MultiTenant' : 'SingleTenant'),
    openIdMetadataUrl:
      read.TEAMS_OPENID_METADATA_URL ??
      (usGov ? 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration' : 'https://login.botframework.com/v1/.well-known/openidconfiguration'),
    loginUrl,
    allowedServiceUrls,
    ...(serviceUrl === undefined ? {} : { serviceUrl }),
    insecureDev,
    ...(loginCa === undefined ? {} : { loginCa }),
  };
  const noCredentials = CREDENTIALS.every((name) => optional(env, name) === undefined);
  const missing = missingCredential(config);
  if (missing !== undefined && !(insecureDev && noCredentials)) {
    throw new ConfigError('CONFIG_MISSING', missing, `${missing} is required for Teams (set HEIMO_TEAMS_INSECURE_DEV=true only on a development machine)`);
  }
  return { status: 'configured', config };
}

/** Refuses a TEAMS_SERVICE_URL outside the allowlist: Heimo would never be allowed to call it. */
export function assertServiceUrlAllowed(config: Pick<TeamsEnvConfig, 'serviceUrl' | 'allowedServiceUrls'>): void {
  if (config.serviceUrl !== undefined && !createServiceUrlAllowlist(config.allowedServiceUrls).allows(config.serviceUrl)) {
    throw new ConfigError('CONFIG_INVALID', 'TEAMS_SERVICE_URL', 'TEAMS_SERVICE_URL must be inside TEAMS_ALLOWED_SERVICE_URLS');
  }
}
