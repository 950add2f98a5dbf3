import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Runs a full garbage collection now. PGlite's first start runs initdb in throw-away WASM
 * instances whose memory (about 400 MB) is only returned at the next full collection, and an idle
 * Heimo's small JavaScript heap may not ask for one for hours.
 */
export function collectGarbage(): void {
  // Node's documented way to reach gc() without starting with --expose-gc; the flag is reset at once.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  setFlagsFromString('--no-expose-gc');
  gc?.();
}
