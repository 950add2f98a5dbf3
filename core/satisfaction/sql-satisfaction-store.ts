import type { AccountRef } from '../domain/domain-events.ts';
import { toDate } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';

// Satisfaction's own table, SatisfactionSurvey: one row per surveyed question (the asker's Discord
// account, when they were asked, their score). Every statement runs on the caller's transaction,
// so a survey's row and its prompt, or a score and its event, commit together.

/** A survey about to be recorded. */
export interface SurveyDraft {
  conversationId: string;
  communityId: string;
  asker: AccountRef;
  askedAt: Date;
}

const INSERT_SQL = `
INSERT INTO "SatisfactionSurvey" ("conversationId", "communityId", "askerPlatform", "askerUserId", "askedAt")
VALUES ($1::text, $2::text, $3::text, $4::text, $5::timestamp)
ON CONFLICT ("conversationId") DO NOTHING`;

// The newest survey of the asker in the community other than this question's (its own row is no
// reason to skip it: a redelivered event or a second firing finds it).
const LAST_ASKED_SQL = `
SELECT max("askedAt") AS "askedAt" FROM "SatisfactionSurvey"
WHERE "communityId" = $1::text AND "askerPlatform" = $2::text AND "askerUserId" = $3::text AND "conversationId" <> $4::text`;

// Two surveys of one asker firing at once (two workers) would both find the cooldown clear.
const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtextextended('satisfaction:' || $1::text || ':' || $2::text || ':' || $3::text, 0))`;

// The row is locked: two clicks at once are recorded one after the other, each with the score it replaced.
const SCORE_SQL = `SELECT "score" FROM "SatisfactionSurvey" WHERE "conversationId" = $1::text FOR UPDATE`;
const RATE_SQL = `UPDATE "SatisfactionSurvey" SET "score" = $2::int, "ratedAt" = $3::timestamp WHERE "conversationId" = $1::text`;

/** Reads and writes the survey table. */
export interface SatisfactionStore {
  /** Records the survey; false when the question was surveyed already (nothing is written). */
  insert(tx: Tx, survey: SurveyDraft): Promise<boolean>;
  /** Holds the asker (in the community) until `tx` ends: their cooldown is read and a survey recorded one at a time. */
  lockAsker(tx: Tx, communityId: string, asker: AccountRef): Promise<void>;
  /** When the asker was last asked in the community, this question aside; null when never. */
  lastAskedAt(tx: Tx, communityId: string, asker: AccountRef, conversationId: string): Promise<Date | null>;
  /** Sets the survey's score; answers the score it had (null: unrated), or undefined when there is no survey. */
  setScore(tx: Tx, conversationId: string, score: number, at: Date): Promise<{ previous: number | null } | undefined>;
}

/** Creates the survey store (table "SatisfactionSurvey"). */
export function createSqlSatisfactionStore(): SatisfactionStore {
  return {
    async insert(tx, survey) {
      const { conversationId, communityId, asker, askedAt } = survey;
      return ((await tx.query(INSERT_SQL, [conversationId, communityId, asker.platform, asker.userId, askedAt.toISOString()])).rowCount ?? 0) > 0;
    },
    async lockAsker(tx, communityId, asker) {
      await tx.query(LOCK_SQL, [communityId, asker.platform, asker.userId]);
    },
    async lastAskedAt(tx, communityId, asker, conversationId) {
      const { rows } = await tx.query<{ askedAt: unknown }>(LAST_ASKED_SQL, [communityId, asker.platform, asker.userId, conversationId]);
      return toDate(rows[0]?.askedAt);
    },
    async setScore(tx, conversationId, score, at) {
      const { rows } = await tx.query<{ score: number | null }>(SCORE_SQL, [conversationId]);
      const row = rows[0];
      if (row === undefined) return undefined;
      await tx.query(RATE_SQL, [conversationId, score, at.toISOString()]);
      return { previous: row.score === null ? null : Number(row.score) };
    },
  };
}
