import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, toDate } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';
import type { Article, ArticleSource, ArticleState, ArticleVisibility, Contributor } from './port.ts';
import type { ReviewCardRef } from './knowledge-types.ts';

// The articles' own table, as raw parameterised SQL (see sql-support): rows travel as one JSON text
// parameter read by jsonb_to_recordset, so one statement writes one article or a batch of thousands,
// and no driver's array encoding matters. Timestamps are UTC wall time in TIMESTAMP(3) columns.

/** The database the knowledge base reads outside transactions (pages, search refreshes). */
export type KnowledgeDatabase = Pick<Database, 'pool' | 'kind'>;

/** An article as stored: the contract's Article plus which fields a person edited. */
export interface StoredArticle extends Article {
  editedFields: string[];
}

const COLUMNS = [
  '"id"', '"communityId"', '"conversationId"', '"sourceId"', '"state"', '"title"', '"question"', '"answer"', '"context"', '"tags"', '"product"',
  '"version"', '"language"', '"visibility"', '"editedFields"', '"contributors"', '"sources"', '"stale"', '"staleReason"', '"lastVerifiedAt"',
  '"publishedAt"', '"revision"', '"createdAt"', '"updatedAt"',
].join(', ');

/** The article columns, for statements of other files of this capability (search rows). */
export const ARTICLE_COLUMNS = COLUMNS;

// The JSON row set every write reads: arrays stay jsonb and become text[] in the statement.
const RECORDSET = `AS d("id" text, "communityId" text, "conversationId" text, "sourceId" text, "state" text, "title" text, "question" text,
  "answer" text, "context" text, "tags" jsonb, "product" text, "version" text, "language" text, "visibility" text, "editedFields" jsonb,
  "contributors" jsonb, "sources" jsonb, "stale" boolean, "staleReason" text, "lastVerifiedAt" text, "publishedAt" text, "revision" int,
  "createdAt" text, "updatedAt" text)`;
const TEXT_ARRAY = (column: string): string => `ARRAY(SELECT jsonb_array_elements_text(d.${column}))`;

const INSERT_ARTICLES = `
INSERT INTO "Article" (${COLUMNS})
SELECT d."id", d."communityId", d."conversationId", d."sourceId", d."state", d."title", d."question", d."answer", d."context", ${TEXT_ARRAY('"tags"')},
  d."product", d."version", d."language", d."visibility", ${TEXT_ARRAY('"editedFields"')}, d."contributors", d."sources", d."stale", d."staleReason",
  d."lastVerifiedAt"::timestamp, d."publishedAt"::timestamp, d."revision", d."createdAt"::timestamp, d."updatedAt"::timestamp
FROM jsonb_to_recordset($1::text::jsonb) ${RECORDSET}`;

const UPDATE_ARTICLES = `
UPDATE "Article" a SET "state" = d."state", "title" = d."title", "question" = d."question", "answer" = d."answer", "context" = d."context",
  "tags" = ${TEXT_ARRAY('"tags"')}, "product" = d."product", "version" = d."version", "language" = d."language", "visibility" = d."visibility",
  "editedFields" = ${TEXT_ARRAY('"editedFields"')}, "contributors" = d."contributors", "sources" = d."sources", "stale" = d."stale",
  "staleReason" = d."staleReason", "lastVerifiedAt" = d."lastVerifiedAt"::timestamp, "publishedAt" = d."publishedAt"::timestamp,
  "revision" = d."revision", "updatedAt" = d."updatedAt"::timestamp
FROM jsonb_to_recordset($1::text::jsonb) ${RECORDSET}
WHERE a."id" = d."id"`;

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());
const articleJson = (articles: readonly StoredArticle[]): string =>
  JSON.stringify(articles.map((a) => ({ ...a, lastVerifiedAt: iso(a.lastVerifiedAt), publishedAt: iso(a.publishedAt), createdAt: iso(a.createdAt), updatedAt: iso(a.updatedAt) })));

// pg and PGlite parse jsonb and text[]; a JSON text (a driver setting) is accepted as well.
const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
const textArray = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** An article row as this file's SELECTs read it. */
export type ArticleRow = Record<string, unknown>;

