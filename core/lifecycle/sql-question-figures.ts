import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, type SqlDb } from '../infra/store/sql-support.ts';

/** How a community's questions asked since a moment fared: counts, and median times to the first answer and to the solution. */
export interface QuestionFiguresRecord {
  asked: number;
  resolved: number;
  closed: number;
  /** Null when none of them got a first response (or was solved). */
  medianFirstResponseMs: number | null;
  medianResolutionMs: number | null;
}

// Conversation.status, firstResponseAt and resolvedAt are the lifecycle's columns (set with the status).
const FIGURES_SQL = `
SELECT COUNT(*)::int AS "asked",
  (COUNT(*) FILTER (WHERE "status" = 'resolved'))::int AS "resolved",
  (COUNT(*) FILTER (WHERE "status" = 'closed'))::int AS "closed",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("firstResponseAt" - "createdAt"))) FILTER (WHERE "firstResponseAt" IS NOT NULL) AS "firstResponseS",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("resolvedAt" - "createdAt"))) FILTER (WHERE "resolvedAt" IS NOT NULL AND "status" = 'resolved') AS "resolutionS"
FROM "Conversation" WHERE "communityId" = $1::text AND "createdAt" >= $2::timestamp`;

const msOrNull = (seconds: unknown): number | null => (seconds === null || seconds === undefined ? null : Math.round(Number(seconds) * 1000));

/** Reads question figures (`/heimo stats`) from the lifecycle's columns. */
export function createSqlQuestionFigures(database: Pick<Database, 'pool' | 'kind'>): { figures(communityId: string, since: Date): Promise<QuestionFiguresRecord> } {
  const db: SqlDb = sqlRunner(database);
  return {
    async figures(communityId, since) {
      const { rows } = await db.query<{ asked: number; resolved: number; closed: number; firstResponseS: unknown; resolutionS: unknown }>(FIGURES_SQL, [communityId, since.toISOString()]);
      const row = rows[0];
      return {
        asked: Number(row?.asked ?? 0),
        resolved: Number(row?.resolved ?? 0),
        closed: Number(row?.closed ?? 0),
        medianFirstResponseMs: msOrNull(row?.firstResponseS),
        medianResolutionMs: msOrNull(row?.resolutionS),
      };
    },
  };
}
