/** Runs tasks one at a time per key, in the order they were submitted; different keys run concurrently. */
export interface KeyedSerializer {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or waiting (for tests and diagnostics). */
  readonly activeKeys: number;
}

/**
 * Creates a per-key serializer. The relay runs each thread's events through it so that two events
 * of one thread arriving together (concurrent Slack HTTP requests, back-to-back gateway dispatches)
 * are stored, and so get their delivery sequence, in arrival order rather than in commit order.
 */
export function createKeyedSerializer(): KeyedSerializer {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key);
      // A failed predecessor must not block or fail its successors: they wait only for it to settle.
      const result = previous === undefined ? task() : previous.then(task, task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    get activeKeys() {
      return tails.size;
    },
  };
}
