import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase, IN_MEMORY_PGLITE_URL, type Database } from '../../core/infra/db/create-database.ts';
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

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Opens a second handle on the same data (a second "process"); only for server databases. */
export async function openSameDatabase(db: TestDatabase): Promise<Database> {
  const { url } = db;
  if (url === null) throw new Error('openSameDatabase: only a PostgreSQL test database can be opened twice');
  return createDatabase({ url, dataDir: '' });
}

/**
 * Creates a fresh database for one test file: with DATABASE_URL set, a new database
 * `heimo_t_<random>` on that server (dropped by dispose); otherwise an in-memory PGlite.
 * Migrated unless `migrate: false`.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const server = testServerUrl();
  const kind = options.kind ?? (server === null ? 'pglite' : 'postgres');
  let db: Database;
  let drop = async (): Promise<void> => {};
  let url: string | null = null;
  if (kind === 'postgres') {
    if (server === null) throw new Error('createTestDatabase: kind postgres needs DATABASE_URL');
    const name = `heimo_t_${randomBytes(6).toString('hex')}`;
    await onServer(server, (client) => client.query(`CREATE DATABASE "${name}"`));
    url = withDatabaseName(server, name);
    db = await createDatabase({ url, dataDir: '' });
    drop = () => onServer(server, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  } else {
    db = await createDatabase({ url: IN_MEMORY_PGLITE_URL, dataDir: '' });
  }
  try {
    if (options.migrate ?? true) await applyMigrations(db, { migrationsDir: MIGRATIONS_DIR });
  } catch (error) {
    await db.close();
    await drop();
    throw error;
  }
  let disposing: Promise<void> | null = null;
  return {
    ...db,
    url,
    dispose: () => (disposing ??= db.close().then(drop)),
  };
}
