/** Exponential backoff with jitter for failed deliveries: 0.5 s, 1 s, 2 s ... capped at 60 s. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 500 * 2 ** Math.max(0, attempt - 1));
  // Jitter spreads retries of many conversations that failed together (a platform outage).
  return Math.round(base * (0.8 + random() * 0.4));
}
