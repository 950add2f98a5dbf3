import type { FiredTimer, Tx } from '../jobs/index.ts';
import type { RecognitionContext } from './recognition-context.ts';
import { applyTiers } from './tier-moves.ts';
import { nextDemotion } from './tier-rules.ts';

// Demotions happen only on the community's schedule: one timer per community and period, due at
// the start of the next month (or ISO week, `demoteEvery`). When it fires, everyone holding a tier
// is recomputed and those below their tier's threshold are demoted, all in the timer's transaction
// (the firing happens exactly once), and it arms the next period's timer.
//
// The period's date is part of the key (`recognition.demote:<communityId>:<yyyy-mm-dd>`): arming
// (at worker start, on a promotion) sets the next period's timer again without moving anything,
// whereas one key per community would move a timer that came due while no worker ran to next
// month before the start-up sweep fired it, and that month's demotions would be lost.

/** The timer kind recognition handles (`jobs.onTimer`). */
export const DEMOTE_TIMER = 'recognition.demote';

/** The key of a community's demotion timer due at `dueAt`. */
export const demoteKey = (communityId: string, dueAt: Date): string => `${DEMOTE_TIMER}:${communityId}:${dueAt.toISOString().slice(0, 10)}`;

/** Sets the community's demotion timer for the next period's start after `from` (again: the same timer). */
export async function armDemotion(ctx: Pick<RecognitionContext, 'jobs' | 'community'>, tx: Tx, communityId: string, from: Date): Promise<Date | null> {
  const community = ctx.community(communityId);
  if (community === undefined) return null;
  const dueAt = nextDemotion(from, community.credits.demoteEvery);
  await ctx.jobs.setTimer(tx, { key: demoteKey(communityId, dueAt), kind: DEMOTE_TIMER, dueAt, payload: { communityId } });
  return dueAt;
}

/** Handles a fired demotion timer: demotes the community's holders below their threshold and re-arms. */
export async function fireDemotion(ctx: RecognitionContext, timer: FiredTimer, tx: Tx): Promise<void> {
  const communityId = String(timer.payload['communityId'] ?? '');
  const community = ctx.community(communityId);
  // Tiers switched off: no timer follows (reconcile arms one again once they are back).
  if (community === undefined) return;
  const counts = await applyTiers(ctx, tx, community, 'both', false);
  ctx.logger.info('recognition: scheduled tier recompute', { communityId, ...counts });
  // From the later of the due time and now: a run that was late does not fire again at once.
  await armDemotion(ctx, tx, communityId, new Date(Math.max(timer.dueAt.getTime(), timer.firedAt.getTime())));
}
