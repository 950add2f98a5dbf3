import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readAppEnv } from '../../config/app-env.ts';
import type { Env } from '../../config/env-read.ts';
import { loadNetwork } from '../../config/load-network.ts';
import { ConfigError, HeimoError } from '../../core/errors.ts';
import type { Logger } from '../../core/ports/logger.ts';

/** Where a running Heimo leaves its process id, so `heimo reload` can find it. */
export const pidFilePath = (dataDir: string): string => join(dataDir, 'heimo.pid');

/**
 * Serves reloads for a running `heimo start`: writes `<HEIMO_DATA_DIR>/heimo.pid` and re-reads the
 * network file on SIGHUP. The returned function stops listening and removes the file (if still ours).
 */
export async function serveReloads(dataDir: string, reload: () => Promise<unknown>, logger: Logger): Promise<() => Promise<void>> {
  const path = pidFilePath(dataDir);
  // With DATABASE_URL the data directory may be read-only (a container): reloads by signal still work.
  await mkdir(dataDir, { recursive: true })
    .then(() => writeFile(path, `${process.pid}\n`))
    .catch((error: unknown) => logger.warn('cannot write the pid file: `heimo reload` will not find this process; send it SIGHUP instead', { path, error }));
  const onHangup = (): void => {
    logger.info('SIGHUP received: reloading the network file');
    // reload() logs its own outcome, and a rejected file keeps the previous routing.
    void reload().catch((error: unknown) => logger.error('network reload failed', { error }));
  };
  process.on('SIGHUP', onHangup);
  return async () => {
    process.off('SIGHUP', onHangup);
    const owner = await readFile(path, 'utf8').catch(() => '');
    if (owner.trim() === String(process.pid)) await rm(path, { force: true });
  };
}

// A pid left by a Heimo that was killed may since belong to another program: SIGHUP would end it.
async function isHeimo(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  return cmdline === null || cmdline.includes('heimo');
}

/**
 * `heimo reload`: validates the network file here first (a bad file is reported and nothing is sent),
 * then sends SIGHUP to the Heimo whose pid file is in HEIMO_DATA_DIR.
 */
export async function reloadCommand(env: Env, print: (line: string) => void): Promise<number> {
  const app = readAppEnv(env);
  if (app.networkPath === null) throw new ConfigError('CONFIG_MISSING', 'HEIMO_CONFIG', 'HEIMO_CONFIG is not set: there is no network file to reload');
  const network = await loadNetwork(app.networkPath);
  const path = pidFilePath(app.dataDir);
  const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
  if (!Number.isInteger(pid) || pid <= 0 || !(await isHeimo(pid))) {
    throw new HeimoError('NOT_FOUND', `no running Heimo found: ${path} is missing or stale (is HEIMO_DATA_DIR the one Heimo runs with?)`, { context: { path } });
  }
  process.kill(pid, 'SIGHUP');
  const routes = network.communities.reduce((sum, community) => sum + community.routes.length, 0);
  print(`${app.networkPath} is valid (${network.communities.length} communities, ${routes} routes); sent SIGHUP to Heimo (pid ${pid}), which logs "network file reloaded"`);
  return 0;
}
