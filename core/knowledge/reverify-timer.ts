import type { FiredTimer } from '../jobs/index.ts';

// Each published article has one timer: due `reverifyAfterMs` after it was last verified, it flags
// the article stale. Publishing and verifying set (move) it; leaving `published` clears it.

/** The timer kind the knowledge base handles (`jobs.onTimer`). */
export const REVERIFY_TIMER = 'kb.reverify';

/** The key of an article's re-verify timer. */
export const reverifyKey = (articleId: string): string => `${REVERIFY_TIMER}:${articleId}`;

/** The article a fired re-verify timer is for. */
export const articleOf = (timer: FiredTimer): string => String(timer.payload['articleId'] ?? '');

/**
 * What a fired timer should do with the article: flag it stale when it is published, not flagged
 * yet, and due; wait longer (re-arm) when the community's age grew since the timer was set.
 */
export function reverifyDecision(article: { state: string; stale: boolean; lastVerifiedAt: Date | null }, reverifyAfterMs: number, firedAt: Date): { kind: 'stale' } | { kind: 'rearm'; dueAt: Date } | { kind: 'nothing' } {
  if (article.state !== 'published' || article.stale) return { kind: 'nothing' };
  if (article.lastVerifiedAt === null) return { kind: 'stale' };
  const dueAt = new Date(article.lastVerifiedAt.getTime() + reverifyAfterMs);
  // A timer fires late, never early; one due well after now was set under a shorter age.
  return dueAt.getTime() > firedAt.getTime() + 60_000 ? { kind: 'rearm', dueAt } : { kind: 'stale' };
}
