import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { ConfigError, HeimoError } from '../../errors.ts';
import type { Logger } from '../../ports/logger.ts';
import { PrismaClient } from './generated/client.ts';
import type { DbPool } from './db-pool.ts';
import { createPglitePool } from './pglite-pool.ts';
import { lockPgliteDir } from './pglite-lock.ts';
import { collectGarbage } from './collect-garbage.ts';

/** `url` value that asks for a throw-away in-memory PGlite (tests, one-off tools). */
export const IN_MEMORY_PGLITE_URL = 'pglite://memory';

/** Where Heimo's data lives: PostgreSQL at `url`, else an embedded PGlite under `<dataDir>/pglite`. */
export interface DatabaseConfig {
  /** postgres:// or postgresql:// URL; null for the embedded PGlite; IN_MEMORY_PGLITE_URL for an in-memory one. */
  url: string | null;
  dataDir: string;
  logger?: Logger;
}

/**
 * An open database: the Prisma client plus a pool for BullMQ's PostgreSQL backend, on the same data.
 * On PGlite everything shares one connection: a Prisma interactive transaction holds it, so awaiting
 * a pool query or a queue call inside `prisma.$transaction(async (tx) => ...)` waits until the
 * transaction times out. Enqueue after the transaction commits.
 */
export interface Database {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** A pg.Pool-compatible pool for BullMQ's PostgreSQL backend (search_path `bullmq, public`) and the migrator. */
  pool: DbPool;
  /** Closes Prisma, the pools and PGlite; safe to call twice. Close the queue factory first. */
  close(): Promise<void>;
}

// Prisma's interactive transactions give up after waiting 2 s for a connection or running 5 s. Under a
// burst the pool is busy for longer than that, and an inbound event that fails to store is lost
// (Discord's gateway never sends it again): waiting is better than failing.
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 30_000 };

// BullMQ's backend resolves its unqualified tables through search_path; Prisma always
// qualifies names with "public", so the same setting is harmless to it.
const QUEUE_SEARCH_PATH = 'bullmq, public';

// Several owners may close one database (app shutdown, test dispose); the drivers reject a second end().
function closeOnce(database: Database): Database {
  let closing: Promise<void> | null = null;
  const { close } = database;
  return { ...database, close: () => (closing ??= close()) };
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured server';
  }
}

// The server's own reason (`database "nope" does not exist`, a failed login) is what the operator
// needs; a network failure says why too (ECONNREFUSED). The password never appears, even if echoed.
function connectFailure(url: string, error: unknown): string {
  let reason = error instanceof Error ? error.message : String(error);
  const password = (() => {
    try {
      return decodeURIComponent(new URL(url).password);
    } catch {
      return '';
    }
  })();
  if (password !== '') reason = reason.replaceAll(password, '[redacted]');
  const answered = typeof (error as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);
  return answered
    ? `PostgreSQL at ${describeUrl(url)} (DATABASE_URL) refused the connection: ${reason}`
    : `Cannot reach PostgreSQL at ${describeUrl(url)} (DATABASE_URL): ${reason || 'no answer'}`;
}

async function openPostgres(url: string, logger?: Logger): Promise<Database> {
  const onError = (err: Error): void => logger?.warn('idle PostgreSQL connection failed', { error: err });
  const prismaPool = new pg.Pool({ connectionString: url, max: 10 });
  // keepAlive: BullMQ parks a LISTEN on one of these connections and must notice if it drops.
  const pool = new pg.Pool({ connectionString: url, max: 10, keepAlive: true, options: `-c search_path=${QUEUE_SEARCH_PATH.replace(' ', '')}` });
  prismaPool.on('error', onError);
  pool.on('error', onError);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await Promise.all([prismaPool.end(), pool.end()]);
    throw new HeimoError('NOT_CONNECTED', connectFailure(url, error), { cause: error });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(prismaPool), transactionOptions: TRANSACTION_OPTIONS });
  return closeOnce({
    prisma,
    kind: 'postgres',
    // @types/pg declares `on` as one conditional generic that TypeScript cannot match against
    // overloads; the runtime surface is exactly DbPool's.
    pool: pool as unknown as DbPool,
    close: async () => {
      await prisma.$disconnect();
      await Promise.all([prismaPool.end(), pool.end()]);
    },
  });
}

/** Wraps an open PGlite (e.g. one restored from a dumped template) as a Database; close() closes it. */
export async function createPgliteDatabase(pglite: PGlite, onClose: () => Promise<void> = async () => {}): Promise<Database> {
  await pglite.exec(`SET search_path TO ${QUEUE_SEARCH_PATH}`);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions: TRANSACTION_OPTIONS });
  const pool = createPglitePool(pglite);
  return closeOnce({
    prisma,
    kind: 'pglite',
    pool,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
      await pglite.close();
      await onClose();
    },
  });
}

// PostgreSQL's default 128 MB of shared buffers is all touched at start inside PGlite's WASM memory,
// which is most of an idle embedded Heimo's RSS; 32 MB holds a small deployment's working set
// (PGlite reads through the OS page cache too).
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

async function openPglite(dir: string | null): Promise<Database> {
  if (dir === null) return createPgliteDatabase(await PGlite.create());
  await mkdir(dir, { recursive: true });
  const unlock = await lockPgliteDir(dir);
  // V8 compiles WASM with Liftoff, then again with TurboFan for hot functions: for PGlite (and
  // Prisma's query compiler) that is about 90 MB more resident memory and a second more CPU at
  // start. The embedded database serves small deployments, where Liftoff's code is fast enough
  // (PostgreSQL proper is the choice under load), so this process keeps to Liftoff from here on.
  setFlagsFromString('--liftoff-only');
  try {
    const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
    const pglite = await PGlite.create(dir, { startParams: PGLITE_START_PARAMS });
    // initdb's WASM instances are released a moment after start; then their memory can go back.
    if (fresh) for (const delayMs of [1_000, 10_000]) setTimeout(collectGarbage, delayMs).unref();
    return await createPgliteDatabase(pglite, unlock);
  } catch (error) {
    await unlock();
    throw new HeimoError('NOT_CONNECTED', `Cannot open the embedded database in ${dir}`, { cause: error });
  }
}

/** Opens PostgreSQL when `url` is set, otherwise the embedded PGlite (persisted, or in memory for IN_MEMORY_PGLITE_URL). */
export async function createDatabase(config: DatabaseConfig): Promise<Database> {
  const { url } = config;
  if (url === null) return openPglite(path.join(config.dataDir, 'pglite'));
  if (url === IN_MEMORY_PGLITE_URL) return openPglite(null);
  if (/^postgres(ql)?:\/\//i.test(url)) return openPostgres(url, config.logger);
  throw new ConfigError('CONFIG_INVALID', 'DATABASE_URL', `DATABASE_URL must start with postgresql:// (or be ${IN_MEMORY_PGLITE_URL})`);
}
