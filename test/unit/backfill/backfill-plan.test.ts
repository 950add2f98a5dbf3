import { describe, expect, it } from 'vitest';
import { createBackfillPlan } from '../../../core/backfill/create-backfill-plan.ts';
import type { BackfillStore } from '../../../core/backfill/port.ts';

const now = new Date('2026-12-03T10:00:00Z');
const DAY = 86_400_000;

// Pure decisions over a store that answers from a table.
const storeWith = (watched: Record<string, Date>): BackfillStore & { openSince: Date[] } => {
  const openSince: Date[] = [];
  return {
    openSince,
    lastSeen: async () => null,
    watch: async () => undefined,
    watchedSince: async (_platform, channelId) => watched[channelId] ?? null,
    openThreads: async (_platform, since) => {
      openSince.push(since);
      return [];
    },
  };
};

describe('backfill plan', () => {
  it('should read no further back than the horizon when the channel was watched for longer', async () => {
    const plan = createBackfillPlan({ store: storeWith({ C1: new Date(now.getTime() - 30 * DAY) }), horizonMs: 7 * DAY, now: () => now });
    expect(await plan.notBefore('discord', 'C1')).toEqual(new Date(now.getTime() - 7 * DAY));
  });

  it('should read nothing from before Heimo began watching when a channel was routed recently', async () => {
    const since = new Date(now.getTime() - 2 * 3_600_000);
    const plan = createBackfillPlan({ store: storeWith({ C1: since }), horizonMs: 7 * DAY, now: () => now });
    expect(await plan.notBefore('discord', 'C1')).toEqual(since);
  });

  it('should bound employee threads by the horizon when the channel has no watch record', async () => {
    const store = storeWith({});
    const plan = createBackfillPlan({ store, horizonMs: DAY, now: () => now });
    expect(await plan.notBefore('slack', 'C0SUPPORT')).toEqual(new Date(now.getTime() - DAY));
    await plan.openThreads('slack');
    expect(store.openSince).toEqual([new Date(now.getTime() - DAY)]);
  });
});
