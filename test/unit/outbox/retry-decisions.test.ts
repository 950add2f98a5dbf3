import { UnrecoverableError } from 'bullmq';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAppEnv } from '../../../config/app-env.ts';
import { HeimoError, PlatformRejectedError, RateLimitedError } from '../../../core/errors.ts';
import { createCircuitBreaker } from '../../../core/outbox/circuit-breaker.ts';
import { classifyFailure } from '../../../core/outbox/classify-failure.ts';
import { decideRetry, retryDelayMs } from '../../../core/outbox/retry-policy.ts';

const policy = { horizonMs: 24 * 3_600_000, maxAttempts: 8 };

describe('classifyFailure', () => {
  it('should tell waits, outages, refusals and defects apart when given typed errors', () => {
    expect(classifyFailure(new RateLimitedError('slack', 1_000))).toBe('rate-limited');
    expect(classifyFailure(new HeimoError('PLATFORM_UNAVAILABLE', 'slack chat.postMessage failed: HTTP 503'))).toBe('outage');
    expect(classifyFailure(new HeimoError('NOT_CONNECTED', 'slack is not connected'))).toBe('outage');
    expect(classifyFailure(new PlatformRejectedError('slack', 'chat.postMessage: channel_not_found'))).toBe('permanent');
    expect(classifyFailure(new HeimoError('NOT_FOUND', 'conversation c has no slack thread'))).toBe('permanent');
    expect(classifyFailure(new UnrecoverableError('malformed job'))).toBe('permanent');
    expect(classifyFailure(new TypeError('x is undefined'))).toBe('defect');
    expect(classifyFailure('a string')).toBe('defect');
  });
});

describe('decideRetry', () => {
  it('should keep retrying an outage however many attempts it took when the entry is younger than the horizon', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: policy.horizonMs - 1 }), (attempts, ageMs) => {
        const decision = decideRetry('outage', attempts, ageMs, policy);
        return !decision.dead && decision.delayMs <= 72_000 && decision.delayMs <= policy.horizonMs - ageMs;
      }),
    );
  });

  it('should make an entry dead when it is still failing at the horizon', () => {
    expect(decideRetry('outage', 3, policy.horizonMs, policy)).toMatchObject({ dead: true });
    expect(decideRetry('defect', 1, policy.horizonMs + 1, policy)).toMatchObject({ dead: true });
  });

  it('should make a refused entry dead at its first attempt', () => {
    expect(decideRetry('permanent', 1, 0, policy)).toMatchObject({ dead: true });
  });

  it('should give a defect only the attempt cap when it keeps failing', () => {
    expect(decideRetry('defect', 7, 1_000, policy)).toMatchObject({ dead: false });
    expect(decideRetry('defect', 8, 1_000, policy)).toMatchObject({ dead: true });
  });

  it('should back off exponentially with jitter and stay under the cap when attempts grow', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(500);
    expect(retryDelayMs(4, () => 0.5)).toBe(4_000);
    expect(retryDelayMs(50, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(5_000, () => 1)).toBe(72_000);
    expect(retryDelayMs(3, () => 0)).toBe(1_600);
  });
});

describe('createCircuitBreaker', () => {
  it('should open after the threshold of outage failures and admit nothing until the pause ends', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ threshold: 3, baseCooldownMs: 2_000, now: () => now });
    expect(breaker.failed()).toBeNull();
    expect(breaker.failed()).toBeNull();
    expect(breaker.failed()).toBe(2_000);
    expect(breaker.state()).toBe('open');
    expect(breaker.admit()).toEqual({ ok: false, waitMs: 2_000 });
    now = 1_500;
    expect(breaker.admit()).toEqual({ ok: false, waitMs: 500 });
  });

  it('should admit one probe when half-open and double the pause when the probe fails', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ threshold: 1, baseCooldownMs: 2_000, maxCooldownMs: 5_000, now: () => now });
    breaker.failed();
    now = 2_000;
    expect(breaker.state()).toBe('half-open');
    expect(breaker.admit()).toEqual({ ok: true });
    expect(breaker.admit().ok).toBe(false); // the probe is out: others wait for it
    expect(breaker.failed()).toBe(4_000);
    now = 6_000;
    expect(breaker.admit()).toEqual({ ok: true });
    expect(breaker.failed()).toBe(5_000); // capped
  });

  it('should admit another probe when the probe found nothing to send', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ threshold: 1, now: () => now });
    breaker.failed();
    now = 60_000;
    expect(breaker.admit()).toEqual({ ok: true });
    breaker.abandon();
    expect(breaker.admit()).toEqual({ ok: true });
  });

  it('should close and forget the failures when the platform answers', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ threshold: 2, now: () => now });
    breaker.failed();
    breaker.failed();
    now = 10_000;
    breaker.admit();
    breaker.succeeded();
    expect(breaker.snapshot()).toEqual({ state: 'closed', failures: 0, openedAt: null, retryAt: null });
    expect(breaker.failed()).toBeNull(); // the count starts again from zero
  });
});

describe('HEIMO_DELIVERY_RETRY_HORIZON', () => {
  const horizon = (value?: string): number | undefined => readAppEnv(value === undefined ? {} : { HEIMO_DELIVERY_RETRY_HORIZON: value }).delivery.retryHorizonMs;

  it('should read units and bare seconds when given a duration', () => {
    expect(horizon('24h')).toBe(86_400_000);
    expect(horizon('90m')).toBe(5_400_000);
    expect(horizon('1500ms')).toBe(1_500);
    expect(horizon('30')).toBe(30_000);
    expect(horizon()).toBeUndefined();
  });

  it('should name the variable when the value is not a duration or too short', () => {
    expect(() => horizon('soon')).toThrow(/HEIMO_DELIVERY_RETRY_HORIZON must be a duration/);
    expect(() => horizon('10ms')).toThrow(/at least 1 s/);
  });
});
