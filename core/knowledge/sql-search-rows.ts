import type { SqlDb } from '../infra/store/sql-support.ts';
import type { Platform } from '../domain/types.ts';
import { ARTICLE_COLUMNS, toStoredArticle, type ArticleRow, type StoredArticle } from './sql-article-store.ts';

// What the search index is built from: articles with the authors and words of their parts (words
// of people who opted out of indexing are taken out before a document is made).

/** One part's author and words, as the index needs them. */
export interface IndexPart {
  platform: Platform;
  userId: string;
  text: string;
}

/** An article with its parts' authors and words. */
export interface IndexRow {
  article: StoredArticle;
  parts: IndexPart[];
}

const PARTS = `COALESCE((SELECT jsonb_agg(jsonb_build_object('platform', p."authorPlatform", 'userId', p."authorId", 'text', p."text") ORDER BY p."position")
  FROM "ArticlePart" p WHERE p."articleId" = a."id"), '[]'::jsonb) AS "indexParts"`;
const COLUMNS = ARTICLE_COLUMNS.split(', ').map((column) => `a.${column}`).join(', ');

const toIndexRow = (row: ArticleRow): IndexRow => {
  const parts = row['indexParts'];
  return { article: toStoredArticle(row), parts: (typeof parts === 'string' ? JSON.parse(parts) : parts) as IndexPart[] };
};

/** The statements that read articles for the search index. */
export function createSearchRowQueries(pool: SqlDb) {
  return {
    /** Published articles after `afterId`, by id (keyset pages: a load reads each once). */
    async publishedPage(afterId: string, limit: number): Promise<IndexRow[]> {
      const { rows } = await pool.query<ArticleRow>(
        `SELECT ${COLUMNS}, ${PARTS} FROM "Article" a WHERE a."state" = 'published' AND a."id" > $1::text ORDER BY a."id" LIMIT $2::int`,
        [afterId, limit],
      );
      return rows.map(toIndexRow);
    },
    /** Articles (any state) changed at or after `since`: the index upserts the published ones and drops the rest. */
    async changedSince(since: Date): Promise<IndexRow[]> {
      const { rows } = await pool.query<ArticleRow>(`SELECT ${COLUMNS}, ${PARTS} FROM "Article" a WHERE a."updatedAt" >= $1::timestamp`, [since.toISOString()]);
      return rows.map(toIndexRow);
    },
    /** Articles by id (any state), after this process changed them. */
    async byIds(ids: readonly string[]): Promise<IndexRow[]> {
      if (ids.length === 0) return [];
      const { rows } = await pool.query<ArticleRow>(`SELECT ${COLUMNS}, ${PARTS} FROM "Article" a WHERE a."id" IN (SELECT jsonb_array_elements_text($1::text::jsonb))`, [
        JSON.stringify(ids),
      ]);
      return rows.map(toIndexRow);
    },
  };
}

/** The search row statements (see createSearchRowQueries). */
export type SearchRowQueries = ReturnType<typeof createSearchRowQueries>;
