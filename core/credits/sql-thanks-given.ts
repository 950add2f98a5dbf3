import type { AccountRef } from '../domain/domain-events.ts';
import type { Platform } from '../domain/types.ts';
import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, type SqlDb } from '../infra/store/sql-support.ts';

// Who thanked, for the ambassadors report (reference customers: thankful askers). A thanks credit
// names its giver; one that was reversed (a deleted message, a moderator) no longer counts.

const THANKS_SQL = `
SELECT e."giverPlatform" AS "platform", e."giverUserId" AS "userId", COUNT(*)::int AS "count"
FROM "CreditEntry" e
WHERE e."communityId" = $1::text AND e."reason" = 'thanks' AND e."giverUserId" IS NOT NULL
  AND e."createdAt" >= $2::timestamp AND e."createdAt" < $3::timestamp
  AND NOT EXISTS (SELECT 1 FROM "CreditEntry" r WHERE r."reversesId" = e."id")
GROUP BY e."giverPlatform", e."giverUserId"`;

type Runner = Pick<SqlDb, 'query'>;

/** Reads the thanks each account gave in a period (what `ThanksGiven` of core/ambassadors asks). */
export function createSqlThanksGiven(database: Pick<Database, 'pool' | 'kind'>): { thanksGivenBetween(communityId: string, from: Date, to: Date, tx?: Runner): Promise<{ giver: AccountRef; count: number }[]> } {
  const db: SqlDb = sqlRunner(database);
  return {
    async thanksGivenBetween(communityId, from, to, tx) {
      const { rows } = await (tx ?? db).query<{ platform: string; userId: string; count: number }>(THANKS_SQL, [communityId, from.toISOString(), to.toISOString()]);
      return rows.map((row) => ({ giver: { platform: row.platform as Platform, userId: row.userId }, count: Number(row.count) }));
    },
  };
}
