import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/** One measured start of a `heimo start` process. */
export interface StartSample {
  /** Spawn to the first `/healthz` 200, in ms. */
  readyMs: number;
  /** Resident set size after the idle wait, in MB. */
  idleRssMb: number;
  /** SIGTERM to exit, in ms. */
  stopMs: number;
  exitCode: number | null;
}

/** What to start and how long to let it idle. */
export interface MeasureStartConfig {
  command: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  idleMs: number;
  readyTimeoutMs?: number;
}

/** A port nothing listens on yet: bound, then released. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Linux only: the kernel's own figure, the same one `ps` and container limits see.
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Starts the command, times it to `/healthz` 200, waits idle, reads RSS, stops it with SIGTERM. */
export async function measureStart(config: MeasureStartConfig): Promise<StartSample> {
  const port = await freePort();
  const [file, ...args] = config.command;
  if (file === undefined) throw new Error('measureStart: empty command');
  const started = performance.now();
  const child = spawn(file, args, { cwd: config.cwd, env: { ...config.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  try {
    const deadline = started + (config.readyTimeoutMs ?? 120_000);
    while (!(await healthy(`http://127.0.0.1:${port}/healthz`))) {
      if (ended) throw new Error(`heimo exited before /healthz answered 200:\n${stderr}`);
      if (performance.now() > deadline) throw new Error(`/healthz not 200 within ${config.readyTimeoutMs ?? 120_000} ms:\n${stderr}`);
      await sleep(25);
    }
    const readyMs = performance.now() - started;
    await sleep(config.idleMs);
    const idleRssMb = await rssMb(child.pid ?? -1);
    const stopping = performance.now();
    child.kill('SIGTERM');
    const exitCode = await exited;
    return { readyMs, idleRssMb, stopMs: performance.now() - stopping, exitCode };
  } finally {
    if (!ended) child.kill('SIGKILL');
  }
}
