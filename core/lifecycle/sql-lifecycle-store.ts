import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/domain-events.ts';
import type { ConversationStatus, EmployeePlatform } from '../domain/types.ts';
import type { LifecycleStore, QuestionState } from './lifecycle-store.ts';

// Every statement runs on the caller's transaction (jobs.transaction), so the status, its history,
// the events, the timers and the deliveries commit together. Timestamps travel as ISO text into
// TIMESTAMP(3) columns (UTC wall time, as the other stores write them).

const STATE_SQL = `SELECT "status", "communityId", "destinationPlatform" FROM "Conversation" WHERE "id" = $1::text`;

// The expected-status check is in the write itself: a concurrent change makes it match no row.
const SET_STATUS_SQL = `
UPDATE "Conversation"
SET "status" = $3::text, "updatedAt" = $4::timestamp,
    "resolvedAt" = CASE WHEN $3::text = 'resolved' THEN $4::timestamp ELSE NULL END,
    "firstResponseAt" = CASE WHEN $3::text = 'answered' AND "firstResponseAt" IS NULL THEN $4::timestamp ELSE "firstResponseAt" END
WHERE "id" = $1::text AND "status" = $2::text`;

const CHANGE_SQL = `
INSERT INTO "StatusChange" ("id", "conversationId", "from", "to", "action", "actorKind", "actorPlatform", "actorUserId", "actorDisplayName", "reason", "at")
VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text, $11::timestamp)`;

const RETIRE_SQL = `UPDATE "Resolution" SET "current" = false, "retiredAt" = $2::timestamp WHERE "conversationId" = $1::text AND "current"`;

const RESOLUTION_SQL = `
INSERT INTO "Resolution" ("id", "conversationId", "solutionMessageId", "solutionPlatform", "solutionAuthorId",
  "acceptedByKind", "acceptedByPlatform", "acceptedByUserId", "acceptedByDisplayName", "at", "current", "articleId")
VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::timestamp, true, $11::text)`;

// The card is posted when a question starts outside a window, or leaves `new` for work (the window
// ends), or comes back to work after it was solved or closed inside the window (a reopen posts it):
// so it exists unless the question started `new` and never was open, claimed or answered.
/** Whether question $1's card was ever posted (also read by the question facts). */
export const REACHED_STAFF_SQL = `
SELECT NOT EXISTS (SELECT 1 FROM "StatusChange" WHERE "conversationId" = $1::text AND "from" = 'new')
    OR EXISTS (SELECT 1 FROM "StatusChange" WHERE "conversationId" = $1::text AND "to" IN ('open', 'claimed', 'answered')) AS "reached"`;

const at = (date: Date): string => date.toISOString();

// The actor columns: kind, platform, user id, display name (null for Heimo).
const actorParams = (actor: Actor): (string | null)[] =>
  actor.kind === 'heimo' ? ['heimo', null, null, null] : ['person', actor.platform, actor.userId, actor.displayName ?? null];

/** The lifecycle's store on PostgreSQL/PGlite: raw SQL on the caller's transaction. */
export function createSqlLifecycleStore(): LifecycleStore {
  return {
    async state(tx, conversationId): Promise<QuestionState | null> {
      const { rows } = await tx.query<{ status: string; communityId: string; destinationPlatform: string }>(STATE_SQL, [conversationId]);
      const row = rows[0];
      if (!row) return null;
      return { status: row.status as ConversationStatus, communityId: row.communityId, employeePlatform: row.destinationPlatform as EmployeePlatform };
    },
    async setStatus(tx, conversationId, from, to, when) {
      const { rowCount } = await tx.query(SET_STATUS_SQL, [conversationId, from, to, at(when)]);
      return rowCount === 1;
    },
    async recordChange(tx, change) {
      await tx.query(CHANGE_SQL, [randomUUID(), change.conversationId, change.from, change.to, change.action, ...actorParams(change.actor), change.reason, at(change.at)]);
    },
    async recordResolution(tx, resolution) {
      await tx.query(RETIRE_SQL, [resolution.conversationId, at(resolution.at)]);
      const { solution } = resolution;
      const solutionParams = solution === null ? [null, null, null] : [solution.messageId, solution.platform, solution.authorId];
      await tx.query(RESOLUTION_SQL, [randomUUID(), resolution.conversationId, ...solutionParams, ...actorParams(resolution.acceptedBy), at(resolution.at), resolution.articleId ?? null]);
    },
    async retireResolution(tx, conversationId, when) {
      await tx.query(RETIRE_SQL, [conversationId, at(when)]);
    },
    async reachedStaff(tx, conversationId) {
      const { rows } = await tx.query<{ reached: boolean }>(REACHED_STAFF_SQL, [conversationId]);
      return rows[0]?.reached === true;
    },
  };
}
