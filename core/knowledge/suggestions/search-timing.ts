import type { KnowledgeBase } from '../port.ts';

/** Search durations of this process: how many, and the percentiles of the latest ones. */
export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** Recent search durations kept in memory for `/heimo stats` (Prometheus keeps the histogram). */
export interface LatencyWindow {
  record(ms: number): void;
  /** Null before the first search. */
  summary(): LatencySummary | null;
}

/** The value at quantile `q` (0..1) of sorted numbers, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Keeps the last `size` durations (default 1,000) and the count of all. */
export function createLatencyWindow(size = 1_000): LatencyWindow {
  const recent: number[] = [];
  let next = 0;
  let count = 0;
  return {
    record(ms) {
      if (recent.length < size) recent.push(ms);
      else recent[next] = ms;
      next = (next + 1) % size;
      count += 1;
    },
    summary() {
      if (count === 0) return null;
      const sorted = [...recent].sort((a, b) => a - b);
      return { count, p50Ms: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95), p99Ms: quantile(sorted, 0.99) };
    },
  };
}

/** The knowledge base with every search timed (failed ones too): `observe` gets the seconds it took. */
export function withSearchTiming<K extends Pick<KnowledgeBase, 'search'>>(knowledge: K, observe: (seconds: number) => void): K {
  const search: KnowledgeBase['search'] = async (query) => {
    const started = performance.now();
    try {
      return await knowledge.search(query);
    } finally {
      observe((performance.now() - started) / 1000);
    }
  };
  // A prototype-less service object keeps its other methods; only search is replaced.
  return Object.assign(Object.create(knowledge) as K, { search });
}
