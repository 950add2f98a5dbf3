import type { Actor } from '../domain/domain-events.ts';
import type { Platform } from '../domain/types.ts';

// The knowledge base's contract: articles, their review and revisions, search and suggestions.
// Other capabilities and the app reach knowledge only through these types and core/knowledge/index.ts.

/** Where an article is in its review: drafts wait for review; only published ones are searched and shown. */
export type ArticleState = 'draft' | 'published' | 'rejected' | 'retired';

/** Who may see an article: anyone (web pages), Discord members (suggestions, `/heimo kb search`), or staff only. */
export type ArticleVisibility = 'public' | 'community' | 'staff';

/** Someone who wrote or accepted part of an article. `displayName` is shown only with their consent. */
export interface Contributor {
  role: 'asker' | 'answerer' | 'accepter' | 'editor';
  platform: Platform;
  userId: string;
  displayName: string;
}

/** A link to where the article came from: the customer's thread, the employees' card. */
export interface ArticleSource {
  platform: Platform;
  url: string;
}

/** What a person can edit of an article, and what every revision records. */
export interface ArticleContent {
  title: string;
  question: string;
  answer: string;
  context: string;
  tags: string[];
  product: string | null;
  version: string | null;
  visibility: ArticleVisibility;
}

/** An article as the knowledge base keeps it. */
export interface Article extends ArticleContent {
  id: string;
  communityId: string;
  /** The question it was built from; null when added by hand or imported. */
  conversationId: string | null;
  /** An imported row's own id. */
  sourceId: string | null;
  state: ArticleState;
  language: string | null;
  contributors: Contributor[];
  sources: ArticleSource[];
  stale: boolean;
  staleReason: string | null;
  lastVerifiedAt: Date | null;
  publishedAt: Date | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a revision action was. */
export type RevisionAction =
  | 'capture'
  | 'recapture'
  | 'add'
  | 'import'
  | 'edit'
  | 'publish'
  | 'reject'
  | 'retire'
  | 'rollback'
  | 'stale'
  | 'verify'
  | 'source-deleted'
  | 'forget';

/** One change of an article: who, when, what, and its content afterwards. */
export interface ArticleRevision {
  number: number;
  action: RevisionAction;
  actor: Actor;
  at: Date;
  snapshot: ArticleContent & { state: ArticleState };
  /** Why, when the person gave a reason (a rejection) or Heimo has one (a stale flag). */
  reason?: string;
}

/** One published article found for a query. `score` is in [0, 1]: higher is closer. */
export interface SearchHit {
  articleId: string;
  /** The imported row's id, when it was imported. */
  sourceId: string | null;
  title: string;
  score: number;
}

/** A similar-question search: within one community (or all, for the CLI), only what `visibility` allows. */
export interface SearchQuery {
  text: string;
  /** Absent: every community (`heimo kb search`). */
  communityId?: string;
  /** The visibilities the reader may see (web: `public`; Discord members: `public`, `community`; staff: all). */
  visibility: readonly ArticleVisibility[];
  limit: number;
  /** Only hits at or above this score (suggestions use the community's threshold). */
  minScore?: number;
}

/** A document as the search index holds it: only published articles the authors allow to be indexed. */
export interface SearchDocument {
  id: string;
  communityId: string;
  sourceId: string | null;
  title: string;
  question: string;
  answer: string;
  tags: readonly string[];
  language: string | null;
  visibility: ArticleVisibility;
}

/**
 * The similar-question index: pure, in memory, the same on PGlite and PostgreSQL because it never
 * asks the database to rank. The knowledge base loads it from published articles and keeps it
 * current as articles change.
 */
export interface SearchIndex {
  /** Adds or replaces a document. */
  upsert(document: SearchDocument): void;
  /** Removes a document; an unknown id is not an error. */
  remove(id: string): void;
  /** The best matches, best first. */
  search(query: SearchQuery): SearchHit[];
  /** How many documents it holds. */
  readonly size: number;
}

/** One row of `heimo kb import`: an already-answered question; `id` is kept as the article's source id. */
export interface ImportRow {
  id: string;
  title: string;
  body: string;
  answer: string;
}

/** What an import did: rows created, rows that updated an article of the same source id, rows refused. */
export interface ImportReport {
  created: number;
  updated: number;
  rejected: { line: number; error: string }[];
}

/** A contributor as pages and cards show them: a name only with their consent in a `named` community. */
export interface ShownContributor {
  role: Contributor['role'];
  /** Null: shown as "a community member" / "staff". */
  name: string | null;
  staff: boolean;
}

/** A published article as readers see it: only published, consented content (what pages, the API and suggestions show). */
export interface PublishedArticle extends ArticleContent {
  id: string;
  communityId: string;
  sourceId: string | null;
  language: string | null;
  contributors: ShownContributor[];
  sources: ArticleSource[];
  lastVerifiedAt: Date | null;
  publishedAt: Date;
  updatedAt: Date;
}

/** A new article typed by a person (`/heimo kb add`) or taken from a message. */
export interface AddArticleRequest {
  communityId: string;
  content: Pick<ArticleContent, 'title' | 'question' | 'answer'> & Partial<ArticleContent>;
  actor: Actor;
  /** The message it was taken from (Heimo's message id): its author is credited as the answerer. */
  fromMessageId?: string;
}

/**
 * The knowledge base as the app, commands, pages and the CLI use it. Every change is a revision;
 * a refusal a person can understand is a HeimoError (NOT_FOUND, CONFLICT, BAD_INPUT).
 */
export interface KnowledgeBase {
  get(id: string): Promise<Article | null>;
  list(filter: { communityId?: string; state?: ArticleState; stale?: boolean; limit?: number; offset?: number }): Promise<Article[]>;
  /** Similar-question search over published, indexable articles. */
  search(query: SearchQuery): Promise<SearchHit[]>;
  add(request: AddArticleRequest): Promise<Article>;
  edit(id: string, changes: Partial<ArticleContent>, actor: Actor): Promise<Article>;
  publish(id: string, actor: Actor): Promise<Article>;
  reject(id: string, actor: Actor, reason?: string): Promise<Article>;
  retire(id: string, actor: Actor): Promise<Article>;
  /** Marks a stale article verified today (clears the flag). */
  verify(id: string, actor: Actor): Promise<Article>;
  /** Restores the content of revision `revision` as a new revision. */
  rollback(id: string, revision: number, actor: Actor): Promise<Article>;
  revisions(id: string): Promise<ArticleRevision[]>;
  /** Imports rows as published articles (a row whose id was imported before updates that article). */
  import(rows: AsyncIterable<ImportRow> | Iterable<ImportRow>, options: { communityId: string; actor: Actor; onProgress?: (done: number) => void }): Promise<ImportReport>;
  /** A published article as readers may see it, or null (not published, not visible to `visibility`). */
  published(id: string, visibility: readonly ArticleVisibility[]): Promise<PublishedArticle | null>;
  /** Published articles, newest first (the index page, the sitemap, `kb export`). */
  publishedList(filter: { communityId?: string; visibility: readonly ArticleVisibility[]; limit: number; offset?: number }): Promise<PublishedArticle[]>;
  /** Articles per state (and stale ones), for metrics and `/heimo stats`. */
  counts(communityId?: string): Promise<Record<ArticleState | 'stale', number>>;
}
