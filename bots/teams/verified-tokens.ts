import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import { createBoundedCache } from '../../core/index.ts';

/** How long a verified token is trusted without verifying it again. */
export interface VerifiedTokensConfig {
  /** At most this long (default 5 minutes), and never past the token's own `exp`. */
  maxAgeMs?: number;
  /** Distinct tokens remembered (default 1,000; Teams reuses one token for many activities). */
  capacity?: number;
  now?: () => number;
}

// The token's `exp` (ms), read only after the SDK verified its signature; undefined when absent.
function expiryOf(authHeader: string): number | undefined {
  const payload = authHeader.replace(/^Bearer\s+/i, '').split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes `authentication` remember what it verified. Teams sends the same channel token with many
 * activities, and Heimo checks each activity before the adapter checks it again: without this,
 * every activity costs two RSA signature verifications, the largest CPU cost of a Teams message.
 * The result is reused only for the same Authorization header, serviceUrl and channel (what the
 * verdict depends on), never past the token's expiry; refusals are never remembered.
 */
export function rememberVerifiedTokens(authentication: BotFrameworkAuthentication, config: VerifiedTokensConfig = {}): void {
  const maxAgeMs = config.maxAgeMs ?? 5 * 60_000;
  const now = config.now ?? Date.now;
  const verified = createBoundedCache<string, { result: AuthenticateRequestResult; until: number }>(config.capacity ?? 1_000);
  const verify = authentication.authenticateRequest.bind(authentication);
  authentication.authenticateRequest = async (activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> => {
    const key = `${authHeader}\n${activity.serviceUrl ?? ''}\n${activity.channelId ?? ''}`;
    const known = verified.get(key);
    if (known && known.until > now()) return known.result;
    const result = reuseConnectors(await verify(activity, authHeader));
    const expiry = expiryOf(authHeader);
    if (expiry !== undefined) verified.set(key, { result, until: Math.min(now() + maxAgeMs, expiry) });
    return result;
  };
}

// botbuilder builds a new ConnectorClient (an HTTP pipeline) for every activity it processes; one
// client per service URL and audience serves every activity under the same verified token.
function reuseConnectors(result: AuthenticateRequestResult): AuthenticateRequestResult {
  const factory = result.connectorFactory;
  if (factory === undefined) return result;
  const clients = new Map<string, ReturnType<typeof factory.create>>();
  const create = factory.create.bind(factory);
  factory.create = (serviceUrl: string, audience?: string) => {
    const key = `${serviceUrl}\n${audience ?? ''}`;
    const known = clients.get(key);
    if (known !== undefined) return known;
    const client = create(serviceUrl, audience);
    // A failed creation is not kept: the next activity tries again.
    client.catch(() => clients.delete(key));
    clients.set(key, client);
    return client;
  };
  return result;
}
