import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Env } from '../../../config/env-read.ts';

/** The repository root: the child runs there, as `npx heimo` would. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The `heimo` command's entry point. */
export const HEIMO_BIN = fileURLToPath(new URL('../../../bots/app/heimo.mjs', import.meta.url));

/** One JSON log line Heimo wrote to stderr. */
export type LogLine = Record<string, unknown> & { level: string; msg: string };

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A `heimo` child process with its output collected as it arrives. */
export interface HeimoProcess {
  readonly pid: number;
  /** Parsed JSON log lines from stderr, oldest first. */
  readonly logs: LogLine[];
  /** Everything written to stderr / stdout so far. */
  stderr(): string;
  stdout(): string;
  /** Resolves with the port once Heimo logged 'heimo is listening'; rejects when it exits first. */
  listening(timeoutMs?: number): Promise<number>;
  /** http://127.0.0.1:<port>, once listening. */
  readonly url: string;
  /** Resolves with the first log line `match` accepts (already logged or still to come). */
  waitForLog(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** Resolves once the process ended. */
  readonly exited: Promise<Exit>;
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if it has not ended within `graceMs`. */
  stop(graceMs?: number): Promise<Exit>;
}

// Children still running: a failed test must not leave a Heimo behind holding ports and locks.
const running = new Set<ChildProcess>();

/**
 * The environment a child gets: only what is given plus what Node itself needs, so the test
 * runner's DATABASE_URL/REDIS_URL never leak into an "embedded" run.
 */
function childEnv(env: Env): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) base[name] = value;
  }
  return { ...base, ...Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)) };
}

const timeout = (ms: number, what: string, details: () => string): { promise: Promise<never>; clear: () => void } => {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}\n${details()}`)), ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
};

/** Starts `node bots/app/heimo.mjs <args>` with exactly `env` (plus PATH/HOME). */
export function spawnHeimo(args: string[], env: Env): HeimoProcess {
  return spawnCommand(process.execPath, [HEIMO_BIN, ...args], env);
}

/** Starts `command <args>` in the repository (`npm start`, say) with exactly `env` (plus PATH/HOME). */
export function spawnCommand(command: string, args: string[], env: Env): HeimoProcess {
  const child = spawn(command, args, { cwd: REPO_ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stderr = '';
  let stdout = '';
  let partial = '';
  let port: number | undefined;
  const logs: LogLine[] = [];
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((listener) => listener());

  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const echo = process.env['HEIMO_E2E_ECHO'] !== undefined; // set it to watch the children's stderr live
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (echo) process.stderr.write(chunk.replace(/(^|\n)(?=.)/g, `$1[heimo ${child.pid ?? '?'}] `));
    stderr += chunk;
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        // not a log line (a stack trace, say): it stays in stderr()
      }
    }
    notify();
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
      notify();
    });
  });
  let ended = false;
  void exited.then(() => {
    ended = true;
    notify();
  });
  const tail = (): string => `--- heimo stderr (last 4000 chars) ---\n${stderr.slice(-4000)}`;

  const waitForLog = (match: (line: LogLine) => boolean, what: string, timeoutMs = 20_000): Promise<LogLine> => {
    const found = logs.find(match);
    if (found) return Promise.resolve(found);
    const limit = timeout(timeoutMs, what, tail);
    const waiting = new Promise<LogLine>((resolve, reject) => {
      const check = (): void => {
        const line = logs.find(match);
        if (line) {
          listeners.delete(check);
          resolve(line);
        } else if (ended) {
          listeners.delete(check);
          reject(new Error(`heimo exited before ${what}\n${tail()}`));
        }
      };
      listeners.add(check);
      check();
    });
    return Promise.race([waiting, limit.promise]).finally(limit.clear);
  };

  return {
    pid: child.pid ?? -1,
    logs,
    stderr: () => stderr,
    stdout: () => stdout,
    async listening(timeoutMs = 60_000) {
      const line = await waitForLog((entry) => entry.msg === 'heimo is listening', "'heimo is listening'", timeoutMs);
      port = Number(line['port']);
      return port;
    },
    get url() {
      if (port === undefined) throw new Error('heimo is not listening yet');
      return `http://127.0.0.1:${port}`;
    },
    waitForLog,
    exited,
    signal: (signal) => {
      if (!ended) child.kill(signal);
    },
    async stop(graceMs = 10_000) {
      if (!ended) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

/** What a finished `heimo` command printed and returned. */
export interface CommandResult extends Exit {
  stdout: string;
  stderr: string;
}

/** Runs a `heimo` command to completion (killed after `timeoutMs`). */
export async function runHeimo(args: string[], env: Env, timeoutMs = 60_000): Promise<CommandResult> {
  const child = spawnHeimo(args, env);
  const timer = setTimeout(() => child.signal('SIGKILL'), timeoutMs);
  const exit = await child.exited;
  clearTimeout(timer);
  return { ...exit, stdout: child.stdout(), stderr: child.stderr() };
}

/** Kills (SIGKILL) every child still running and waits for them; for afterEach. */
export async function killLeftovers(): Promise<void> {
  const children = [...running];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map((child) => (child.exitCode !== null || child.signalCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve)))));
}

/** Every line Heimo wrote to stderr, parsed: each one is JSON. */
export function stderrLines(stderr: string): Array<Record<string, unknown>> {
  return stderr
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The message of the fatal line (level "fatal") Heimo wrote before it exited. */
export function fatalOf(stderr: string): string {
  return String(stderrLines(stderr).find((line) => line['level'] === 'fatal')?.['msg']);
}
