import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { HeimoError } from '../../../core/errors.ts';
import { createLogger } from '../../../core/logger.ts';
import { NOOP_METRICS } from '../../../core/metrics/metrics.ts';
import { createCircuitBreaker } from '../../../core/outbox/circuit-breaker.ts';
import { createDrain, type DrainContext } from '../../../core/outbox/drain-stream.ts';
import type { ClaimedEntry, OutboxStore } from '../../../core/outbox/port.ts';
import type { DeliveryStream } from '../../../core/domain/outbox.ts';

const stream: DeliveryStream = { conversationId: 'c1', platform: 'discord' };
const job = { id: 'j1', data: stream, attemptsStarted: 1 } as unknown as Job<DeliveryStream>;

// One pending message.post whose delivery runs `post`; the store records what the drain decided.
function setUp(post: () => Promise<string[]>, now: () => number, settlingMs?: number) {
  const failed: Array<{ error: string; dead: boolean }> = [];
  const scheduled: Array<{ streams: DeliveryStream[]; delayMs: number | undefined }> = [];
  let pending = true;
  const claimed = (): ClaimedEntry => ({
    entry: { id: 'e1', conversationId: 'c1', seq: 1, platform: 'discord', kind: 'message.post', payload: { messageId: 'm1' }, attempts: 1, createdAtMs: 0 },
    link: { conversationId: 'c1', platform: 'discord', side: 'customer', channelId: 'T', threadId: 'T', cardMessageId: null, url: null },
    message: { id: 'm1', conversationId: 'c1', platform: 'slack', channelId: 'S', externalId: 'x', text: 'hi', internal: false, deleted: false, isQuestion: false, author: { displayName: 'Eve' }, attachments: [] },
  });
  const store = {
    claimSettled: async () => (settlingMs !== undefined ? { waitMs: settlingMs } : pending ? claimed() : null),
    complete: async () => {
      pending = false;
      return { morePending: false };
    },
    fail: async (_id: string, error: string, dead: boolean) => {
      failed.push({ error, dead });
      if (dead) pending = false;
    },
    releaseAttempt: async () => undefined,
  } as unknown as OutboxStore;
  const breaker = createCircuitBreaker({ threshold: 1, baseCooldownMs: 1_000, now });
  const pauses: number[] = [];
  const context: DrainContext = {
    store,
    deliveries: { discord: { postMessage: post } as never },
    communityName: () => 'Acme',
    logger: createLogger({ level: 'silent' }),
    metrics: NOOP_METRICS,
    retry: { horizonMs: 86_400_000, maxAttempts: 8 },
    batchSize: 10,
    breaker: () => breaker,
    pause: async (_platform, ms) => void pauses.push(ms),
    schedule: async (streams, delayMs) => void scheduled.push({ streams, delayMs }),
    settleMs: 250,
    closing: () => false,
    now,
  };
  return { drain: createDrain(context), breaker, failed, pauses, scheduled };
}

describe('createDrain', () => {
  it('should pause the platform without calling it when the breaker is open', async () => {
    let calls = 0;
    let now = 0;
    const { drain, breaker, pauses } = setUp(async () => {
      calls += 1;
      return ['p1'];
    }, () => now);
    breaker.failed();
    now = 400;
    await expect(drain(job)).rejects.toThrow(/rateLimitExceeded/);
    expect(calls).toBe(0);
    expect(pauses).toEqual([600]);
  });

  it('should open the breaker and pause the queue when a delivery meets an outage', async () => {
    const { drain, breaker, failed, pauses } = setUp(async () => {
      throw new HeimoError('PLATFORM_UNAVAILABLE', 'discord answered 503');
    }, () => 0);
    await expect(drain(job)).rejects.toThrow(/rateLimitExceeded/);
    expect(failed).toEqual([{ error: expect.stringContaining('503'), dead: false }]);
    expect(breaker.state()).toBe('open');
    expect(pauses).toEqual([1_000]);
  });

  it('should free the probe when the probing delivery fails for another reason than an outage', async () => {
    let now = 0;
    const { drain, breaker } = setUp(async () => {
      throw new TypeError('cannot read properties of undefined');
    }, () => now);
    breaker.failed();
    now = 5_000; // half-open: the drain's delivery is the probe
    await expect(drain(job)).rejects.toThrow(TypeError);
    expect(breaker.admit()).toEqual({ ok: true });
  });

  it('should come back after the remaining time without delivering when the next entry is still settling', async () => {
    let calls = 0;
    const { drain, breaker, scheduled } = setUp(async () => {
      calls += 1;
      return ['p1'];
    }, () => 0, 180);
    await drain(job);
    expect(calls).toBe(0);
    expect(scheduled).toEqual([{ streams: [stream], delayMs: 180 }]);
    expect(breaker.admit()).toEqual({ ok: true });
  });

  it('should close the breaker when the probe gets through', async () => {
    let now = 0;
    const { drain, breaker } = setUp(async () => ['p1'], () => now);
    breaker.failed();
    now = 5_000;
    await drain(job);
    expect(breaker.state()).toBe('closed');
  });
});
