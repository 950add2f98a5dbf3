import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, toDate } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';
import type { Candidate, Owner, QuestionBrief, RotaEntry } from './owner-types.ts';

/** The database the owners' statements run on outside a transaction (reads for cards and the queue). */
export type OwnersDatabase = Pick<Database, 'pool' | 'kind'>;

// Timestamps are UTC wall time in TIMESTAMP(3) columns, as everywhere (see nowParam in sql-support).
const stamp = (date: Date): string => date.toISOString();

type OwnerRow = { platform: string; userId: string; displayName: string; assignedAt: unknown; assignedBy: string };

const toOwner = (row: OwnerRow): Owner => ({
  platform: row.platform as Owner['platform'],
  userId: row.userId,
  displayName: row.displayName,
  assignedAt: toDate(row.assignedAt) ?? new Date(0),
  assignedBy: row.assignedBy,
});

const OWNER_SQL = `SELECT "platform", "userId", "displayName", "assignedAt", "assignedBy" FROM "QuestionOwner" WHERE "conversationId" = $1::text`;

// Conversation.status is the core's lifecycle column: an owner's open questions are those not yet resolved or closed.
const OPEN_COUNT = `(SELECT count(*)::int FROM "QuestionOwner" o JOIN "Conversation" c ON c."id" = o."conversationId"
  WHERE o."platform" = m."platform" AND o."userId" = m."userId" AND c."status" NOT IN ('resolved', 'closed') AND o."conversationId" <> $3::text)`;

