import type { FailureKind } from './classify-failure.ts';

/** Exponential backoff with jitter for failed deliveries: 0.5 s, 1 s, 2 s ... capped at `maxMs` (60 s). */
export function retryDelayMs(attempt: number, random: () => number = Math.random, maxMs = 60_000): number {
  const base = Math.min(maxMs, 500 * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  // Jitter spreads retries of many conversations that failed together (a platform outage).
  return Math.round(base * (0.8 + random() * 0.4));
}

/** How long failed deliveries are retried. */
export interface RetryPolicyConfig {
  /** How long an entry keeps retrying through outages, from when it was written (default 24 h). */
  horizonMs: number;
  /** Attempts allowed for failures that are neither outages nor refusals (defects; default 8). */
  maxAttempts: number;
}

/** Default retry policy: outages wait a day, defects get 8 attempts. */
export const DEFAULT_RETRY_POLICY: RetryPolicyConfig = { horizonMs: 24 * 60 * 60 * 1000, maxAttempts: 8 };

/** What to do with an entry whose attempt failed: retry after `delayMs`, or make it a dead letter (and why). */
export type RetryDecision = { dead: false; delayMs: number } | { dead: true; reason: string };

/**
 * Decides a failed attempt's fate. Refusals die at once; outages retry until the horizon, however
 * many attempts that takes; defects retry up to the attempt cap (and never past the horizon).
 */
export function decideRetry(kind: FailureKind, attempts: number, ageMs: number, policy: RetryPolicyConfig, random: () => number = Math.random): RetryDecision {
  if (kind === 'permanent') return { dead: true, reason: 'the platform refused it for good' };
  if (ageMs >= policy.horizonMs) return { dead: true, reason: `still failing after the retry horizon (${Math.round(policy.horizonMs / 1000)} s)` };
  if (kind === 'defect' && attempts >= policy.maxAttempts) return { dead: true, reason: `failed ${attempts} attempts` };
  // Never wait past the horizon: the last try happens at it.
  return { dead: false, delayMs: Math.max(0, Math.min(retryDelayMs(attempts, random), policy.horizonMs - ageMs)) };
}
