import type { FiredTimer, Tx } from '../jobs/index.ts';
import type { RecognitionContext } from './recognition-context.ts';
import { applyTiers } from './tier-moves.ts';
import { nextDemotion } from './tier-rules.ts';

// Demotions happen only on the community's schedule: one timer per community, due at the start
// of the next month (or ISO week, `demoteEvery`). When it fires, everyone holding a tier is
// recomputed and those below their tier's threshold are demoted, all in the timer's transaction
// (the firing happens exactly once), and the timer re-arms itself for the next period.

/** The timer kind recognition handles (`jobs.onTimer`). */
export const DEMOTE_TIMER = 'recognition.demote';

/** The key of a community's demotion timer. */
export const demoteKey = (communityId: string): string => `${DEMOTE_TIMER}:${communityId}`;

/** Sets the community's demotion timer to the next period's start after `from`. */
export async function armDemotion(ctx: Pick<RecognitionContext, 'jobs' | 'community'>, tx: Tx, communityId: string, from: Date): Promise<Date | null> {
  const community = ctx.community(communityId);
  if (community === undefined) return null;
  const dueAt = nextDemotion(from, community.credits.demoteEvery);
  await ctx.jobs.setTimer(tx, { key: demoteKey(communityId), kind: DEMOTE_TIMER, dueAt, payload: { communityId } });
  return dueAt;
}

/** Handles a fired demotion timer: demotes the community's holders below their threshold and re-arms. */
export async function fireDemotion(ctx: RecognitionContext, timer: FiredTimer, tx: Tx): Promise<void> {
  const communityId = String(timer.payload['communityId'] ?? '');
  const community = ctx.community(communityId);
  // Tiers switched off: the timer stops (reconcile arms it again once they are back).
  if (community === undefined) return;
  const counts = await applyTiers(ctx, tx, community, 'both', false);
  ctx.logger.info('recognition: scheduled tier recompute', { communityId, ...counts });
  // From the later of the due time and now: a run that was late does not fire again at once.
  await armDemotion(ctx, tx, communityId, new Date(Math.max(timer.dueAt.getTime(), timer.firedAt.getTime())));
}