/** Maps a row of ARTICLE_COLUMNS to the stored article. */
export function toStoredArticle(row: ArticleRow): StoredArticle {
  return {
    id: String(row['id']),
    communityId: String(row['communityId']),
    conversationId: (row['conversationId'] as string | null) ?? null,
    sourceId: (row['sourceId'] as string | null) ?? null,
    state: row['state'] as ArticleState,
    title: String(row['title']),
    question: String(row['question']),
    answer: String(row['answer']),
    context: String(row['context'] ?? ''),
    tags: textArray(row['tags']),
    product: (row['product'] as string | null) ?? null,
    version: (row['version'] as string | null) ?? null,
    language: (row['language'] as string | null) ?? null,
    visibility: row['visibility'] as ArticleVisibility,
    editedFields: textArray(row['editedFields']),
    contributors: (parsed(row['contributors']) as Contributor[] | null) ?? [],
    sources: (parsed(row['sources']) as ArticleSource[] | null) ?? [],
    stale: row['stale'] === true,
    staleReason: (row['staleReason'] as string | null) ?? null,
    lastVerifiedAt: toDate(row['lastVerifiedAt']),
    publishedAt: toDate(row['publishedAt']),
    revision: Number(row['revision']),
    createdAt: toDate(row['createdAt']) ?? new Date(0),
    updatedAt: toDate(row['updatedAt']) ?? new Date(0),
  };
}

/** What a list of articles is filtered by. */
export interface ArticleFilter {
  communityId?: string;
  state?: ArticleState;
  stale?: boolean;
  limit?: number;
  offset?: number;
}

