import { Worker } from 'node:worker_threads';
import type { PlatformApi } from '../protocol.ts';
import { connect } from './rpc.ts';

/** Starts the platform thread (fakes + load generator) with tsx loaded, and returns its API. */
export function startPlatformThread(): { api: PlatformApi; close: () => Promise<void> } {
  const entry = new URL('../platforms/platform-thread.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  // Node 20 does not hand --import hooks to workers: register tsx first, then load the entry.
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true, execArgv: [] });
  const api = connect<PlatformApi>(worker);
  return { api, close: async () => void (await worker.terminate()) };
}
