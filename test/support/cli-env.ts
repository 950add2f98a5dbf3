import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../../config/env-read.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { deleteRedisKeys, testRedisUrl } from './queue.ts';

/** The environment of a one-shot `heimo` command under test, and its clean-up. */
export interface CliEnv {
  env: Env;
  dispose(): Promise<void>;
}

/**
 * What a one-shot command (`heimo audit`, `deliveries`, `privacy forget`) runs with in a test, as an
 * operator's would: on a server, a database of its own (and REDIS_URL's Redis under a prefix of its
 * own, deleted by dispose); embedded, a fresh data directory named after `name`.
 */
export async function createCliEnv(name: string): Promise<CliEnv> {
  if (!process.env['DATABASE_URL']) return { env: { HEIMO_DATA_DIR: await mkdtemp(join(tmpdir(), `heimo-${name}-`)) }, dispose: async () => undefined };
  const db: TestDatabase = await createTestDatabase();
  await db.close();
  const redisUrl = testRedisUrl();
  const prefix = `heimo-t-${name}-${process.pid}-${Date.now()}`;
  return {
    env: { DATABASE_URL: db.url ?? '', ...(redisUrl === null ? {} : { REDIS_URL: redisUrl, HEIMO_QUEUE_PREFIX: prefix }) },
    dispose: async () => {
      if (redisUrl !== null) await deleteRedisKeys(redisUrl, prefix);
      await db.dispose();
    },
  };
}