/** The statements on Article itself; each takes the transaction it runs in, or reads on the pool. */
export function createArticleQueries(database: KnowledgeDatabase) {
  const pool = sqlRunner(database);
  const one = async (db: Tx, where: string, params: unknown[], lock: boolean): Promise<StoredArticle | null> => {
    const { rows } = await db.query<ArticleRow>(`SELECT ${COLUMNS} FROM "Article" WHERE ${where}${lock ? ' FOR UPDATE' : ''}`, params);
    return rows[0] ? toStoredArticle(rows[0]) : null;
  };
  return {
    pool,
    /** Writes new articles (one statement for any number). */
    async insert(tx: Tx, articles: readonly StoredArticle[]): Promise<void> {
      if (articles.length > 0) await tx.query(INSERT_ARTICLES, [articleJson(articles)]);
    },
    /** Writes changed articles over their rows (one statement for any number). */
    async update(tx: Tx, articles: readonly StoredArticle[]): Promise<void> {
      if (articles.length > 0) await tx.query(UPDATE_ARTICLES, [articleJson(articles)]);
    },
    /** An article by id; `lock` holds its row for the rest of `tx` (every change locks first). */
    get: (id: string, db: Tx = pool, lock = false) => one(db, `"id" = $1::text`, [id], lock),
    /** The article captured from a conversation. */
    byConversation: (conversationId: string, db: Tx = pool, lock = false) => one(db, `"conversationId" = $1::text`, [conversationId], lock),
    /** Imported articles of a community by their source ids, locked for the import's batch. */
    async bySourceIds(tx: Tx, communityId: string, sourceIds: readonly string[]): Promise<StoredArticle[]> {
      const { rows } = await tx.query<ArticleRow>(
        `SELECT ${COLUMNS} FROM "Article" WHERE "communityId" = $1::text AND "sourceId" IN (SELECT jsonb_array_elements_text($2::text::jsonb)) FOR UPDATE`,
        [communityId, JSON.stringify(sourceIds)],
      );
      return rows.map(toStoredArticle);
    },
    /** Articles by community, state and staleness, most recently changed first. */
    async list(filter: ArticleFilter): Promise<StoredArticle[]> {
      const { rows } = await pool.query<ArticleRow>(
        `SELECT ${COLUMNS} FROM "Article"
         WHERE ($1::text IS NULL OR "communityId" = $1::text) AND ($2::text IS NULL OR "state" = $2::text) AND ($3::boolean IS NULL OR "stale" = $3::boolean)
         ORDER BY "updatedAt" DESC, "id" LIMIT $4::int OFFSET $5::int`,
        [filter.communityId ?? null, filter.state ?? null, filter.stale ?? null, filter.limit ?? 100, filter.offset ?? 0],
      );
      return rows.map(toStoredArticle);
    },
    /** Published articles the visibilities allow, newest first. */
    async published(filter: { id?: string; communityId?: string; visibility: readonly ArticleVisibility[]; limit: number; offset?: number }): Promise<StoredArticle[]> {
      const { rows } = await pool.query<ArticleRow>(
        `SELECT ${COLUMNS} FROM "Article"
         WHERE "state" = 'published' AND "visibility" IN (SELECT jsonb_array_elements_text($1::text::jsonb))
           AND ($2::text IS NULL OR "id" = $2::text) AND ($3::text IS NULL OR "communityId" = $3::text)
         ORDER BY "publishedAt" DESC, "id" LIMIT $4::int OFFSET $5::int`,
        [JSON.stringify(filter.visibility), filter.id ?? null, filter.communityId ?? null, filter.limit, filter.offset ?? 0],
      );
      return rows.map(toStoredArticle);
    },
    /** Articles per state, and published ones flagged stale. */
    async counts(communityId?: string): Promise<Array<{ state: string; n: number; stale: number }>> {
      const { rows } = await pool.query<{ state: string; n: number; stale: number }>(
        `SELECT "state", count(*)::int AS "n", (count(*) FILTER (WHERE "stale" AND "state" = 'published'))::int AS "stale"
         FROM "Article" WHERE ($1::text IS NULL OR "communityId" = $1::text) GROUP BY "state"`,
        [communityId ?? null],
      );
      return rows.map((row) => ({ state: row.state, n: Number(row.n), stale: Number(row.stale) }));
    },
    /** When the community's published, unflagged article verified longest ago was verified (null: none). */
    async oldestVerified(tx: Tx, communityId: string): Promise<Date | null> {
      const { rows } = await tx.query<{ oldest: unknown }>(
        `SELECT min("lastVerifiedAt") AS "oldest" FROM "Article" WHERE "communityId" = $1::text AND "state" = 'published' AND NOT "stale"`,
        [communityId],
      );
      return toDate(rows[0]?.oldest ?? null);
    },
    /** Published, unflagged articles of a community verified at or before `before`, oldest first, locked. */
    async verifiedBefore(tx: Tx, communityId: string, before: Date, limit: number): Promise<StoredArticle[]> {
      const { rows } = await tx.query<ArticleRow>(
        `SELECT ${COLUMNS} FROM "Article" WHERE "communityId" = $1::text AND "state" = 'published' AND NOT "stale" AND "lastVerifiedAt" <= $2::timestamp
         ORDER BY "lastVerifiedAt", "id" LIMIT $3::int FOR UPDATE`,
        [communityId, before.toISOString(), limit],
      );
      return rows.map(toStoredArticle);
    },
    /** Articles naming the person as a contributor (forgetting them). */
    async idsByContributor(tx: Tx, person: { platform: string; userId: string }): Promise<string[]> {
      const { rows } = await tx.query<{ id: string }>(`SELECT "id" FROM "Article" WHERE "contributors" @> $1::text::jsonb ORDER BY "id"`, [
        JSON.stringify([{ platform: person.platform, userId: person.userId }]),
      ]);
      return rows.map((row) => row.id);
    },
    /** Marks articles changed now, so that other processes' search indexes re-read them. */
    async touch(tx: Tx, ids: readonly string[], at: Date): Promise<void> {
      if (ids.length === 0) return;
      await tx.query(`UPDATE "Article" SET "updatedAt" = $2::timestamp WHERE "id" IN (SELECT jsonb_array_elements_text($1::text::jsonb))`, [JSON.stringify(ids), at.toISOString()]);
    },
    async reviewCard(articleId: string, db: Tx = pool): Promise<ReviewCardRef | null> {
      const { rows } = await db.query<{ reviewCard: unknown }>(`SELECT "reviewCard" FROM "Article" WHERE "id" = $1::text`, [articleId]);
      return (parsed(rows[0]?.reviewCard ?? null) as ReviewCardRef | null) ?? null;
    },
    async setReviewCard(tx: Tx, articleId: string, card: ReviewCardRef): Promise<boolean> {
      const { rowCount } = await tx.query(`UPDATE "Article" SET "reviewCard" = $2::text::jsonb WHERE "id" = $1::text`, [articleId, JSON.stringify(card)]);
      return (rowCount ?? 0) > 0;
    },
  };
}

/** The article statements (see createArticleQueries). */
export type ArticleQueries = ReturnType<typeof createArticleQueries>;
