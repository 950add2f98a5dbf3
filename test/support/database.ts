import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createDatabase, createPgliteDatabase, type Database } from '../../core/infra/db/create-database.ts';
import { applyMigrations } from '../../core/infra/db/migrate.ts';

/** The project's migrations folder (prisma/migrations). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** A database of one's own for a test file; `dispose()` closes it and, on a server, drops it. */
export type TestDatabase = Database & {
  dispose(): Promise<void>;
  /** The URL of this very database on the server; null for PGlite. */
  url: string | null;
};

/** Options of createTestDatabase; the defaults suit nearly every test. */
export interface TestDatabaseOptions {
  /** Apply prisma/migrations first (default true); false gives an empty database for migration tests. */
  migrate?: boolean;
  /** Force a kind: 'postgres' needs DATABASE_URL; by default DATABASE_URL decides. */
  kind?: 'postgres' | 'pglite';
}

/** The server in DATABASE_URL, or null when tests run on PGlite only. */
export function testServerUrl(): string | null {
  const url = process.env['DATABASE_URL'];
  return url === undefined || url === '' ? null : url;
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Runs `work` with a short-lived client on the server at `url`. */
export async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// PGlite's initdb costs seconds per database; restoring a dumped data directory is much faster.
// One template per test process and per `migrate` flag, built on first use.
const templates = new Map<boolean, Promise<Blob>>();

async function buildTemplate(migrate: boolean): Promise<Blob> {
  const pglite = await PGlite.create();
  const db = await createPgliteDatabase(pglite);
  try {
    if (migrate) await applyMigrations(db, { migrationsDir: MIGRATIONS_DIR });
    return await pglite.dumpDataDir('none');
  } finally {
    await db.close();
  }
}

async function openPgliteCopy(migrate: boolean): Promise<Database> {
  let template = templates.get(migrate);
  if (!template) {
    template = buildTemplate(migrate);
    templates.set(migrate, template);
    template.catch(() => templates.delete(migrate));
  }
  return createPgliteDatabase(await PGlite.create({ loadDataDir: await template }));
}

/** Opens a second handle on the same data (a second "process"); only for server databases. */
export async function openSameDatabase(db: TestDatabase): Promise<Database> {
  const { url } = db;
  if (url === null) throw new Error('openSameDatabase: only a PostgreSQL test database can be opened twice');
  return createDatabase({ url, dataDir: '' });
}

async function createServerDatabase(server: string, migrate: boolean): Promise<{ db: Database; url: string; drop: () => Promise<void> }> {
  const name = `heimo_t_${randomBytes(6).toString('hex')}`;
  await onServer(server, (client) => client.query(`CREATE DATABASE "${name}"`));
  const drop = (): Promise<void> => onServer(server, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  const url = withDatabaseName(server, name);
  let db: Database | null = null;
  try {
    db = await createDatabase({ url, dataDir: '' });
    if (migrate) await applyMigrations(db, { migrationsDir: MIGRATIONS_DIR });
    return { db, url, drop };
  } catch (error) {
    await db?.close();
    await drop();
    throw error;
  }
}

/**
 * Creates a fresh database for one test file: with DATABASE_URL set, a new database
 * `heimo_t_<random>` on that server (dropped by dispose); otherwise an in-memory PGlite
 * (restored from a per-process template, so only the first one pays for initdb).
 * Migrated unless `migrate: false`. Always `await db.dispose()` in afterAll.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const server = testServerUrl();
  const migrate = options.migrate ?? true;
  const kind = options.kind ?? (server === null ? 'pglite' : 'postgres');
  let opened: { db: Database; url: string | null; drop: () => Promise<void> };
  if (kind === 'pglite') opened = { db: await openPgliteCopy(migrate), url: null, drop: async () => {} };
  else if (server !== null) opened = await createServerDatabase(server, migrate);
  else throw new Error('createTestDatabase: kind postgres needs DATABASE_URL');
  const { db, url, drop } = opened;
  let disposing: Promise<void> | null = null;
  return { ...db, url, dispose: () => (disposing ??= db.close().then(drop)) };
}
