import type { CommunityConfig } from '../domain/network.ts';
import type { Tx } from '../jobs/index.ts';
import type { RecognitionContext } from './recognition-context.ts';
import { moveOf, tierFor } from './tier-rules.ts';

// Applying a person's tier: the points over the community's window decide the tier they reach;
// a promotion (never for someone in an open credit-ring flag) or, where the caller allows it, a
// demotion is written with its TierChange row and the tier.changed event in the same transaction.

/** Which moves a recompute may make: promotions only (a credit), or both (the schedule, a moderator). */
export type MoveMode = 'promote' | 'both';

/** What happened to one person. */
export type MoveResult = 'promoted' | 'demoted' | 'kept';

/** Where the window of the community's tiers starts at `now`. */
export const windowStart = (community: CommunityConfig, now: Date): Date => new Date(now.getTime() - community.credits.tierWindowMs);

/**
 * Recomputes one person's tier in `tx` and applies it. `points` may be given (a batch read them
 * all at once); otherwise they are read from credits. The person is locked first, so a credit
 * and a recompute of the same person never both promote.
 */
export async function applyTier(ctx: RecognitionContext, tx: Tx, community: CommunityConfig, personId: string, mode: MoveMode, points?: number): Promise<MoveResult> {
  const now = ctx.now();
  await ctx.store.lock(tx, community.id, personId);
  const total = points ?? (await ctx.credits.pointsSince(community.id, personId, windowStart(community, now), tx));
  const held = await ctx.store.holding(tx, community.id, personId);
  const { tiers } = community.credits;
  const reached = tierFor(tiers, total);
  const move = moveOf(tiers, held?.tierId ?? null, reached?.id ?? null);
  if (move === 'keep' || (move === 'demote' && mode === 'promote')) return 'kept';
  if (move === 'promote') {
    // A person in an open ring flag is not promoted until a moderator clears the flag.
    if (await ctx.credits.isFlagged(community.id, personId, tx)) {
      ctx.logger.info('recognition: flagged person not promoted', { communityId: community.id, personId, points: total });
      return 'kept';
    }
  }
  const direction = move === 'promote' ? 'promoted' : 'demoted';
  if (reached === null) await ctx.store.remove(tx, community.id, personId);
  else await ctx.store.save(tx, { communityId: community.id, personId, tierId: reached.id, since: now, grantedRoleId: held?.grantedRoleId ?? null, discordUserId: held?.discordUserId ?? null });
  const change = { communityId: community.id, personId, from: held?.tierId ?? null, to: reached?.id ?? null, direction, points: total, at: now } as const;
  const changeId = await ctx.store.recordChange(tx, change);
  await ctx.jobs.publish(tx, {
    type: 'tier.changed', communityId: community.id, identityId: personId, changeId, from: change.from, to: change.to, direction, at: now.toISOString(),
  });
  return direction;
}

/**
 * Recomputes every holder of a tier in the community (and, with mode `both` and `everyone`, every
 * person with credit in the window, so someone a moderator gave points to is promoted too).
 */
export async function applyTiers(ctx: RecognitionContext, tx: Tx, community: CommunityConfig, mode: MoveMode, everyone: boolean): Promise<{ promoted: number; demoted: number }> {
  const totals = await ctx.credits.totalsSince(community.id, windowStart(community, ctx.now()), tx);
  const holders = (await ctx.store.holdings(community.id, tx)).map((holding) => holding.personId);
  const people = new Set([...holders, ...(everyone ? totals.keys() : [])]);
  const counts = { promoted: 0, demoted: 0 };
  for (const personId of [...people].sort()) {
    // Staff count on their own board only: the totals hold community credits, so a staff holder falls to none.
    const result = await applyTier(ctx, tx, community, personId, mode, totals.get(personId) ?? 0);
    if (result !== 'kept') counts[result] += 1;
  }
  return counts;
}
