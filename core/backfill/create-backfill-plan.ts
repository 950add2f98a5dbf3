import type { BackfillPlan, BackfillStore } from './port.ts';

/** What a plan needs: the store, how far back to read, and the clock. */
export interface BackfillPlanConfig {
  store: BackfillStore;
  horizonMs: number;
  now?: () => Date;
}

/**
 * Decides where a backfill resumes and how far back it may read: after the newest message Heimo
 * saw in a place, never before the horizon, and never before Heimo began watching the channel
 * (so routing an old channel, or a first start, does not relay a week of old messages).
 */
export function createBackfillPlan(config: BackfillPlanConfig): BackfillPlan {
  const now = config.now ?? (() => new Date());
  const horizon = (): Date => new Date(now().getTime() - config.horizonMs);
  return {
    lastSeen: (place) => config.store.lastSeen(place),
    // Watched channels are recorded at every start; an employee channel is not (its threads are Heimo's own cards).
    notBefore: async (platform, channelId) => {
      const since = await config.store.watchedSince(platform, channelId);
      const floor = horizon();
      return since !== null && since > floor ? since : floor;
    },
    openThreads: (platform) => config.store.openThreads(platform, horizon()),
  };
}
