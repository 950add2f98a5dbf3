import { HeimoError, PlatformRejectedError, RateLimitedError } from '../../core/index.ts';

interface ErrorShape {
  statusCode?: unknown;
  status?: unknown;
  code?: unknown;
  errorCode?: unknown;
  response?: { status?: unknown; headers?: unknown };
}

const shape = (error: unknown): ErrorShape => (typeof error === 'object' && error !== null ? (error as ErrorShape) : {});

/** The HTTP status behind a connector (RestError) or token (MSAL ServerError) failure, if any. */
function statusOf(error: unknown): number | undefined {
  const { statusCode, status, response } = shape(error);
  for (const value of [statusCode, status, response?.status]) if (typeof value === 'number' && value >= 100) return value;
  return undefined;
}

function header(error: unknown, name: string): string | undefined {
  const headers = shape(error).response?.headers as { get?: (name: string) => string | undefined } | Record<string, unknown> | undefined;
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return (headers as { get: (name: string) => string | undefined }).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Retry-After in ms (seconds or an HTTP date); Teams often omits it, so fall back to one second. */
function retryAfterMs(error: unknown): number {
  const raw = header(error, 'retry-after');
  if (raw === undefined) return 1000;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? 1000 : Math.max(0, date - Date.now());
}

/**
 * Translates a connector or token failure into Heimo's error types, so the outbox can tell
 * "wait" (429), "give up" (other 4xx) and "retry later" (5xx, network, timeouts) apart.
 */
export function toHeimoError(error: unknown, method: string): HeimoError {
  if (error instanceof HeimoError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const { errorCode } = shape(error);
  if (typeof errorCode === 'string') {
    // MSAL could not get Heimo's own token (wrong secret, authority down): every delivery would
    // fail alike, so keep them pending for a retry after the operator fixes it instead of dropping them.
    return new HeimoError('PLATFORM_UNAVAILABLE', `teams ${method}: no access token (${errorCode})`, { cause: error, context: { method, stage: 'token', errorCode } });
  }
  const status = statusOf(error);
  const context = { method, ...(status === undefined ? {} : { status }) };
  if (status === 429) return new RateLimitedError('teams', retryAfterMs(error), { cause: error, context });
  // 401: Heimo's token was refused (rotated secret, clock skew): an outage for every delivery, retried.
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 401) {
    return new PlatformRejectedError('teams', `${method}: HTTP ${status}`, { cause: error, context });
  }
  return new HeimoError('PLATFORM_UNAVAILABLE', `teams ${method} failed: ${message}`, { cause: error, context });
}

/** True when a delete failed only because the message is already gone. */
export const isGone = (error: unknown): boolean => error instanceof HeimoError && error.context['status'] === 404;
