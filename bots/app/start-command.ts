import { readAppEnv } from '../../config/app-env.ts';
import type { Env } from '../../config/env-read.ts';
import { collectGarbage } from '../../core/infra/db/collect-garbage.ts';
import type { ProcessLogger } from '../../core/logger.ts';
import type { Heimo } from './create-heimo.ts';
import { serveReloads } from './reload-command.ts';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;


/**
 * `heimo start`: runs Heimo in this process until SIGTERM or SIGINT, which stop it cleanly (exit 0)
 * at any moment, during start-up too: start-up is cut short at its next step and undone. Every
 * line it writes is JSON, the fatal ones included.
 */
export async function startCommand(env: Env, logger: ProcessLogger): Promise<number> {
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    // A terminal's Ctrl-C reaches both npm and Heimo, and npm forwards it once more: one stop is enough,
    // and keeping the handler means a repeat never kills the process half-way through stopping.
    if (stop.signal.aborted) return;
    logger.info(`${signal} received, stopping`, { signal });
    stop.abort(new Error(`${signal} received during start-up`));
  };
  // A crash is reported as a JSON line too, then the process ends as Node would end it (exit code 1).
  const crash = (error: unknown): void => {
    logger.fatal('unexpected error; stopping', { error });
    process.exit(1);
  };
  // Installed before anything starts: without them a signal during start-up kills the process
  // (exit 143), skipping the shutdown that releases the port and the embedded database's lock.
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  process.once('uncaughtException', crash);
  process.once('unhandledRejection', crash);
  try {
    // Loaded on demand: `migrate` and `deliveries` never need the composition root.
    const { createHeimo } = await import('./create-heimo.ts');
    let heimo: Heimo;
    try {
      heimo = await createHeimo({ env, logger, signal: stop.signal });
    } catch (error) {
      if (stop.signal.aborted && error === stop.signal.reason) {
        logger.info('heimo stopped during start-up');
        return 0;
      }
      throw error;
    }
    const stopReloads = await serveReloads(readAppEnv(env).dataDir, heimo.reload, logger);
    // Start-up leaves tens of MB of garbage (module loading, WASM set-up) that an idle Heimo's
    // small heap may not collect for hours; collecting once, soon after, keeps idle memory low.
    setTimeout(collectGarbage, 5_000).unref();
    if (!stop.signal.aborted) await new Promise((resolve) => stop.signal.addEventListener('abort', resolve, { once: true }));
    await stopReloads();
    await heimo.stop();
    logger.info('heimo stopped');
    return 0;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}
