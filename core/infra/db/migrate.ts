import { randomUUID } from 'node:crypto';
import { HeimoError } from '../../errors.ts';
import type { Logger } from '../../ports/logger.ts';
import type { Database } from './create-database.ts';
import type { DbPool, DbPoolClient } from './db-pool.ts';
import { checksumMatches, readMigrations, type MigrationFile } from './migration-files.ts';

/** Where the migrations are and who hears about them. */
export interface MigrationOptions {
  /** The folder holding `<timestamp>_<name>/migration.sql` (prisma/migrations). */
  migrationsDir: string;
  logger?: Logger;
}

// Prisma's own migrate lock key, so Heimo and `prisma migrate deploy` never run side by side.
const PRISMA_MIGRATE_LOCK = 72707369;
const TABLE = '"public"."_prisma_migrations"';
// Prisma's DDL for its ledger, so `prisma migrate status/deploy` read rows Heimo wrote.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${TABLE} (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface LedgerRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

// PGlite is one session shared by the whole process, where advisory locks are re-entrant:
// callers in one process also queue behind each other here.
const processLocks = new WeakMap<DbPool, Promise<unknown>>();

function failed(message: string, migration: string, cause?: unknown): HeimoError {
  return new HeimoError('MIGRATION_FAILED', message, { context: { migration }, ...(cause === undefined ? {} : { cause }) });
}

async function readLedger(query: Pick<DbPool, 'query'>): Promise<LedgerRow[]> {
  const { rows } = await query.query<{ present: boolean }>(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present`);
  if (!rows[0]?.present) return [];
  const ledger = await query.query<LedgerRow>(`SELECT migration_name, checksum, finished_at FROM ${TABLE} WHERE rolled_back_at IS NULL ORDER BY started_at`);
  return ledger.rows;
}

/** Throws for a failed or edited migration (as `prisma migrate deploy` refuses to go on); returns the pending ones. */
function plan(files: MigrationFile[], ledger: LedgerRow[], logger?: Logger): MigrationFile[] {
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const row of ledger) {
    const file = byName.get(row.migration_name);
    if (row.finished_at === null) {
      throw failed(`Migration ${row.migration_name} failed earlier and may be half-applied; repair the database, then run \`prisma migrate resolve --rolled-back ${row.migration_name}\``, row.migration_name);
    }
    if (!file) logger?.warn('an applied migration is missing from the migrations folder', { migration: row.migration_name });
    else if (!checksumMatches(file.sql, row.checksum)) {
      throw failed(`Migration ${row.migration_name} was modified after it was applied (checksum differs); restore the file and add a new migration instead`, row.migration_name);
    }
  }
  const done = new Set(ledger.map((row) => row.migration_name));
  return files.filter((file) => !done.has(file.name));
}

async function applyOne(session: DbPoolClient, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await session.query('BEGIN');
  try {
    // Migrations name tables unqualified and must create them in public, whatever the pool's search_path.
    await session.query('SET LOCAL search_path TO "public"');
    await session.query(`INSERT INTO ${TABLE} (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, clock_timestamp(), 0)`, [id, file.checksum, file.name]);
    // The whole file in one simple-protocol query: `$$` bodies stay intact and it shares our transaction.
    if (file.sql.trim() !== '') await session.query(file.sql);
    await session.query(`UPDATE ${TABLE} SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await session.query('COMMIT');
  } catch (error) {
    await session.query('ROLLBACK').catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw failed(`Migration ${file.name} failed and was rolled back, nothing of it is applied: ${reason}`, file.name, error);
  }
}

async function applyPending(db: Database, files: MigrationFile[], logger?: Logger): Promise<string[]> {
  const session = await db.pool.connect();
  let broken = false;
  try {
    await session.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    try {
      await session.query(CREATE_TABLE);
      const applied: string[] = [];
      // Read under the lock: another process may have just applied some of them.
      for (const file of plan(files, await readLedger(session), logger)) {
        logger?.info('applying migration', { migration: file.name });
        await applyOne(session, file);
        applied.push(file.name);
      }
      return applied;
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]).catch(() => {
        broken = true; // dropping the connection releases the lock server-side
      });
    }
  } finally {
    session.release(broken);
  }
}

/** Applies pending `migration.sql` files in name order, each atomically, recording them as Prisma does; safe to run concurrently. */
export async function applyMigrations(db: Database, options: MigrationOptions): Promise<{ applied: string[] }> {
  const files = await readMigrations(options.migrationsDir);
  const previous = processLocks.get(db.pool) ?? Promise.resolve();
  const run = previous.then(() => applyPending(db, files, options.logger));
  processLocks.set(db.pool, run.catch(() => undefined));
  return { applied: await run };
}

/** Names of local migrations not yet applied (for /healthz); throws MIGRATION_FAILED when one failed or was edited. */
export async function pendingMigrations(db: Database, options: MigrationOptions): Promise<string[]> {
  const files = await readMigrations(options.migrationsDir);
  return plan(files, await readLedger(db.pool), options.logger).map((file) => file.name);
}
