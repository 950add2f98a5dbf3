import { toDate, type SqlDb } from '../infra/store/sql-support.ts';
import type { Platform } from '../domain/types.ts';
import type { Article, ArticleState, ArticleVisibility } from './port.ts';

// What the search index is built from: only the columns a search document needs, and the parts'
// authors and words (words of people who opted out of indexing are taken out before a document is
// made). Parts come by one statement per page of articles, not one per article, and a page comes
// back as one JSON text: PGlite's per-column parsing of 1,000 rows costs several times JSON.parse.

/** One part's author and words, as the index needs them. */
export interface IndexPart {
  platform: Platform;
  userId: string;
  text: string;
}

/** The columns of an article a search document is made of. */
export type IndexArticle = Pick<Article, 'id' | 'communityId' | 'sourceId' | 'state' | 'title' | 'question' | 'answer' | 'tags' | 'language' | 'visibility'>;

/** An article with its parts' authors and words, and the version of the row it was read from. */
export interface IndexRow {
  article: IndexArticle;
  parts: IndexPart[];
  version: string;
}

/** Which version of an article row the index holds: what a refresh compares. */
export interface RowVersion {
  id: string;
  version: string;
}

const COLUMNS = `"id", "communityId", "sourceId", "state", "title", "question", "answer", "tags", "language", "visibility", "updatedAt", "revision"`;
// updatedAt moves on every change (touches included); revision tells two changes in one millisecond apart.
const VERSION = (updatedAt: unknown, revision: unknown): string => `${toDate(updatedAt)?.getTime() ?? 0}:${Number(revision)}`;

type Row = Record<string, unknown>;

/** Runs `select` (aliased `r`) and reads its rows from one JSON text. */
async function jsonRows<R>(pool: SqlDb, select: string, params: readonly unknown[], order: string): Promise<R[]> {
  const { rows } = await pool.query<{ rows: string }>(`SELECT COALESCE(json_agg(r ORDER BY ${order}), '[]')::text AS "rows" FROM (${select}) r`, params);
  return JSON.parse(rows[0]?.rows ?? '[]') as R[];
}
const toArticle = (row: Row): IndexArticle => ({
  id: String(row['id']),
  communityId: String(row['communityId']),
  sourceId: (row['sourceId'] as string | null) ?? null,
  state: row['state'] as ArticleState,
  title: String(row['title']),
  question: String(row['question']),
  answer: String(row['answer']),
  tags: Array.isArray(row['tags']) ? row['tags'].map(String) : [],
  language: (row['language'] as string | null) ?? null,
  visibility: row['visibility'] as ArticleVisibility,
});

/** The statements that read articles for the search index. */
export function createSearchRowQueries(pool: SqlDb) {
  const withParts = async (rows: Row[]): Promise<IndexRow[]> => {
    if (rows.length === 0) return [];
    const parts = await jsonRows<{ articleId: string; platform: string; userId: string; text: string }>(
      pool,
      `SELECT "articleId", "authorPlatform" AS "platform", "authorId" AS "userId", "text", "position" FROM "ArticlePart"
       WHERE "articleId" IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
      [JSON.stringify(rows.map((row) => row['id']))],
      'r."articleId", r."position"',
    );
    const byArticle = new Map<string, IndexPart[]>();
    for (const part of parts) {
      const list = byArticle.get(part.articleId) ?? [];
      list.push({ platform: part.platform as Platform, userId: part.userId, text: part.text });
      byArticle.set(part.articleId, list);
    }
    return rows.map((row) => ({ article: toArticle(row), parts: byArticle.get(String(row['id'])) ?? [], version: VERSION(row['updatedAt'], row['revision']) }));
  };

  return {
    /** Published articles after `afterId`, by id (keyset pages: a load reads each once). */
    async publishedPage(afterId: string, limit: number): Promise<IndexRow[]> {
      const rows = await jsonRows<Row>(pool, `SELECT ${COLUMNS} FROM "Article" WHERE "state" = 'published' AND "id" > $1::text ORDER BY "id" LIMIT $2::int`, [afterId, limit], 'r."id"');
      return withParts(rows);
    },
    /** Which articles (any state) changed at or after `since`, and their versions: a refresh reads only those it does not hold. */
    async changedSince(since: Date): Promise<RowVersion[]> {
      const { rows } = await pool.query<Row>(`SELECT "id", "updatedAt", "revision" FROM "Article" WHERE "updatedAt" >= $1::timestamp`, [since.toISOString()]);
      return rows.map((row) => ({ id: String(row['id']), version: VERSION(row['updatedAt'], row['revision']) }));
    },
    /** Articles by id (any state). */
    async byIds(ids: readonly string[]): Promise<IndexRow[]> {
      if (ids.length === 0) return [];
      const rows = await jsonRows<Row>(pool, `SELECT ${COLUMNS} FROM "Article" WHERE "id" IN (SELECT jsonb_array_elements_text($1::text::jsonb))`, [JSON.stringify(ids)], 'r."id"');
      return withParts(rows);
    },
  };
}

/** The search row statements (see createSearchRowQueries). */
export type SearchRowQueries = ReturnType<typeof createSearchRowQueries>;
