import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/domain-events.ts';
import { DEFAULT_KNOWLEDGE, type KnowledgeConfig } from '../domain/network.ts';
import { HeimoError } from '../errors.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import type { ArticleWriter } from './article-writer.ts';
import type { ArticleContent, ArticleSource, ArticleState, Contributor } from './port.ts';
import type { ArticleQueries, StoredArticle } from './sql-article-store.ts';
import type { PartAndRevisionQueries } from './sql-parts-and-revisions.ts';

// What the knowledge base's parts (review, capture, import) share: the statements, the writer,
// the clock and each community's knowledge settings.

/** The shared insides of one knowledge base. */
export interface KnowledgeContext {
  jobs: Pick<Jobs, 'transaction' | 'publish' | 'setTimer' | 'clearTimer' | 'afterCommit'>;
  articles: ArticleQueries;
  history: PartAndRevisionQueries;
  writer: ArticleWriter;
  clock: () => Date;
  settings: (communityId: string) => KnowledgeConfig;
  detectLanguage: (text: string) => string | null;
  /** Re-reads articles into this process' search index (after a commit). */
  sync: (ids: readonly string[]) => Promise<void>;
  /** Runs `work` in `tx`, or in a transaction of its own. */
  inTx<T>(tx: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** The article locked for a change; NOT_FOUND when there is none. */
  lock(tx: Tx, id: string): Promise<StoredArticle>;
}

/** The knowledge settings of a community (the defaults for one the network does not know). */
export function settingsOf(communities: () => ReadonlyArray<{ id: string; knowledge: KnowledgeConfig }>): (communityId: string) => KnowledgeConfig {
  return (communityId) => communities().find((community) => community.id === communityId)?.knowledge ?? DEFAULT_KNOWLEDGE;
}

/** Locks an article for a change, or throws NOT_FOUND. */
export async function lockArticle(articles: ArticleQueries, tx: Tx, id: string): Promise<StoredArticle> {
  const article = await articles.get(id, tx, true);
  if (!article) throw new HeimoError('NOT_FOUND', `article ${id} does not exist`, { context: { articleId: id } });
  return article;
}

/** What a new article starts from. */
export interface NewArticle {
  communityId: string;
  content: ArticleContent;
  state: ArticleState;
  conversationId?: string | null;
  sourceId?: string | null;
  language: string | null;
  contributors?: Contributor[];
  sources?: ArticleSource[];
  editedFields?: string[];
}

/** A new article's row, before the writer numbers it (revision 1). */
export function newArticle(input: NewArticle, now: Date): StoredArticle {
  const published = input.state === 'published';
  return {
    id: randomUUID(),
    communityId: input.communityId,
    conversationId: input.conversationId ?? null,
    sourceId: input.sourceId ?? null,
    state: input.state,
    ...input.content,
    language: input.language,
    contributors: input.contributors ?? [],
    sources: input.sources ?? [],
    editedFields: input.editedFields ?? [],
    stale: false,
    staleReason: null,
    lastVerifiedAt: published ? now : null,
    publishedAt: published ? now : null,
    revision: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** The article after publishing: published now, verified now, not stale. */
export const asPublished = (article: StoredArticle, now: Date): StoredArticle => ({ ...article, state: 'published', publishedAt: now, lastVerifiedAt: now, stale: false, staleReason: null });

/** Adds a person who edited the article as an `editor` contributor (once). */
export function withEditor(contributors: readonly Contributor[], actor: Actor): Contributor[] {
  if (actor.kind !== 'person') return [...contributors];
  if (contributors.some((c) => c.role === 'editor' && c.platform === actor.platform && c.userId === actor.userId)) return [...contributors];
  return [...contributors, { role: 'editor', platform: actor.platform, userId: actor.userId, displayName: actor.displayName ?? actor.userId }];
}
