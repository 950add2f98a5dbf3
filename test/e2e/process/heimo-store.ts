import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../../../config/env-read.ts';
import { createTestDatabase, testServerUrl } from '../../support/database.ts';
import { deleteRedisKeys, testRedisUrl } from '../../support/queue.ts';
import { runHeimo } from './heimo-process.ts';

/**
 * Where a child Heimo keeps its state. Embedded (no DATABASE_URL in the test run): PGlite in a
 * temporary HEIMO_DATA_DIR, queue on the same database. Services: a fresh database on the test
 * server and a fresh Redis key prefix (HEIMO_QUEUE_PREFIX), so parallel test files never meet.
 */
export interface HeimoStore {
  kind: 'embedded' | 'services';
  /** A temporary directory of this store (HEIMO_DATA_DIR; the network file goes here too). */
  dir: string;
  /** The variables that point a child at this store; pass the same ones to every restart. */
  env: Env;
  dispose(): Promise<void>;
}

/** Options of createHeimoStore. */
export interface HeimoStoreOptions {
  /**
   * Embedded only: start from an already-migrated data directory (copied from one `heimo migrate`
   * run per test file) instead of an empty one; PGlite's initdb then runs once per file, not per test.
   */
  migrated?: boolean;
}

/** True when the test run points at real PostgreSQL (and maybe Redis) servers. */
export const usesServices = (): boolean => testServerUrl() !== null;

let template: Promise<string> | undefined;

async function buildTemplate(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'heimo-e2e-template-'));
  const result = await runHeimo(['migrate'], { HEIMO_DATA_DIR: dir });
  if (result.code !== 0) throw new Error(`heimo migrate failed with ${String(result.code)}:\n${result.stderr}`);
  return dir;
}

/** Creates a fresh store for one child Heimo (and its restarts); `await store.dispose()` afterwards. */
export async function createHeimoStore(options: HeimoStoreOptions = {}): Promise<HeimoStore> {
  const dir = await mkdtemp(join(tmpdir(), 'heimo-e2e-'));
  const removeDir = (): Promise<void> => rm(dir, { recursive: true, force: true });
  if (!usesServices()) {
    if (options.migrated === true) {
      if (template === undefined) {
        template = buildTemplate();
        template.catch(() => (template = undefined));
      }
      await cp(join(await template, 'pglite'), join(dir, 'pglite'), { recursive: true });
    }
    return { kind: 'embedded', dir, env: { HEIMO_DATA_DIR: dir }, dispose: removeDir };
  }
  const db = await createTestDatabase({ migrate: false });
  const redisUrl = testRedisUrl();
  const prefix = `heimo-p-${randomBytes(6).toString('hex')}`;
  const env: Env = {
    HEIMO_DATA_DIR: dir,
    DATABASE_URL: db.url ?? undefined,
    ...(redisUrl === null ? {} : { REDIS_URL: redisUrl, HEIMO_QUEUE_PREFIX: prefix }),
  };
  return {
    kind: 'services',
    dir,
    env,
    dispose: async () => {
      await db.dispose();
      if (redisUrl !== null) await deleteRedisKeys(redisUrl, prefix);
      await removeDir();
    },
  };
}

/** Removes this test file's migrated template (if one was built); for afterAll. */
export async function removeStoreTemplate(): Promise<void> {
  const built = template;
  template = undefined;
  const dir = await built?.catch(() => undefined);
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
}
