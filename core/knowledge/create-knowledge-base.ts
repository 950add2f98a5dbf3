import type { Actor } from '../domain/domain-events.ts';
import { COMMUNITY_LOCALES, type NetworkConfig } from '../domain/network.ts';
import { HeimoError } from '../errors.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import type { Logger } from '../ports/logger.ts';
import { DEFAULT_CHOICES, personKey, type Consents } from '../privacy/index.ts';
import { detectLanguage } from '../routing/index.ts';
import { changedFields, contentOf, nextState, type ReviewAction } from './article-rules.ts';
import { createArticleWriter, type ArticleChangeHook } from './article-writer.ts';
import { createCapture } from './capture-drafts.ts';
import { parseChanges } from './content-schema.ts';
import { addArticle, sourceMessage, type MessageLookup } from './add-article.ts';
import { asPublished, lockArticle, settingsOf, withEditor, type KnowledgeContext } from './knowledge-context.ts';
import { createImporter } from './knowledge-import.ts';
import type { KnowledgeService } from './knowledge-types.ts';
import type { ArticleState, ArticleVisibility, SearchIndex, SearchQuery } from './port.ts';
import { peopleOf, toPublishedArticle } from './published-view.ts';
import { fireReverify, REVERIFY_TIMER } from './reverify-timer.ts';
import { createSearchSync } from './search-sync.ts';
import { createSearchIndex } from './search/index.ts';
import { createArticleQueries, type KnowledgeDatabase, type StoredArticle } from './sql-article-store.ts';
import { createPartAndRevisionQueries } from './sql-parts-and-revisions.ts';
import { createSearchRowQueries } from './sql-search-rows.ts';

/** What the knowledge base needs; everything but the database, the jobs and the network has a default. */
export interface KnowledgeBaseConfig {
  database: KnowledgeDatabase;
  /** The job system: transactions, the article.published event, and the re-verify timers (registered here: create before `jobs.start()`). */
  jobs: Pick<Jobs, 'transaction' | 'publish' | 'setTimer' | 'clearTimer' | 'afterCommit' | 'onTimer'>;
  /** Each community's knowledge settings (auto-publish, re-verify age, privacy mode). */
  network: () => NetworkConfig;
  /** People's privacy choices (core/privacy); default: nobody chose (no names, everyone indexed). */
  consents?: Consents;
  /** The similar-question index; default: a new one (core/knowledge/search). */
  index?: SearchIndex;
  /** Reads a message by Heimo's id, for `/heimo kb add` from a message (the conversations capability wires it). */
  messages?: MessageLookup;
  /** ISO 639-1 language of an article's text; default: detected among the communities' languages. */
  detectLanguage?: (text: string) => string | null;
  clock?: () => Date;
  logger?: Logger;
  /** Sees every article change in its transaction (capture queues review cards from it: createReviewCards' `changed`). */
  onChanged?: ArticleChangeHook;
  /** Search index freshness across processes (see search-sync.ts). */
  search?: { freshMs?: number; maxLagMs?: number; marginMs?: number };
}

const NOBODY_CHOSE: Consents = { choicesOf: async (people) => new Map(people.map((person) => [personKey(person), DEFAULT_CHOICES])) };

const checkVisibility = (visibility: readonly ArticleVisibility[]): void => {
  if (!Array.isArray(visibility) || visibility.some((v) => v !== 'public' && v !== 'community' && v !== 'staff')) throw new HeimoError('BAD_INPUT', 'visibility must list public, community or staff');
};

