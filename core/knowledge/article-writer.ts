import type { Actor } from '../domain/domain-events.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import { contentOf } from './article-rules.ts';
import type { ArticleState, RevisionAction } from './port.ts';
import { armReverify } from './reverify-timer.ts';
import type { PartAndRevisionQueries } from './sql-parts-and-revisions.ts';
import type { ArticleQueries, StoredArticle } from './sql-article-store.ts';

// The one way an article changes: the row, its revision (number, action, actor, snapshot) and the
// effects of its state (the article.published event, the community's re-verify timer) in the caller's
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
  /** Sees every change in its transaction (review cards are queued from it). */
  onChanged?: ArticleChangeHook;
}

/** Called in the transaction of every article change, after it is written. */
export type ArticleChangeHook = (tx: Tx, change: { article: StoredArticle; action: RevisionAction }) => Promise<void>;

/** Writes article changes with their revisions and effects. */
export interface ArticleWriter {
  /** Writes the changes in `tx`; returns the articles as written (revision and updatedAt set). */
  write(tx: Tx, changes: readonly ArticleChange[], options?: { announce?: boolean }): Promise<StoredArticle[]>;
}

const published = (state: ArticleState | undefined): boolean => state === 'published';

/** Creates the article writer. */
export function createArticleWriter(config: ArticleWriterConfig): ArticleWriter {
  const { jobs, articles, history, clock } = config;
  const reverify = { jobs, articles, reverifyAfterMs: config.reverifyAfterMs };

  return {
    async write(tx, changes, options = {}) {
      if (changes.length === 0) return [];
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
      // A newly published or verified article may be the one the community's re-verify timer waits for.
      const rearm = new Set<string>();
      for (const { before, after, action, actor } of written) {
        const becamePublished = published(after.state) && !published(before?.state);
        if (becamePublished || (published(after.state) && action === 'verify')) rearm.add(after.communityId);
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
      for (const communityId of rearm) await armReverify(reverify, tx, communityId);
      if (config.onChanged !== undefined) for (const { after, action } of written) await config.onChanged(tx, { article: after, action });
      const ids = written.map((c) => c.after.id);
      jobs.afterCommit(tx, () => config.sync(ids));
      return written.map((c) => c.after);
    },
  };
}
