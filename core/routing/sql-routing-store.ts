import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, toDate, type SqlDb } from '../infra/store/sql-support.ts';
import type { QuestionRouteRecord, RoutingStore } from './routing-store.ts';

// A question moved to another team keeps one row: the latest route wins.
const SAVE_SQL = `
INSERT INTO "QuestionRoute" ("conversationId", "communityId", "teamId", "rule", "tierId", "language", "routedAt")
VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::timestamp)
ON CONFLICT ("conversationId") DO UPDATE SET
  "communityId" = EXCLUDED."communityId", "teamId" = EXCLUDED."teamId", "rule" = EXCLUDED."rule",
  "tierId" = EXCLUDED."tierId", "language" = EXCLUDED."language", "routedAt" = EXCLUDED."routedAt"`;

const FIND_SQL = `
SELECT "conversationId", "communityId", "teamId", "rule", "tierId", "language", "routedAt"
FROM "QuestionRoute" WHERE "conversationId" = $1::text`;

interface RouteRow {
  conversationId: string;
  communityId: string;
  teamId: string;
  rule: string;
  tierId: string | null;
  language: string | null;
  routedAt: unknown;
}

/** Creates routing's store on raw SQL over the database's pool. */
export function createSqlRoutingStore(database: Pick<Database, 'pool' | 'kind'>): RoutingStore {
  const db: SqlDb = sqlRunner(database);
  return {
    save: async (record, tx) => {
      const { conversationId, communityId, teamId, rule, tierId, language, routedAt } = record;
      await (tx ?? db).query(SAVE_SQL, [conversationId, communityId, teamId, rule, tierId, language, routedAt.toISOString()]);
    },
    find: async (conversationId, tx): Promise<QuestionRouteRecord | null> => {
      const { rows } = await (tx ?? db).query<RouteRow>(FIND_SQL, [conversationId]);
      const row = rows[0];
      if (row === undefined) return null;
      return { ...row, routedAt: toDate(row.routedAt) ?? new Date(Number.NaN) };
    },
  };
}
