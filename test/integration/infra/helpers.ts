import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MIGRATIONS_DIR, testServerUrl } from '../../support/database.ts';

/** Database kinds this run can reach: PGlite always, PostgreSQL when DATABASE_URL is set. */
export function databaseKinds(): Array<'pglite' | 'postgres'> {
  return testServerUrl() === null ? ['pglite'] : ['pglite', 'postgres'];
}

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A promise plus its resolver, for processors that must wait on the test. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** A scratch copy of prisma/migrations that a test may edit; `add` writes one more migration. */
export async function scratchMigrations(): Promise<{ dir: string; add(name: string, sql: string): Promise<string>; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'heimo-migrations-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return {
    dir,
    add: async (name, sql) => {
      await mkdir(path.join(dir, name), { recursive: true });
      const file = path.join(dir, name, 'migration.sql');
      await writeFile(file, sql);
      return file;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
