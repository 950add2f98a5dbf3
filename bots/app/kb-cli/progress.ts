/** Where progress goes: stderr, and whether it is a terminal. */
export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
}

/** Progress of a long run: `update` often, `finish` once. */
export interface Progress {
  update(done: number): void;
  finish(done: number): void;
}

/** Options of createProgress; the clock is injectable for tests. */
export interface ProgressConfig {
  total: number;
  /** What is counted, e.g. `rows imported`. */
  label: string;
  output: ProgressOutput;
  now?: () => number;
  /** On a terminal nothing is drawn before this (short runs stay quiet); default 500 ms. */
  quietMs?: number;
  /** Without a terminal: one line this often; default 10 s. */
  lineEveryMs?: number;
}

const WIDTH = 30;

/**
 * A progress bar redrawn in place on a terminal (at most 10 times a second), or, when stderr is a
 * file or a pipe, a plain line now and then, so logs of a long import still show it moving.
 */
export function createProgress(config: ProgressConfig): Progress {
  const now = config.now ?? Date.now;
  const started = now();
  const every = config.output.isTTY ? 100 : (config.lineEveryMs ?? 10_000);
  // Without a terminal the first line waits a whole interval too: a short import writes none.
  const quietMs = config.output.isTTY ? (config.quietMs ?? 500) : every;
  let shownAt: number | null = null;
  let drawn = false;
  const total = Math.max(config.total, 0);
  const bar = (done: number): string => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(ratio * WIDTH);
    return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${Math.floor(ratio * 100)}% ${done}/${total} ${config.label}`;
  };
  const line = (done: number): string => `${done} of ${total} ${config.label} (${total === 0 ? 100 : Math.floor((Math.min(done, total) / total) * 100)}%)`;
  return {
    update(done) {
      const at = now();
      if (at - started < quietMs || (shownAt !== null && at - shownAt < every)) return;
      shownAt = at;
      if (config.output.isTTY) {
        config.output.write(`\r${bar(done)}`);
        drawn = true;
      } else config.output.write(`${line(done)}\n`);
    },
    finish(done) {
      // The bar ends on its own line, full; a quiet run prints nothing.
      if (drawn) config.output.write(`\r${bar(done)}\n`);
    },
  };
}
