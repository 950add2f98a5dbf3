import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../../core/outbox/circuit-breaker.ts';
import { formatDeliveryStatus, readDeliveryStatus } from '../../../core/outbox/delivery-status.ts';

const NOW = Date.parse('2026-12-03T06:00:00Z');

describe('delivery status', () => {
  it('should report breaker, pause, backlog and the oldest entry per platform when a platform is down', async () => {
    let now = NOW;
    const breaker = createCircuitBreaker({ threshold: 1, baseCooldownMs: 30_000, now: () => now });
    breaker.failed();
    now += 5_000;
    const status = await readDeliveryStatus({
      store: { backlog: async () => [{ platform: 'slack', pending: 12, dead: 1, oldestPendingAt: new Date(NOW - 95_000) }] },
      platforms: ['discord', 'slack'],
      queueOf: (platform) => ({ getRateLimitTtl: async () => (platform === 'slack' ? 25_000 : 0) }),
      breakerOf: (platform) => (platform === 'slack' ? breaker : createCircuitBreaker()),
      now: () => NOW,
    });
    expect(status).toEqual([
      { platform: 'discord', breaker: 'closed', failures: 0, pausedForMs: 0, pending: 0, oldestPendingMs: 0, dead: 0 },
      { platform: 'slack', breaker: 'open', failures: 1, pausedForMs: 25_000, pending: 12, oldestPendingMs: 95_000, dead: 1 },
    ]);
    expect(formatDeliveryStatus(status)).toEqual([
      'discord   queue=running  breaker=closed  pending=0  oldest=-  dead=0',
      'slack     queue=paused 25 s  breaker=open  pending=12  oldest=95 s  dead=1',
    ]);
  });

  it('should leave the breaker out when the reader runs no worker (the command line)', async () => {
    const status = await readDeliveryStatus({
      store: { backlog: async () => [{ platform: 'teams', pending: 3, dead: 0, oldestPendingAt: new Date(NOW - 3 * 3_600_000) }] },
      platforms: [],
      now: () => NOW,
    });
    expect(formatDeliveryStatus(status)).toEqual(['teams     queue=running  pending=3  oldest=3.0 h  dead=0']);
  });
});
