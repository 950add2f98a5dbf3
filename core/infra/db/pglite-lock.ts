import { open, readFile, rm } from 'node:fs/promises';
import { HeimoError } from '../../errors.ts';

// Two PGlite instances on one directory (two processes, or twice in one) corrupt it, and
// PGlite does not guard against that itself: a pid file next to the directory does.

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(lockPath: string): Promise<number | null> {
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Takes `<dir>.lock` for this process; the returned function gives it back. Throws when the directory is in use. */
export async function lockPgliteDir(dir: string): Promise<() => Promise<void>> {
  const lockPath = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readOwner(lockPath);
      if (owner !== null && isAlive(owner)) {
        throw new HeimoError('CONFIG_INVALID', `The embedded database in ${dir} is in use by process ${owner}; stop it first or set DATABASE_URL`, {
          context: { dataDir: dir, pid: owner },
        });
      }
      // Left behind by a process that died: take it over.
      await rm(lockPath, { force: true });
    }
  }
  throw new HeimoError('CONFIG_INVALID', `Could not lock the embedded database in ${dir}`, { context: { dataDir: dir } });
}
