import { ConfigError, HeimoError } from '../../../core/errors.ts';
import type { LogLevel } from '../../../core/logger.ts';
import type { Env } from '../../../config/env-read.ts';

/** Settings of `heimo sandbox`, from its flags and the environment. */
export interface SandboxCommandConfig {
  port: number;
  dataDir?: string;
  logLevel: LogLevel;
}

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Reads `--port N` (default 3100), HEIMO_DATA_DIR and LOG_LEVEL (default warn); a bad value names itself. */
export function readSandboxArgs(args: string[], env: Env): SandboxCommandConfig {
  let port = 3100;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const inline = /^--port=(.*)$/.exec(arg);
    if (arg !== '--port' && inline === null) throw new ConfigError('CONFIG_INVALID', arg, `sandbox: unknown option "${arg}" (only --port N)`);
    const value = inline?.[1] ?? args[(index += 1)];
    if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65_535) throw new ConfigError('CONFIG_INVALID', '--port', `sandbox: --port must be a number from 0 to 65535, got "${value ?? ''}"`);
    port = Number(value);
  }
  const logLevel = (env['LOG_LEVEL'] || 'warn') as LogLevel;
  if (!LEVELS.includes(logLevel)) throw new ConfigError('CONFIG_INVALID', 'LOG_LEVEL', `LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${logLevel}"`);
  const dataDir = env['HEIMO_DATA_DIR'] || undefined;
  return { port, logLevel, ...(dataDir === undefined ? {} : { dataDir }) };
}

/** Runs the sandbox until SIGINT or SIGTERM; prints where the page is. */
export async function runSandbox(args: string[], env: Env, print: (line: string) => void): Promise<number> {
  const settings = readSandboxArgs(args, env);
  print('heimo sandbox: starting Heimo and the Discord, Slack and Teams stand-ins…');
  // Listening from the start: a signal during start-up stops the sandbox once it is up, cleanly.
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  // Loaded on demand, like `start`: the chat SDKs take seconds to load.
  const { createSandbox } = await import('./create-sandbox.ts').catch((error: unknown) => {
    // The stand-ins use two development packages; an install with --omit=dev lacks them.
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new HeimoError('NOT_FOUND', `sandbox: ${(error as Error).message}; the sandbox's stand-ins need jose and ws: run npm install without --omit=dev`);
  });
  const sandbox = await createSandbox(settings);
  print(`heimo sandbox: open ${sandbox.url} (data in ${sandbox.dataDir}${settings.dataDir === undefined ? ', removed on exit' : ''}; Ctrl+C stops)`);
  const signal = await signalled;
  print(`heimo sandbox: ${signal} received, stopping`);
  await sandbox.stop();
  return 0;
}
