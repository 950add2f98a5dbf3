import type { Database } from '../infra/db/create-database.ts';
import { nowParam, sqlRunner, toDate } from '../infra/store/sql-support.ts';
import type { DomainEvent } from '../domain/domain-events.ts';
import type { TimerDraft, Tx } from './port.ts';

// The job system's SQL: the rows that make events and timers durable. Timestamps are TIMESTAMP(3)
// columns holding UTC wall time from this process' clock (see nowParam), as every Heimo table.

/** The part of an open database the job system uses: its pool (sessions for transactions) and kind. */
export type JobsDatabase = Pick<Database, 'pool' | 'kind'>;

/** A stored event as a listener job reads it. */
export interface StoredEvent {
  id: string;
  event: DomainEvent;
}

/** A timer row: what the sweeper re-arms and what firing claims. */
export interface TimerRow extends TimerDraft {
  /** From a sequence (a BIGINT, as text): never reused for the key, even after a clear. */
  version: string;
}

/** A statement runner outside any transaction (each statement commits on its own). */
export const autoCommit = (database: JobsDatabase): Tx => sqlRunner(database);

/**
 * Runs `work` on one session between BEGIN and COMMIT (ROLLBACK if it throws). On PGlite the
 * session holds the only connection until it ends, so `work` must use `tx` and nothing else.
 */
export async function inTransaction<T>(database: JobsDatabase, work: (tx: Tx) => Promise<T>): Promise<T> {
  const session = await database.pool.connect();
  let broken: unknown;
  try {
    await session.query('BEGIN');
    try {
      const result = await work({ query: (text, params) => session.query(text, params) });
      await session.query('COMMIT');
      return result;
    } catch (error) {
      await session.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
      throw error;
    }
  } finally {
    // A session whose ROLLBACK failed is in an unknown state: it is destroyed, not reused.
    session.release(broken === undefined ? undefined : true);
  }
}

const INSERT_EVENT = `
INSERT INTO "DomainEvent" ("id", "type", "conversationId", "payload", "createdAt")
VALUES ($1::text, $2::text, $3::text, $4::text::jsonb, $5::timestamp)`;

/** Records an event in `tx`. */
export async function insertEvent(tx: Tx, id: string, event: DomainEvent): Promise<void> {
  // Events about a person or a community (credits, tiers, identity) belong to no conversation.
  const conversationId = 'conversationId' in event ? event.conversationId : null;
  await tx.query(INSERT_EVENT, [id, event.type, conversationId, JSON.stringify(event), nowParam()]);
}

/** Reads one stored event, or null when it is gone. */
export async function readEvent(tx: Tx, id: string): Promise<StoredEvent | null> {
  const { rows } = await tx.query<{ payload: unknown }>(`SELECT "payload" FROM "DomainEvent" WHERE "id" = $1::text`, [id]);
  const row = rows[0];
  return row ? { id, event: parsed(row.payload) as DomainEvent } : null;
}

/** Marks events as handed to the queue. */
export async function markDispatched(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(`UPDATE "DomainEvent" SET "dispatchedAt" = $2::timestamp WHERE "id" = ANY(SELECT jsonb_array_elements_text($1::text::jsonb)) AND "dispatchedAt" IS NULL`, [
    JSON.stringify(ids),
    nowParam(),
  ]);
}

/** Events written before `before` whose jobs were never queued (the writer crashed, or the queue was down), oldest first. */
export async function undispatchedEvents(tx: Tx, before: Date, limit: number): Promise<StoredEvent[]> {
  const { rows } = await tx.query<{ id: string; payload: unknown }>(
    `SELECT "id", "payload" FROM "DomainEvent" WHERE "dispatchedAt" IS NULL AND "createdAt" < $1::timestamp ORDER BY "createdAt" ASC LIMIT $2::int`,
    [before.toISOString(), limit],
  );
  return rows.map((row) => ({ id: row.id, event: parsed(row.payload) as DomainEvent }));
}

const UPSERT_TIMER = `
INSERT INTO "Timer" ("key", "kind", "dueAt", "payload", "createdAt")
VALUES ($1::text, $2::text, $3::timestamp, $4::text::jsonb, $5::timestamp)
ON CONFLICT ("key") DO UPDATE
SET "kind" = EXCLUDED."kind", "dueAt" = EXCLUDED."dueAt", "payload" = EXCLUDED."payload", "version" = nextval('"Timer_version_seq"')
RETURNING "version"::text AS "version"`;

/** Sets or moves a timer in `tx`; returns its new version. */
export async function upsertTimer(tx: Tx, timer: TimerDraft): Promise<string> {
  const { rows } = await tx.query<{ version: string }>(UPSERT_TIMER, [timer.key, timer.kind, timer.dueAt.toISOString(), JSON.stringify(timer.payload), nowParam()]);
  const version = rows[0]?.version;
  if (version === undefined) throw new Error(`timer ${timer.key} was not written`);
  return version;
}

/** Deletes a timer in `tx` (nothing when there is none). */
export async function deleteTimer(tx: Tx, key: string): Promise<void> {
  await tx.query(`DELETE FROM "Timer" WHERE "key" = $1::text`, [key]);
}

/**
 * Takes the timer for firing: deletes its row only if the version still matches. Concurrent firers
 * wait on the row lock; after the winner commits they find nothing, so the handler runs once.
 */
export async function claimTimer(tx: Tx, key: string, version: string): Promise<TimerRow | null> {
  const { rows } = await tx.query<RawTimer>(
    `DELETE FROM "Timer" WHERE "key" = $1::text AND "version" = $2::bigint RETURNING ${TIMER_COLUMNS}`,
    [key, version],
  );
  return rows[0] ? toTimerRow(rows[0]) : null;
}

/** Timers due by `until` (overdue ones included), soonest first: the ones whose jobs the sweeper makes sure of. */
export async function timersDueBy(tx: Tx, until: Date, limit: number): Promise<TimerRow[]> {
  const { rows } = await tx.query<RawTimer>(`SELECT ${TIMER_COLUMNS} FROM "Timer" WHERE "dueAt" <= $1::timestamp ORDER BY "dueAt" ASC LIMIT $2::int`, [
    until.toISOString(),
    limit,
  ]);
  return rows.map(toTimerRow);
}

const TIMER_COLUMNS = `"key", "kind", "dueAt", "payload", "version"::text AS "version"`;

type RawTimer = { key: string; kind: string; dueAt: unknown; payload: unknown; version: string };

function toTimerRow(row: RawTimer): TimerRow {
  return { key: row.key, kind: row.kind, dueAt: toDate(row.dueAt) ?? new Date(0), payload: parsed(row.payload) as Record<string, unknown>, version: row.version };
}

// pg parses jsonb; PGlite does too, but a JSON text (a driver setting) is accepted as well.
const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
