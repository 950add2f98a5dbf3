import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { freePort } from '../support/free-port.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private PostgreSQL or Redis the soak owns, so it can restart it at will. */
export interface SoakService {
  readonly url: string;
  /** Stops the server (fast shutdown: open connections are cut) and starts it again after `downMs`. */
  restart(downMs: number): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function postgresBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (version === undefined) throw new Error('soak: PostgreSQL server binaries are not installed (apt-get install postgresql)');
  return join(root, version, 'bin', name);
}

// PostgreSQL refuses to run as root: the server runs as the postgres user when the soak is root.
const asPostgres = (args: string[]): string[] => (process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...args] : args);

function run(args: string[]): void {
  const [command, ...rest] = args;
  const result = spawnSync(command ?? '', rest, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`soak: ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

/** Starts a throwaway PostgreSQL cluster on a free port (trust auth, database `soak`). */
export async function startPostgres(): Promise<SoakService> {
  const dir = mkdtempSync(join(tmpdir(), 'heimo-soak-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
  const data = join(dir, 'data');
  const port = await freePort();
  run(asPostgres([postgresBin('initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']));
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = (): void => run(asPostgres([postgresBin('pg_ctl'), '-D', data, '-o', options, '-w', '-l', join(dir, 'log'), 'start']));
  const stop = (): void => run(asPostgres([postgresBin('pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']));
  start();
  run(asPostgres([postgresBin('createdb'), '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'soak']));
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/soak`,
    async restart(downMs) {
      stop();
      await sleep(downMs);
      start();
    },
    async close() {
      try {
        stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Starts a throwaway redis-server on a free port; a restart keeps its data (append-only file), as a production Redis does. */
export async function startRedis(): Promise<SoakService> {
  const dir = mkdtempSync(join(tmpdir(), 'heimo-soak-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''], { stdio: 'ignore' });
    child = started;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.includes('PONG')) return;
      await sleep(50);
    }
    throw new Error('soak: redis-server did not start');
  };
  const stop = async (): Promise<void> => {
    const running = child;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async restart(downMs) {
      await stop();
      await sleep(downMs);
      await start();
    },
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
