/** A platform's breaker as status and metrics show it. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Settings of a circuit breaker; the defaults suit a chat platform's outage. */
export interface CircuitBreakerConfig {
  /** Consecutive outage failures that open the breaker (default 3). */
  threshold?: number;
  /** First pause once open (default 2 s); each failed probe doubles it. */
  baseCooldownMs?: number;
  /** Longest pause (default 30 s): after an outage the backlog waits at most this for the next probe. */
  maxCooldownMs?: number;
  now?: () => number;
}

/** One platform's circuit breaker: an outage pauses deliveries instead of spending their attempts. */
export interface CircuitBreaker {
  state(): BreakerState;
  /**
   * Whether a delivery may call the platform now. Closed: yes. Open: no, until the pause ends.
   * Half-open: one probe at a time; the others wait for its outcome.
   */
  admit(): { ok: true } | { ok: false; waitMs: number };
  /** An admitted delivery found nothing to send: its probe slot is free again. */
  abandon(): void;
  /** The platform answered (any answer but an outage): closes the breaker. */
  succeeded(): void;
  /** An outage failure; returns the pause to apply when it opened the breaker, else null. */
  failed(): number | null;
  /** Consecutive outage failures so far, and when the breaker opened (null when closed). */
  snapshot(): { state: BreakerState; failures: number; openedAt: number | null; retryAt: number | null };
}

/** Creates a closed breaker (pure logic; the worker pauses the platform's queue when it opens). */
export function createCircuitBreaker(config: CircuitBreakerConfig = {}): CircuitBreaker {
  const threshold = config.threshold ?? 3;
  const base = config.baseCooldownMs ?? 2_000;
  const max = config.maxCooldownMs ?? 30_000;
  const now = config.now ?? Date.now;
  let failures = 0;
  let cooldown = base;
  let openedAt: number | null = null;
  let retryAt = 0;
  let probing = false;

  const state = (): BreakerState => (openedAt === null ? 'closed' : now() < retryAt ? 'open' : 'half-open');
  const open = (): number => {
    openedAt ??= now();
    retryAt = now() + cooldown;
    const pause = cooldown;
    cooldown = Math.min(max, cooldown * 2);
    probing = false;
    return pause;
  };

  return {
    state,
    admit: () => {
      const current = state();
      if (current === 'closed') return { ok: true };
      if (current === 'open') return { ok: false, waitMs: retryAt - now() };
      if (probing) return { ok: false, waitMs: Math.min(1_000, base) };
      probing = true;
      return { ok: true };
    },
    abandon: () => {
      probing = false;
    },
    succeeded: () => {
      failures = 0;
      cooldown = base;
      openedAt = null;
      probing = false;
    },
    failed: () => {
      failures += 1;
      // A failed probe re-opens at once; a closed breaker opens at the threshold.
      if (openedAt !== null) return state() === 'open' ? null : open();
      return failures >= threshold ? open() : null;
    },
    snapshot: () => ({ state: state(), failures, openedAt, retryAt: openedAt === null ? null : retryAt }),
  };
}