/** The owners' statements: each takes the transaction it runs in. */
export function createOwnerQueries(database: OwnersDatabase) {
  const pool = sqlRunner(database);
  return {
    /** The question's owner; on the pool when no transaction is given. */
    async owner(conversationId: string, tx?: Tx): Promise<Owner | null> {
      const { rows } = await (tx ?? pool).query<OwnerRow>(OWNER_SQL, [conversationId]);
      return rows[0] ? toOwner(rows[0]) : null;
    },

    /** Sets (or replaces) the owner. */
    async setOwner(tx: Tx, conversationId: string, owner: Owner): Promise<void> {
      await tx.query(
        `INSERT INTO "QuestionOwner" ("conversationId", "platform", "userId", "displayName", "assignedAt", "assignedBy")
         VALUES ($1::text, $2::text, $3::text, $4::text, $5::timestamp, $6::text)
         ON CONFLICT ("conversationId") DO UPDATE SET "platform" = EXCLUDED."platform", "userId" = EXCLUDED."userId",
           "displayName" = EXCLUDED."displayName", "assignedAt" = EXCLUDED."assignedAt", "assignedBy" = EXCLUDED."assignedBy"`,
        [conversationId, owner.platform, owner.userId, owner.displayName, stamp(owner.assignedAt), owner.assignedBy],
      );
    },

    /** Removes the owner; true when there was one. */
    async removeOwner(tx: Tx, conversationId: string): Promise<boolean> {
      const { rowCount } = await tx.query(`DELETE FROM "QuestionOwner" WHERE "conversationId" = $1::text`, [conversationId]);
      return (rowCount ?? 0) > 0;
    },

    /**
     * Marks the person assigned now, for round robin: in one team (round robin, which holds that
     * team's rota already; touching other teams' rows would take their locks in the wrong order),
     * or in every team of the community (claims and assignments, which hold no rota).
     */
    async touchMember(tx: Tx, where: { communityId: string; teamId?: string }, person: { platform: string; userId: string }, at: Date): Promise<void> {
      await tx.query(
        `UPDATE "TeamMember" SET "lastAssignedAt" = $4::timestamp
         WHERE "communityId" = $1::text AND "platform" = $2::text AND "userId" = $3::text AND ($5::text IS NULL OR "teamId" = $5::text)`,
        [where.communityId, person.platform, person.userId, stamp(at), where.teamId ?? null],
      );
    },

    /** The teams a person is on in a community, with their duty. */
    async memberships(communityId: string, person: { platform: string; userId: string }): Promise<RotaEntry[]> {
      const { rows } = await pool.query<{ teamId: string; platform: string; userId: string; displayName: string; onDuty: boolean }>(
        `SELECT "teamId", "platform", "userId", "displayName", "onDuty" FROM "TeamMember"
         WHERE "communityId" = $1::text AND "platform" = $2::text AND "userId" = $3::text ORDER BY "teamId"`,
        [communityId, person.platform, person.userId],
      );
      return rows.map((row) => ({ communityId, teamId: row.teamId, platform: row.platform as RotaEntry['platform'], userId: row.userId, displayName: row.displayName, onDuty: row.onDuty }));
    },

    /** Puts a person on or off duty in a team, adding them to its rota when new. */
    async setDuty(tx: Tx, entry: RotaEntry): Promise<void> {
      await tx.query(
        `INSERT INTO "TeamMember" ("communityId", "teamId", "platform", "userId", "displayName", "onDuty")
         VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::boolean)
         ON CONFLICT ("communityId", "teamId", "platform", "userId") DO UPDATE SET "displayName" = EXCLUDED."displayName", "onDuty" = EXCLUDED."onDuty"`,
        [entry.communityId, entry.teamId, entry.platform, entry.userId, entry.displayName, entry.onDuty],
      );
    },

    /**
     * Locks the team's rota for this transaction, then reads it with each member's open questions
     * (other than `conversationId`). Two processes picking for one team queue up on the lock, and
     * the count, read by a statement after the lock, sees the other pick once it committed: the
     * same free slot is never handed out twice.
     */
    async lockRota(tx: Tx, communityId: string, teamId: string, conversationId: string): Promise<Candidate[]> {
      await tx.query(
        `SELECT 1 FROM "TeamMember" WHERE "communityId" = $1::text AND "teamId" = $2::text ORDER BY "platform", "userId" FOR UPDATE`,
        [communityId, teamId],
      );
      const { rows } = await tx.query<{ platform: string; userId: string; displayName: string; onDuty: boolean; lastAssignedAt: unknown; open: number }>(
        `SELECT m."platform", m."userId", m."displayName", m."onDuty", m."lastAssignedAt", ${OPEN_COUNT} AS "open"
         FROM "TeamMember" m WHERE m."communityId" = $1::text AND m."teamId" = $2::text`,
        [communityId, teamId, conversationId],
      );
      return rows.map((row) => ({
        platform: row.platform as Candidate['platform'],
        userId: row.userId,
        displayName: row.displayName,
        onDuty: row.onDuty,
        lastAssignedAt: toDate(row.lastAssignedAt),
        openQuestions: Number(row.open),
      }));
    },

    /**
     * Locks the question for this transaction and reads what the assignee's message shows (its
     * community, title and best link). Every owner change locks the question first, then rota rows,
     * always in that order, so concurrent changes queue up instead of deadlocking.
     */
    async lockQuestion(tx: Tx, conversationId: string): Promise<QuestionBrief | null> {
      const { rows } = await tx.query<{ communityId: string; title: string; url: string | null; status: string; platform: string }>(
        `SELECT c."communityId", c."title", c."status", c."destinationPlatform" AS "platform",
           COALESCE((SELECT l."url" FROM "ThreadLink" l WHERE l."conversationId" = c."id" AND l."side" = 'employee' AND l."url" IS NOT NULL LIMIT 1),
                    (SELECT l."url" FROM "ThreadLink" l WHERE l."conversationId" = c."id" AND l."side" = 'customer' AND l."url" IS NOT NULL LIMIT 1)) AS "url"
         FROM "Conversation" c WHERE c."id" = $1::text FOR NO KEY UPDATE`,
        [conversationId],
      );
      const row = rows[0];
      return row ? { conversationId, communityId: row.communityId, title: row.title, url: row.url ?? '', status: row.status, cardPlatform: row.platform as QuestionBrief['cardPlatform'] } : null;
    },
  };
}

/** The owners' statements (see createOwnerQueries). */
export type OwnerQueries = ReturnType<typeof createOwnerQueries>;
