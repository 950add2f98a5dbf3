import { randomUUID } from 'node:crypto';
import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, toDate, type SqlDb } from '../infra/store/sql-support.ts';
import type { AcceptOutcome, SuggestionCounts, SuggestionRecord, SuggestionStore, TitledSuggestion } from './suggestions/suggestion-store.ts';

// Only an article still published in the question's community becomes a suggestion: the search ran
// before the question's transaction, and an article may have been retired in between. A question
// asked again (a redelivered event) keeps the suggestions it has.
const RECORD_SQL = `
INSERT INTO "Suggestion" ("id", "conversationId", "communityId", "articleId", "rank", "score", "outcome", "suggestedAt")
SELECT h."id", $1::text, $2::text, h."articleId", h."rank", h."score", 'shown', $4::timestamp
FROM jsonb_to_recordset($3::text::jsonb) AS h("id" text, "articleId" text, "rank" int, "score" float8)
JOIN "Article" a ON a."id" = h."articleId" AND a."communityId" = $2::text AND a."state" = 'published'
ON CONFLICT ("conversationId", "articleId") DO NOTHING
RETURNING "id", "rank"`;

// Locked: two presses of one button commit one acceptance.
const FIND_FOR_ACCEPT_SQL = `SELECT "id", "outcome" FROM "Suggestion" WHERE "conversationId" = $1::text AND "articleId" = $2::text FOR UPDATE`;
const ACCEPT_SQL = `UPDATE "Suggestion" SET "outcome" = 'accepted', "acceptedAt" = $2::timestamp WHERE "id" = $1::text`;

const COLUMNS = `s."id", s."conversationId", s."communityId", s."articleId", s."rank", s."score", s."outcome", s."suggestedAt", s."acceptedAt"`;
const BY_IDS_SQL = `SELECT ${COLUMNS} FROM "Suggestion" s WHERE s."id" = ANY(SELECT jsonb_array_elements_text($1::text::jsonb)) ORDER BY s."rank", s."id"`;
const OF_CONVERSATION_SQL = `
SELECT ${COLUMNS}, a."title" FROM "Suggestion" s JOIN "Article" a ON a."id" = s."articleId"
WHERE s."conversationId" = $1::text ORDER BY s."rank", s."id"`;

// Deflected: questions with an accepted suggestion (the acceptance and the resolution commit together).
const COUNTS_SQL = `
SELECT "communityId",
  COUNT(DISTINCT "conversationId")::int AS "suggestedQuestions",
  (COUNT(DISTINCT "conversationId") FILTER (WHERE "outcome" = 'accepted'))::int AS "deflectedQuestions",
  COUNT(*)::int AS "shown",
  (COUNT(*) FILTER (WHERE "outcome" = 'accepted'))::int AS "accepted"
FROM "Suggestion"
WHERE ($1::text IS NULL OR "communityId" = $1::text) AND ($2::timestamp IS NULL OR "suggestedAt" >= $2::timestamp)
GROUP BY "communityId" ORDER BY "communityId"`;

interface SuggestionRow {
  id: string;
  conversationId: string;
  communityId: string;
  articleId: string;
  rank: number;
  score: number;
  outcome: string;
  suggestedAt: unknown;
  acceptedAt: unknown;
}

const toRecord = (row: SuggestionRow): SuggestionRecord => ({
  id: row.id,
  conversationId: row.conversationId,
  communityId: row.communityId,
  articleId: row.articleId,
  rank: Number(row.rank),
  score: Number(row.score),
  outcome: row.outcome === 'accepted' ? 'accepted' : 'shown',
  suggestedAt: toDate(row.suggestedAt) ?? new Date(Number.NaN),
  acceptedAt: toDate(row.acceptedAt),
});

/** The knowledge base's Suggestion table on raw SQL (writes on the caller's transaction, reads on the pool). */
export function createSqlSuggestionStore(database: Pick<Database, 'pool' | 'kind'>): SuggestionStore {
  const db: SqlDb = sqlRunner(database);
  return {
    async record(tx, { conversationId, communityId, hits, at }) {
      if (hits.length === 0) return [];
      const rows = JSON.stringify(hits.map((hit, index) => ({ id: randomUUID(), articleId: hit.articleId, rank: index + 1, score: hit.score })));
      const { rows: inserted } = await tx.query<{ id: string; rank: number }>(RECORD_SQL, [conversationId, communityId, rows, at.toISOString()]);
      return [...inserted].sort((a, b) => Number(a.rank) - Number(b.rank)).map((row) => row.id);
    },
    async accept(tx, { conversationId, articleId, at }): Promise<AcceptOutcome> {
      const { rows } = await tx.query<{ id: string; outcome: string }>(FIND_FOR_ACCEPT_SQL, [conversationId, articleId]);
      const row = rows[0];
      if (row === undefined) return 'unknown';
      if (row.outcome === 'accepted') return 'already';
      await tx.query(ACCEPT_SQL, [row.id, at.toISOString()]);
      return 'accepted';
    },
    async byIds(ids) {
      if (ids.length === 0) return [];
      return (await db.query<SuggestionRow>(BY_IDS_SQL, [JSON.stringify(ids)])).rows.map(toRecord);
    },
    async ofConversation(conversationId): Promise<TitledSuggestion[]> {
      return (await db.query<SuggestionRow & { title: string }>(OF_CONVERSATION_SQL, [conversationId])).rows.map((row) => ({ ...toRecord(row), title: row.title }));
    },
    async counts(filter = {}): Promise<SuggestionCounts[]> {
      const { rows } = await db.query<SuggestionCounts>(COUNTS_SQL, [filter.communityId ?? null, filter.since?.toISOString() ?? null]);
      return rows.map((row) => ({
        communityId: row.communityId,
        suggestedQuestions: Number(row.suggestedQuestions),
        deflectedQuestions: Number(row.deflectedQuestions),
        shown: Number(row.shown),
        accepted: Number(row.accepted),
      }));
    },
  };
}
