import { randomUUID } from 'node:crypto';
import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, toDate } from '../infra/store/sql-support.ts';
import type { EmployeePlatform } from '../domain/types.ts';
import type { Tx } from '../jobs/index.ts';
import type { ClockName, ClockRecord } from './clock-types.ts';

/** The database the clocks' reads run on outside a transaction (cards and the queue). */
export type ClocksDatabase = Pick<Database, 'pool' | 'kind'>;

// Timestamps are UTC wall time in TIMESTAMP(3) columns, as everywhere (see nowParam in sql-support).
const stamp = (date: Date): string => date.toISOString();

type ClockRow = { conversationId: string; communityId: string; clock: string; teamId: string; targetMs: unknown; startedAt: unknown; dueAt: unknown; stoppedAt: unknown; breachedAt: unknown };

const toRecord = (row: ClockRow): ClockRecord => ({
  conversationId: row.conversationId,
  communityId: row.communityId,
  clock: row.clock as ClockName,
  teamId: row.teamId,
  targetMs: Number(row.targetMs),
  startedAt: toDate(row.startedAt) ?? new Date(0),
  dueAt: toDate(row.dueAt) ?? new Date(0),
  stoppedAt: toDate(row.stoppedAt),
  breachedAt: toDate(row.breachedAt),
});

// A breach belongs to the clock's current run when it was recorded for the same due time.
const CLOCK_SELECT = `SELECT k."conversationId", c."communityId", k."clock", k."teamId", k."targetMs", k."startedAt", k."dueAt", k."stoppedAt", b."breachedAt"
  FROM "SlaClock" k JOIN "Conversation" c ON c."id" = k."conversationId"
  LEFT JOIN "SlaBreach" b ON b."conversationId" = k."conversationId" AND b."clock" = k."clock" AND b."dueAt" = k."dueAt"`;

/** The clocks' statements: writes take the transaction they run in. */
export function createClockQueries(database: ClocksDatabase) {
  const pool = sqlRunner(database);
  return {
    /** The question's clocks (on the pool when no transaction is given). */
    async clocks(conversationId: string, tx?: Tx): Promise<ClockRecord[]> {
      const { rows } = await (tx ?? pool).query<ClockRow>(`${CLOCK_SELECT} WHERE k."conversationId" = $1::text ORDER BY k."clock"`, [conversationId]);
      return rows.map(toRecord);
    },

    /** The question's status and whether any of its clocks was started (a moved question keeps its clocks). */
    async opening(tx: Tx, conversationId: string): Promise<{ status: string; started: boolean } | null> {
      const { rows } = await tx.query<{ status: string; started: boolean }>(
        `SELECT c."status", EXISTS (SELECT 1 FROM "SlaClock" k WHERE k."conversationId" = c."id") AS "started" FROM "Conversation" c WHERE c."id" = $1::text`,
        [conversationId],
      );
      return rows[0] ?? null;
    },

    /** One clock, locked for this transaction: a breach waits for a concurrent stop and then sees it. */
    async lockClock(tx: Tx, conversationId: string, clock: ClockName): Promise<ClockRecord | null> {
      const { rows } = await tx.query<ClockRow>(`${CLOCK_SELECT} WHERE k."conversationId" = $1::text AND k."clock" = $2::text FOR UPDATE OF k`, [conversationId, clock]);
      return rows[0] ? toRecord(rows[0]) : null;
    },

    /** Starts (or starts again) a clock: running from `startedAt`, due at `dueAt`. */
    async start(tx: Tx, clock: { conversationId: string; clock: ClockName; teamId: string; targetMs: number; startedAt: Date; dueAt: Date }): Promise<void> {
      await tx.query(
        `INSERT INTO "SlaClock" ("conversationId", "clock", "teamId", "targetMs", "startedAt", "dueAt", "stoppedAt")
         VALUES ($1::text, $2::text, $3::text, $4::bigint, $5::timestamp, $6::timestamp, NULL)
         ON CONFLICT ("conversationId", "clock") DO UPDATE SET "teamId" = EXCLUDED."teamId", "targetMs" = EXCLUDED."targetMs",
           "startedAt" = EXCLUDED."startedAt", "dueAt" = EXCLUDED."dueAt", "stoppedAt" = NULL`,
        [clock.conversationId, clock.clock, clock.teamId, clock.targetMs, stamp(clock.startedAt), stamp(clock.dueAt)],
      );
    },

    /** Stops a running clock; false when it was not running. */
    async stop(tx: Tx, conversationId: string, clock: ClockName, at: Date): Promise<boolean> {
      const { rowCount } = await tx.query(
        `UPDATE "SlaClock" SET "stoppedAt" = $3::timestamp WHERE "conversationId" = $1::text AND "clock" = $2::text AND "stoppedAt" IS NULL`,
        [conversationId, clock, stamp(at)],
      );
      return (rowCount ?? 0) > 0;
    },

    /** Forgets a clock the question's tier no longer has. */
    async remove(tx: Tx, conversationId: string, clock: ClockName): Promise<void> {
      await tx.query(`DELETE FROM "SlaClock" WHERE "conversationId" = $1::text AND "clock" = $2::text`, [conversationId, clock]);
    },

    /**
     * Records that the clock's run due at `dueAt` broke; false when that run's breach is already
     * recorded. One row per clock: a restarted clock that breaks again moves it to the new run.
     */
    async recordBreach(tx: Tx, conversationId: string, clock: ClockName, dueAt: Date, at: Date): Promise<boolean> {
      const { rows } = await tx.query(
        `INSERT INTO "SlaBreach" ("id", "conversationId", "clock", "dueAt", "breachedAt") VALUES ($1::text, $2::text, $3::text, $4::timestamp, $5::timestamp)
         ON CONFLICT ("conversationId", "clock") DO UPDATE SET "dueAt" = EXCLUDED."dueAt", "breachedAt" = EXCLUDED."breachedAt"
         WHERE "SlaBreach"."dueAt" <> EXCLUDED."dueAt"
         RETURNING 1`,
        [randomUUID(), conversationId, clock, stamp(dueAt), stamp(at)],
      );
      return rows.length > 0;
    },

    /** What a breach's deliveries need: the card's platform, the question's title and its best link. */
    async breachContext(tx: Tx, conversationId: string): Promise<{ cardPlatform: EmployeePlatform; title: string; url: string } | null> {
      const { rows } = await tx.query<{ platform: string; title: string; url: string | null }>(
        `SELECT c."destinationPlatform" AS "platform", c."title",
           COALESCE((SELECT l."url" FROM "ThreadLink" l WHERE l."conversationId" = c."id" AND l."side" = 'employee' AND l."url" IS NOT NULL LIMIT 1),
                    (SELECT l."url" FROM "ThreadLink" l WHERE l."conversationId" = c."id" AND l."side" = 'customer' AND l."url" IS NOT NULL LIMIT 1)) AS "url"
         FROM "Conversation" c WHERE c."id" = $1::text`,
        [conversationId],
      );
      const row = rows[0];
      return row ? { cardPlatform: row.platform as EmployeePlatform, title: row.title, url: row.url ?? '' } : null;
    },
  };
}

/** The clocks' statements (see createClockQueries). */
export type ClockQueries = ReturnType<typeof createClockQueries>;
