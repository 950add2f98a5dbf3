import { mkdir } from 'node:fs/promises';
import path from 'node:path';
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

/** `url` value that asks for a throw-away in-memory PGlite (tests, one-off tools). */
export const IN_MEMORY_PGLITE_URL = 'pglite://memory';

/** Where Heimo's data lives: PostgreSQL at `url`, else an embedded PGlite under `<dataDir>/pglite`. */
export interface DatabaseConfig {
  /** postgres:// or postgresql:// URL; null for the embedded PGlite; IN_MEMORY_PGLITE_URL for an in-memory one. */
  url: string | null;
  dataDir: string;
  logger?: Logger;
}

/** An open database: the Prisma client plus a pool for BullMQ's PostgreSQL backend, on the same data. */
export interface Database {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** A pg.Pool-compatible pool for BullMQ's PostgreSQL backend (search_path `bullmq, public`) and the migrator. */
  pool: DbPool;
  close(): Promise<void>;
}

// BullMQ's backend resolves its unqualified tables through search_path; Prisma always
// qualifies names with "public", so the same setting is harmless to it.
const QUEUE_SEARCH_PATH = 'bullmq, public';

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured server';
  }
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
    throw new HeimoError('NOT_CONNECTED', `Cannot reach PostgreSQL at ${describeUrl(url)}`, { cause: error });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(prismaPool) });
  return {
    prisma,
    kind: 'postgres',
    // @types/pg declares `on` as one conditional generic that TypeScript cannot match against
    // overloads; the runtime surface is exactly DbPool's.
    pool: pool as unknown as DbPool,
    close: async () => {
      await prisma.$disconnect();
      await Promise.all([prismaPool.end(), pool.end()]);
    },
  };
}

async function openPglite(dir: string | null): Promise<Database> {
  let unlock = async (): Promise<void> => {};
  if (dir !== null) {
    await mkdir(dir, { recursive: true });
    unlock = await lockPgliteDir(dir);
  }
  let pglite: PGlite;
  try {
    pglite = dir === null ? await PGlite.create() : await PGlite.create(dir);
    await pglite.exec(`SET search_path TO ${QUEUE_SEARCH_PATH}`);
  } catch (error) {
    await unlock();
    throw new HeimoError('NOT_CONNECTED', `Cannot open the embedded database${dir === null ? '' : ` in ${dir}`}`, { cause: error });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const pool = createPglitePool(pglite);
  return {
    prisma,
    kind: 'pglite',
    pool,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
      await pglite.close();
      await unlock();
    },
  };
}

/** Opens PostgreSQL when `url` is set, otherwise the embedded PGlite (persisted, or in memory for IN_MEMORY_PGLITE_URL). */
export async function createDatabase(config: DatabaseConfig): Promise<Database> {
  const { url } = config;
  let database: Database;
  if (url === null) database = await openPglite(path.join(config.dataDir, 'pglite'));
  else if (url === IN_MEMORY_PGLITE_URL) database = await openPglite(null);
  else if (/^postgres(ql)?:\/\//i.test(url)) database = await openPostgres(url, config.logger);
  else throw new ConfigError('CONFIG_INVALID', 'DATABASE_URL', `DATABASE_URL must start with postgresql:// (or be ${IN_MEMORY_PGLITE_URL})`);
  // Several owners may close it (app shutdown, test dispose); the drivers reject a second end().
  let closing: Promise<void> | null = null;
  const close = database.close;
  return { ...database, close: () => (closing ??= close()) };
}
