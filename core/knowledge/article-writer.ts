import type { Actor } from '../domain/domain-events.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import { contentOf } from './article-rules.ts';
import type { ArticleState, RevisionAction } from './port.ts';
import { REVERIFY_TIMER, reverifyKey } from './reverify-timer.ts';
import type { PartAndRevisionQueries } from './sql-parts-and-revisions.ts';
import type { ArticleQueries, StoredArticle } from './sql-article-store.ts';

// The one way an article changes: the row, its revision (number, action, actor, snapshot) and the
// effects of its state (the article.published event, the re-verify timer) in the caller's
// transaction; the search index after the commit. Single changes and import batches share it.

/** One change to write: `before` null for a new article. */
export interface ArticleChange {
  before: StoredArticle | null;
  after: StoredArticle;
  action: RevisionAction;
  actor: Actor;
  /** Why (a rejection's or a stale flag's reason), kept with the revision. */
  reason?: string;
}

/** What the writer needs. */
export interface ArticleWriterConfig {
  jobs: Pick<Jobs, 'publish' | 'setTimer' | 'clearTimer' | 'afterCommit'>;
  articles: ArticleQueries;
  history: PartAndRevisionQueries;
  clock: () => Date;
  reverifyAfterMs: (communityId: string) => number;
  /** Re-reads changed articles into the search index (after the commit). */
  sync: (ids: readonly string[]) => Promise<void>;
}

/** Writes article changes with their revisions and effects. */
export interface ArticleWriter {
  /** Writes the changes in `tx`; returns the articles as written (revision and updatedAt set). */
  write(tx: Tx, changes: readonly ArticleChange[], options?: { announce?: boolean }): Promise<StoredArticle[]>;
}

const published = (state: ArticleState | undefined): boolean => state === 'published';

/** Creates the article writer. */
export function createArticleWriter(config: ArticleWriterConfig): ArticleWriter {
  const { jobs, articles, history, clock } = config;

  // The timer that flags a published article stale once it is due for re-verification.
  const arm = (tx: Tx, article: StoredArticle): Promise<void> => {
    const verified = article.lastVerifiedAt ?? clock();
    const dueAt = new Date(verified.getTime() + config.reverifyAfterMs(article.communityId));
    return jobs.setTimer(tx, { key: reverifyKey(article.id), kind: REVERIFY_TIMER, dueAt, payload: { articleId: article.id } });
  };

  return {
    async write(tx, changes, options = {}) {
      const at = clock();
      const written = changes.map((change) => ({ ...change, after: { ...change.after, revision: (change.before?.revision ?? 0) + 1, updatedAt: at } }));
      await articles.insert(tx, written.filter((c) => c.before === null).map((c) => c.after));
      await articles.update(tx, written.filter((c) => c.before !== null).map((c) => c.after));
      await history.insertRevisions(tx, written.map(({ after, action, actor, reason }) => ({
        articleId: after.id,
        number: after.revision,
        action,
        actor,
        at,
        snapshot: { ...contentOf(after), state: after.state },
        ...(reason === undefined ? {} : { reason }),
      })));
      for (const { before, after, action, actor } of written) {
        const becamePublished = published(after.state) && !published(before?.state);
        if (becamePublished || (published(after.state) && action === 'verify')) await arm(tx, after);
        else if (published(before?.state) && !published(after.state)) await jobs.clearTimer(tx, reverifyKey(after.id));
        if (becamePublished && options.announce !== false) {
          await jobs.publish(tx, {
            type: 'article.published',
            articleId: after.id,
            communityId: after.communityId,
            conversationId: after.conversationId,
            contributors: after.contributors.map(({ role, platform, userId }) => ({ role, platform, userId })),
            actor,
            at: at.toISOString(),
          });
        }
      }
      const ids = written.map((c) => c.after.id);
      jobs.afterCommit(tx, () => config.sync(ids));
      return written.map((c) => c.after);
    },
  };
}
