import { UnrecoverableError } from 'bullmq';
import { HeimoError, PlatformRejectedError, RateLimitedError } from '../errors.ts';

/**
 * What a failed delivery means for the entry:
 * - `rate-limited`: the platform asked to wait; nothing was posted, no attempt is spent.
 * - `outage`: the platform is down, slow or unreachable (5xx, network, timeouts, a token it refuses
 *   for now); the entry waits and retries until the retry horizon, and the platform's breaker counts it.
 * - `permanent`: the platform said this request can never succeed (no permission, unknown channel,
 *   invalid payload) or the entry cannot be delivered at all: a dead letter at once.
 * - `defect`: anything else (a bug, an unexpected answer): retried, up to the attempt cap.
 */
export type FailureKind = 'rate-limited' | 'outage' | 'permanent' | 'defect';

// Codes that mean "the request itself is wrong or its target is gone": retrying cannot change them.
const PERMANENT_CODES = new Set(['PLATFORM_REJECTED', 'NOT_FOUND', 'BAD_INPUT']);
// Codes that mean "the platform cannot be reached or served this now".
const OUTAGE_CODES = new Set(['PLATFORM_UNAVAILABLE', 'NOT_CONNECTED']);

/** Classifies a delivery failure by its typed error (see FailureKind); untyped errors are defects. */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof RateLimitedError) return 'rate-limited';
  if (error instanceof PlatformRejectedError || error instanceof UnrecoverableError) return 'permanent';
  if (error instanceof HeimoError) {
    if (PERMANENT_CODES.has(error.code)) return 'permanent';
    if (OUTAGE_CODES.has(error.code)) return 'outage';
  }
  return 'defect';
}
