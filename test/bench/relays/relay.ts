/** A relay the benchmark drives: Heimo, or the bare floor. Runs in the main thread. */
export interface RelayUnderTest {
  readonly name: string;
  /** Base URL where the employee platform's events go (the fake appends its own path). */
  readonly url: string;
  /** Resolves once `count` conversations are linked on both sides inside the relay. */
  ready(count: number, timeoutMs: number): Promise<void>;
  /** Problems the relay logged or counted (errors that would lose or delay messages). */
  problems(): string[];
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `count()` until it reaches `target`, or throws after `timeoutMs`. */
export async function waitForCount(what: string, count: () => Promise<number> | number, target: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await count();
    if (current >= target) return;
    if (Date.now() > deadline) throw new Error(`${what}: ${current} of ${target} after ${timeoutMs} ms`);
    await sleep(25);
  }
}
