import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, pendingMigrations } from '../../../core/infra/db/migrate.ts';
import { hasCode } from '../../../core/errors.ts';
import { createQueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';
import { createTestDatabase, MIGRATIONS_DIR, openSameDatabase, type TestDatabase } from '../../support/database.ts';
import { databaseKinds, scratchMigrations } from './helpers.ts';

interface LedgerRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const localNames = async (dir: string): Promise<string[]> => (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

const tableExists = async (db: TestDatabase, name: string): Promise<boolean> =>
  (await db.pool.query<{ found: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS found`, [`public."${name}"`])).rows[0]?.found === true;

const ledger = async (db: TestDatabase): Promise<LedgerRow[]> => (await db.pool.query<LedgerRow>('SELECT * FROM public._prisma_migrations ORDER BY migration_name')).rows;

async function expectMigrationFailure(work: Promise<unknown>, migration: string): Promise<void> {
  const error = await work.then(() => null, (caught: unknown) => caught);
  expect(hasCode(error, 'MIGRATION_FAILED')).toBe(true);
  expect((error as Error).message).toContain(migration);
}

describe.each(databaseKinds())('migrations on %s', (kind) => {
  let db: TestDatabase;
  let scratch: Awaited<ReturnType<typeof scratchMigrations>>;

  beforeEach(async () => {
    db = await createTestDatabase({ kind, migrate: false });
    scratch = await scratchMigrations();
  });

  afterEach(async () => {
    await db.dispose();
    await scratch.remove();
  });

  it('should apply every migration in name order when the database is empty', async () => {
    const { applied } = await applyMigrations(db, { migrationsDir: MIGRATIONS_DIR });
    expect(applied).toEqual(await localNames(MIGRATIONS_DIR));
    expect(await tableExists(db, 'Person')).toBe(true);
    expect(await tableExists(db, 'OutboxEntry')).toBe(true);
  });

  it('should apply nothing when run a second time', async () => {
    await applyMigrations(db, { migrationsDir: MIGRATIONS_DIR });
    expect(await applyMigrations(db, { migrationsDir: MIGRATIONS_DIR })).toEqual({ applied: [] });
    expect(await ledger(db)).toHaveLength((await localNames(MIGRATIONS_DIR)).length);
  });

  it('should record rows in Prisma format when it applies a migration', async () => {
    await applyMigrations(db, { migrationsDir: MIGRATIONS_DIR });
    const names = await localNames(MIGRATIONS_DIR);
    const rows = await ledger(db);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const bytes = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('should report local migrations as pending when they are not applied yet', async () => {
    expect(await pendingMigrations(db, { migrationsDir: MIGRATIONS_DIR })).toEqual(await localNames(MIGRATIONS_DIR));
    await applyMigrations(db, { migrationsDir: MIGRATIONS_DIR });
    expect(await pendingMigrations(db, { migrationsDir: MIGRATIONS_DIR })).toEqual([]);
  });

  it('should throw MIGRATION_FAILED naming the migration when an applied file was edited', async () => {
    const file = await scratch.add('20990101000000_extra', 'CREATE TABLE "Extra" ("id" TEXT PRIMARY KEY);\n');
    await applyMigrations(db, { migrationsDir: scratch.dir });
    await writeFile(file, 'CREATE TABLE "Extra" ("id" TEXT PRIMARY KEY, "more" TEXT);\n');
    await expectMigrationFailure(applyMigrations(db, { migrationsDir: scratch.dir }), '20990101000000_extra');
    await expectMigrationFailure(pendingMigrations(db, { migrationsDir: scratch.dir }), '20990101000000_extra');
  });

  it('should accept an applied migration when only its line endings changed', async () => {
    const file = await scratch.add('20990101000000_extra', '-- one\nCREATE TABLE "Extra" ("id" TEXT PRIMARY KEY);\n');
    await applyMigrations(db, { migrationsDir: scratch.dir });
    await writeFile(file, '-- one\r\nCREATE TABLE "Extra" ("id" TEXT PRIMARY KEY);\r\n');
    expect(await applyMigrations(db, { migrationsDir: scratch.dir })).toEqual({ applied: [] });
  });

  it('should roll back the whole script and record nothing when its SQL fails', async () => {
    const file = await scratch.add('20990101000000_broken', 'CREATE TABLE "Half" ("id" TEXT);\nINSERT INTO "Half" VALUES (\'x\');\nSELECT 1 / 0;\n');
    await expectMigrationFailure(applyMigrations(db, { migrationsDir: scratch.dir }), '20990101000000_broken');
    expect(await tableExists(db, 'Half')).toBe(false);
    expect((await ledger(db)).map((row) => row.migration_name)).toEqual(await localNames(MIGRATIONS_DIR));
    await writeFile(file, 'CREATE TABLE "Half" ("id" TEXT);\n');
    expect(await applyMigrations(db, { migrationsDir: scratch.dir })).toEqual({ applied: ['20990101000000_broken'] });
    expect(await tableExists(db, 'Half')).toBe(true);
  });

  it('should refuse to go on when an earlier run left a failed migration', async () => {
    await scratch.add('20990101000000_extra', 'CREATE TABLE "Extra" ("id" TEXT PRIMARY KEY);\n');
    await applyMigrations(db, { migrationsDir: MIGRATIONS_DIR });
    await db.pool.query(`INSERT INTO public._prisma_migrations (id, checksum, migration_name, logs) VALUES ($1, $2, $3, 'failed by prisma migrate deploy')`, [
      '00000000-0000-4000-8000-000000000000',
      'f'.repeat(64),
      '20990101000000_extra',
    ]);
    await expectMigrationFailure(applyMigrations(db, { migrationsDir: scratch.dir }), '20990101000000_extra');
    expect(await tableExists(db, 'Extra')).toBe(false);
  });

  it('should keep function bodies with semicolons intact when a migration defines one', async () => {
    await scratch.add(
      '20990101000000_function',
      'CREATE FUNCTION "double_it"(n integer) RETURNS integer AS $$\nDECLARE result integer;\nBEGIN\n  result := n * 2;\n  RETURN result;\nEND;\n$$ LANGUAGE plpgsql;\n',
    );
    await applyMigrations(db, { migrationsDir: scratch.dir });
    expect((await db.pool.query<{ value: number }>('SELECT public.double_it(21) AS value')).rows[0]?.value).toBe(42);
  });

  it('should create tables in public when the queue schema already exists', async () => {
    await applyMigrations(db, { migrationsDir: MIGRATIONS_DIR });
    const queues = await createQueueFactory({ redisUrl: null, db });
    await queues.close();
    await scratch.add('20990101000000_extra', 'CREATE TABLE "Extra" ("id" TEXT PRIMARY KEY);\n');
    await applyMigrations(db, { migrationsDir: scratch.dir });
    expect(await tableExists(db, 'Extra')).toBe(true);
    const inQueueSchema = await db.pool.query<{ found: boolean }>(`SELECT to_regclass('bullmq."Extra"') IS NOT NULL AS found`);
    expect(inQueueSchema.rows[0]?.found).toBe(false);
  });

  it('should apply each migration once when two runs start at the same time', async () => {
    await scratch.add('20990101000000_extra', 'CREATE TABLE "Extra" ("id" TEXT PRIMARY KEY);\n');
    // On a server the second run is another connection pool, as a second process would be.
    const other = kind === 'postgres' ? await openSameDatabase(db) : db;
    try {
      const runs = await Promise.all([applyMigrations(db, { migrationsDir: scratch.dir }), applyMigrations(other, { migrationsDir: scratch.dir })]);
      expect(runs.flatMap((run) => run.applied).sort()).toEqual(await localNames(scratch.dir));
      expect(await ledger(db)).toHaveLength((await localNames(scratch.dir)).length);
    } finally {
      if (other !== db) await other.close();
    }
  });
});
