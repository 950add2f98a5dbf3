import type { FiredTimer, Jobs, Tx } from '../jobs/index.ts';
import type { ArticleWriter } from './article-writer.ts';
import { STALE_REASONS } from './knowledge-types.ts';
import type { ArticleQueries } from './sql-article-store.ts';

// Re-verification: one timer per community, not per article, due when its published article
// verified longest ago reaches the community's `reverifyAfterMs`. Publishing and verifying set it
// (from the Article table, in the same transaction); when it fires, every article then due is
// flagged stale at once and the timer moves on to the next one. An import of 100,000 articles thus
// costs one timer, not 100,000 timer rows and queued jobs, and retiring needs no timer change (the
// firing finds nothing due and moves on).

/** The timer kind the knowledge base handles (`jobs.onTimer`). */
export const REVERIFY_TIMER = 'kb.reverify';

/** The key of a community's re-verify timer. */
export const reverifyKey = (communityId: string): string => `${REVERIFY_TIMER}:${communityId}`;

/** Articles flagged per firing; more due ones fire the timer again at once. */
export const STALE_BATCH = 500;

/** What arming and firing need. */
export interface ReverifyConfig {
  jobs: Pick<Jobs, 'setTimer' | 'clearTimer'>;
  articles: Pick<ArticleQueries, 'oldestVerified' | 'verifiedBefore'>;
  reverifyAfterMs: (communityId: string) => number;
}

/** Sets the community's timer to when its next article falls due (clears it when none is published and unflagged). */
export async function armReverify(config: ReverifyConfig, tx: Tx, communityId: string): Promise<void> {
  const oldest = await config.articles.oldestVerified(tx, communityId);
  const key = reverifyKey(communityId);
  if (oldest === null) return config.jobs.clearTimer(tx, key);
  const dueAt = new Date(oldest.getTime() + config.reverifyAfterMs(communityId));
  await config.jobs.setTimer(tx, { key, kind: REVERIFY_TIMER, dueAt, payload: { communityId } });
}

/** Handles a fired timer: flags the community's due articles stale (as Heimo, reason `age`) and re-arms. */
export async function fireReverify(config: ReverifyConfig & { writer: ArticleWriter }, timer: FiredTimer, tx: Tx): Promise<void> {
  const communityId = String(timer.payload['communityId'] ?? '');
  const before = new Date(timer.firedAt.getTime() - config.reverifyAfterMs(communityId));
  const due = await config.articles.verifiedBefore(tx, communityId, before, STALE_BATCH);
  await config.writer.write(tx, due.map((article) => ({ before: article, after: { ...article, stale: true, staleReason: STALE_REASONS.age }, action: 'stale', actor: { kind: 'heimo' }, reason: STALE_REASONS.age })));
  // Flagged ones leave the minimum: the timer moves to the next due article (now, when a full batch left more).
  await armReverify(config, tx, communityId);
}
