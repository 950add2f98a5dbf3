import type { AccountRef } from '../domain/domain-events.ts';
import type { Platform } from '../domain/types.ts';
import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, type SqlDb } from '../infra/store/sql-support.ts';

// Askers' outcomes for the ambassadors report (reference customers: solved fast). The current
// solution is the lifecycle's (Resolution); time to it counts from the question's creation, as
// `/heimo stats` does. The asker's platform account is joined for its platform id only.

/** One solved question of a period: who asked and how long the solution took. */
export interface SolvedQuestionRecord {
  conversationId: string;
  asker: AccountRef;
  resolutionMs: number;
}

const SOLVED_SQL = `
SELECT c."id" AS "conversationId", a."platform" AS "platform", a."externalId" AS "userId",
  EXTRACT(EPOCH FROM (r."at" - c."createdAt")) AS "seconds"
FROM "Resolution" r
JOIN "Conversation" c ON c."id" = r."conversationId"
JOIN "PlatformAccount" a ON a."id" = c."askerId"
WHERE c."communityId" = $1::text AND r."current" AND r."at" >= $2::timestamp AND r."at" < $3::timestamp AND NOT a."isBot"
ORDER BY r."at"`;

type Runner = Pick<SqlDb, 'query'>;

/** Reads the questions solved in a period with their askers (what `AskerOutcomes` of core/ambassadors asks). */
export function createSqlAskerOutcomes(database: Pick<Database, 'pool' | 'kind'>): { solvedBetween(communityId: string, from: Date, to: Date, tx?: Runner): Promise<SolvedQuestionRecord[]> } {
  const db: SqlDb = sqlRunner(database);
  return {
    async solvedBetween(communityId, from, to, tx) {
      const { rows } = await (tx ?? db).query<{ conversationId: string; platform: string; userId: string; seconds: unknown }>(SOLVED_SQL, [communityId, from.toISOString(), to.toISOString()]);
      return rows.map((row) => ({
        conversationId: row.conversationId,
        asker: { platform: row.platform as Platform, userId: row.userId },
        resolutionMs: Math.max(0, Math.round(Number(row.seconds) * 1000)),
      }));
    },
  };
}
