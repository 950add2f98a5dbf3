import { webApi } from '@slack/bolt';
import { HeimoError, PlatformRejectedError, RateLimitedError } from '../../core/index.ts';

// Slack answers these with HTTP 200 + ok:false, yet they are outages, not refusals: retry them.
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Error codes that mean the token no longer works: health turns red on them. */
export const AUTH_FAILURES = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

/** Reads Slack's `error` code from a platform error, if that is what `error` is. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  return code === webApi.ErrorCode.PlatformError && typeof data?.error === 'string' ? data.error : undefined;
}

/**
 * Translates a WebClient failure into Heimo's error types, so the outbox worker can tell
 * "wait and retry" (rate limit, outage) from "give up" (Slack refused the request).
 */
export function toHeimoError(error: unknown, method: string): HeimoError {
  if (error instanceof HeimoError) return error;
  const { code, retryAfter, statusCode } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    retryAfter?: unknown;
    statusCode?: unknown;
  };
  if (code === webApi.ErrorCode.RateLimitedError) {
    const seconds = typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : 1;
    return new RateLimitedError('slack', seconds * 1000, { cause: error, context: { method } });
  }
  const slackError = slackErrorCode(error);
  if (slackError === 'ratelimited') {
    const seconds = (error as { data?: { response_metadata?: { retryAfter?: unknown } } }).data?.response_metadata?.retryAfter;
    return new RateLimitedError('slack', (typeof seconds === 'number' ? seconds : 1) * 1000, { cause: error, context: { method } });
  }
  if (slackError !== undefined) {
    if (TRANSIENT.has(slackError)) {
      return new HeimoError('PLATFORM_UNAVAILABLE', `slack ${method} failed: ${slackError}`, { cause: error, context: { method, error: slackError } });
    }
    return new PlatformRejectedError('slack', `${method}: ${slackError}`, { cause: error, context: { method, error: slackError } });
  }
  if (code === webApi.ErrorCode.HTTPError && typeof statusCode === 'number' && statusCode < 500 && statusCode !== 408) {
    return new PlatformRejectedError('slack', `${method}: HTTP ${statusCode}`, { cause: error, context: { method, status: statusCode } });
  }
  // HTTP 5xx, connection errors and timeouts: Slack may be back in a moment.
  return new HeimoError('PLATFORM_UNAVAILABLE', `slack ${method} failed: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
    context: { method, ...(typeof statusCode === 'number' ? { status: statusCode } : {}) },
  });
}

/** Runs one Web API call and rethrows any failure as a Heimo error naming the method. */
export async function slackCall<T>(method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toHeimoError(error, method);
  }
}

/** Thrown through Bolt when the core failed: Slack gets a 500 (HTTP) or no ack (Socket Mode), so it redelivers. */
export class RedeliverError extends Error {
  // Bolt passes errors that carry a `code` through unchanged.
  readonly code = 'heimo_slack_redeliver';
}