/** Creates the knowledge base (issue 10) and registers its re-verify timer handler with `jobs`. */
export function createKnowledgeBase(config: KnowledgeBaseConfig): KnowledgeService {
  const { jobs } = config;
  const clock = config.clock ?? (() => new Date());
  const consents = config.consents ?? NOBODY_CHOSE;
  const index = config.index ?? createSearchIndex();
  const articles = createArticleQueries(config.database);
  const history = createPartAndRevisionQueries(articles.pool);
  const settings = settingsOf(() => config.network().communities);
  const searchSync = createSearchSync({ index, rows: createSearchRowQueries(articles.pool), consents, clock, ...(config.logger ? { logger: config.logger } : {}), ...config.search });
  const writer = createArticleWriter({
    jobs, articles, history, clock, reverifyAfterMs: (communityId) => settings(communityId).reverifyAfterMs, sync: searchSync.sync,
    ...(config.onChanged === undefined ? {} : { onChanged: config.onChanged }),
  });
  const ctx: KnowledgeContext = {
    jobs, articles, history, writer, clock, settings,
    detectLanguage: config.detectLanguage ?? ((text) => detectLanguage(text, COMMUNITY_LOCALES)),
    sync: searchSync.sync,
    inTx: (tx, work) => (tx ? work(tx) : jobs.transaction(work)),
    lock: (tx, id) => lockArticle(articles, tx, id),
  };
  const capture = createCapture(ctx);

  // A review decision: the state rules decide, the writer records it.
  const review = (id: string, action: ReviewAction, actor: Actor, reason?: string): Promise<StoredArticle> =>
    jobs.transaction(async (tx) => {
      const before = await ctx.lock(tx, id);
      const state = nextState(before.state, action, id);
      const now = clock();
      let after: StoredArticle = { ...before, state };
      if (action === 'publish') after = asPublished(after, now);
      if (action === 'verify') after = { ...after, lastVerifiedAt: now, stale: false, staleReason: null };
      if (action === 'retire') after = { ...after, stale: false, staleReason: null };
      const [written] = await writer.write(tx, [{ before, after, action, actor, ...(reason === undefined ? {} : { reason }) }]);
      return written ?? after;
    });

  // An edit or a rollback: new content, its fields remembered as edited by hand.
  const rewrite = (id: string, changes: (before: StoredArticle, tx: Tx) => Promise<Partial<StoredArticle>>, action: 'edit' | 'rollback', actor: Actor): Promise<StoredArticle> =>
    jobs.transaction(async (tx) => {
      const before = await ctx.lock(tx, id);
      const content = { ...contentOf(before), ...(await changes(before, tx)) };
      const fields = changedFields(before, content);
      if (fields.length === 0) return before;
      const textChanged = fields.some((field) => field === 'title' || field === 'question' || field === 'answer');
      const after: StoredArticle = {
        ...before,
        ...content,
        state: nextState(before.state, 'edit', id),
        editedFields: [...new Set([...before.editedFields, ...fields])],
        contributors: withEditor(before.contributors, actor),
        language: textChanged ? (ctx.detectLanguage(`${content.title}\n${content.question}\n${content.answer}`) ?? before.language) : before.language,
      };
      const [written] = await writer.write(tx, [{ before, after, action, actor }]);
      return written ?? after;
    });

  jobs.onTimer(REVERIFY_TIMER, (timer, tx) => fireReverify({ jobs, articles, writer, reverifyAfterMs: (communityId) => settings(communityId).reverifyAfterMs }, timer, tx));

  const choicesFor = (list: readonly StoredArticle[]) => consents.choicesOf(peopleOf(list));

  return {
    get: (id) => articles.get(id),
    list: (filter) => articles.list(filter),
    async search(query: SearchQuery) {
      checkVisibility(query.visibility);
      if (!Number.isInteger(query.limit) || query.limit < 0 || query.limit > 1000) throw new HeimoError('BAD_INPUT', 'limit must be a whole number from 0 to 1000');
      await searchSync.beforeSearch();
      return index.search(query);
    },
    async add(request) {
      const message = await sourceMessage(request, config.messages);
      return jobs.transaction((tx) => addArticle(ctx, tx, request, message));
    },
    async edit(id, changes, actor) {
      const checked = parseChanges(changes);
      return rewrite(id, async () => checked, 'edit', actor);
    },
    publish: (id, actor) => review(id, 'publish', actor),
    reject: (id, actor, reason) => review(id, 'reject', actor, reason),
    retire: (id, actor) => review(id, 'retire', actor),
    verify: (id, actor) => review(id, 'verify', actor),
    rollback: (id, revision, actor) =>
      rewrite(id, async (_before, tx) => {
        const found = (await history.revisions(id, tx)).find((r) => r.number === revision);
        if (!found) throw new HeimoError('NOT_FOUND', `article ${id} has no revision ${revision}`, { context: { articleId: id, revision } });
        return contentOf(found.snapshot);
      }, 'rollback', actor),
    async revisions(id) {
      return (await history.revisions(id)).map(({ articleId: _articleId, ...revision }) => revision);
    },
    import: createImporter(ctx),
    async published(id, visibility) {
      checkVisibility(visibility);
      const [article] = await articles.published({ id, visibility, limit: 1 });
      if (!article) return null;
      return toPublishedArticle(article, settings(article.communityId).privacyMode, await choicesFor([article]));
    },
    async publishedList(filter) {
      checkVisibility(filter.visibility);
      const list = await articles.published(filter);
      const choices = await choicesFor(list);
      return list.map((article) => toPublishedArticle(article, settings(article.communityId).privacyMode, choices));
    },
    async counts(communityId) {
      const counts: Record<ArticleState | 'stale', number> = { draft: 0, published: 0, rejected: 0, retired: 0, stale: 0 };
      for (const row of await articles.counts(communityId)) {
        if (row.state in counts) counts[row.state as ArticleState] = row.n;
        counts.stale += row.stale;
      }
      return counts;
    },
    saveDraft: capture.saveDraft,
    removeMessage: capture.removeMessage,
    removeAuthor: capture.removeAuthor,
    markStale: capture.markStale,
    consentChanged: capture.consentChanged,
    byConversation: (conversationId, tx) => articles.byConversation(conversationId, tx),
    reviewCard: (articleId, tx) => articles.reviewCard(articleId, tx),
    async setReviewCard(tx, articleId, card) {
      if (!(await articles.setReviewCard(tx, articleId, card))) throw new HeimoError('NOT_FOUND', `article ${articleId} does not exist`, { context: { articleId } });
    },
    load: searchSync.load,
    refresh: searchSync.refresh,
  };
}
