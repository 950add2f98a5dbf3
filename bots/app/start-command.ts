import type { Env } from '../../config/env-read.ts';
import { collectGarbage } from '../../core/infra/db/collect-garbage.ts';
import type { Heimo } from './create-heimo.ts';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * `heimo start`: runs Heimo in this process until SIGTERM or SIGINT, which stop it cleanly (exit 0)
 * at any moment, during start-up too: start-up is cut short at its next step and undone.
 */
export async function startCommand(env: Env): Promise<number> {
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    // A terminal's Ctrl-C reaches both npm and Heimo, and npm forwards it once more: one stop is enough,
    // and keeping the handler means a repeat never kills the process half-way through stopping.
    if (stop.signal.aborted) return;
    process.stderr.write(`heimo: ${signal} received, stopping\n`);
    stop.abort(new Error(`${signal} received during start-up`));
  };
  // Installed before anything starts: without them a signal during start-up kills the process
  // (exit 143), skipping the shutdown that releases the port and the embedded database's lock.
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    // Loaded on demand: `migrate` and `deliveries` never need the composition root.
    const { createHeimo } = await import('./create-heimo.ts');
    let heimo: Heimo;
    try {
      heimo = await createHeimo({ env, signal: stop.signal });
    } catch (error) {
      if (stop.signal.aborted && error === stop.signal.reason) return 0;
      throw error;
    }
    // Start-up leaves tens of MB of garbage (module loading, WASM set-up) that an idle Heimo's
    // small heap may not collect for hours; collecting once, soon after, keeps idle memory low.
    setTimeout(collectGarbage, 5_000).unref();
    if (!stop.signal.aborted) await new Promise((resolve) => stop.signal.addEventListener('abort', resolve, { once: true }));
    await heimo.stop();
    return 0;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}
