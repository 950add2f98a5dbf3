import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, toDate, type SqlDb } from '../infra/store/sql-support.ts';
import type { Platform } from '../domain/types.ts';
import type { SatisfactionFigures, SurveyView } from './port.ts';

// The read side of the survey table: `/heimo stats` and the ambassador report. Both read inside or
// outside a transaction (`tx`), so a caller that already holds one sees its own writes.

/** Reads ratings (table "SatisfactionSurvey"). */
export interface SqlSatisfactionFigures {
  figures(communityId: string, since: Date, tx?: { query: Database['pool']['query'] }): Promise<SatisfactionFigures>;
  ratedBetween(communityId: string, from: Date, to: Date, tx?: { query: Database['pool']['query'] }): Promise<SurveyView[]>;
}

// Surveys asked in the period, whenever they were rated: a rating belongs to the question it rates,
// and `/heimo stats` counts questions by when they were asked too. Satisfied = a 4 or a 5.
const FIGURES_SQL = `
SELECT COUNT(*)::int AS "asked",
  (COUNT("score"))::int AS "rated",
  AVG("score")::float8 AS "average",
  (COUNT(*) FILTER (WHERE "score" >= 4))::int AS "satisfied"
FROM "SatisfactionSurvey" WHERE "communityId" = $1::text AND "askedAt" >= $2::timestamp`;

const RATED_BETWEEN_SQL = `
SELECT "conversationId", "communityId", "askerPlatform", "askerUserId", "askedAt", "score", "ratedAt"
FROM "SatisfactionSurvey"
WHERE "communityId" = $1::text AND "score" IS NOT NULL AND "ratedAt" >= $2::timestamp AND "ratedAt" < $3::timestamp
ORDER BY "ratedAt" ASC, "conversationId" ASC`;

type SurveyRow = {
  conversationId: string;
  communityId: string;
  askerPlatform: string;
  askerUserId: string;
  askedAt: unknown;
  score: number | null;
  ratedAt: unknown;
};

function toSurveyView(row: SurveyRow): SurveyView {
  return {
    conversationId: row.conversationId,
    communityId: row.communityId,
    asker: { platform: row.askerPlatform as Platform, userId: row.askerUserId },
    askedAt: toDate(row.askedAt) ?? new Date(0),
    score: row.score === null ? null : Number(row.score),
    ratedAt: toDate(row.ratedAt),
  };
}

/** Creates the figures reader over the database. */
export function createSqlSatisfactionFigures(database: Pick<Database, 'pool' | 'kind'>): SqlSatisfactionFigures {
  const runner: SqlDb = sqlRunner(database);
  return {
    async figures(communityId, since, tx) {
      const { rows } = await (tx ?? runner).query<{ asked: number; rated: number; average: unknown; satisfied: number }>(FIGURES_SQL, [communityId, since.toISOString()]);
      const row = rows[0];
      const rated = Number(row?.rated ?? 0);
      return {
        asked: Number(row?.asked ?? 0),
        rated,
        average: rated === 0 || row?.average === null || row?.average === undefined ? null : Number(row.average),
        satisfied: Number(row?.satisfied ?? 0),
      };
    },
    async ratedBetween(communityId, from, to, tx) {
      const { rows } = await (tx ?? runner).query<SurveyRow>(RATED_BETWEEN_SQL, [communityId, from.toISOString(), to.toISOString()]);
      return rows.map(toSurveyView);
    },
  };
}
