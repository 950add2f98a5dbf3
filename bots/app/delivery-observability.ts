import type { Readiness } from '../../core/health/index.ts';
import type { MetricsRegistry } from '../../core/infra/metrics/prom-metrics.ts';
import type { PlatformDeliveryStatus } from '../../core/outbox/index.ts';

// One scrape reads four gauges and /readyz may be polled often: one status read serves them for a second.
function shared(read: () => Promise<PlatformDeliveryStatus[]>, ttlMs = 1_000): () => Promise<PlatformDeliveryStatus[]> {
  let cached: { at: number; value: Promise<PlatformDeliveryStatus[]> } | undefined;
  return () => {
    if (cached === undefined || Date.now() - cached.at > ttlMs) {
      const value = read();
      cached = { at: Date.now(), value };
      value.catch(() => (cached = undefined));
    }
    return cached.value;
  };
}

/**
 * Shows outages where operators look: per-platform gauges (backlog, age of the oldest pending
 * delivery, dead letters, breaker) and a `deliveries` readiness check. The check stays ok during
 * an outage: Heimo still takes messages in and keeps them; only their delivery waits.
 */
export function registerDeliveryObservability(status: () => Promise<PlatformDeliveryStatus[]>, metrics: MetricsRegistry, readiness: Readiness): void {
  const read = shared(status);
  const gauge = (name: string, help: string, value: (row: PlatformDeliveryStatus) => number): void =>
    metrics.addScrapeGauge({ name, help, labelNames: ['platform'], read: async () => (await read()).map((row) => ({ labels: { platform: row.platform }, value: value(row) })) });
  gauge('heimo_delivery_pending', 'Deliveries waiting in the outbox, per target platform', (row) => row.pending);
  gauge('heimo_delivery_oldest_pending_seconds', 'Age of the oldest pending delivery, per target platform (0 when none)', (row) => row.oldestPendingMs / 1_000);
  gauge('heimo_delivery_dead', 'Dead letters (see `heimo deliveries list`), per target platform', (row) => row.dead);
  gauge('heimo_delivery_breaker_open', "1 while this process' circuit breaker for the platform is open or probing, else 0", (row) => (row.breaker === 'open' || row.breaker === 'half-open' ? 1 : 0));
  readiness.add('deliveries', async () => {
    const rows = await read();
    const waiting = rows.filter((row) => row.breaker === 'open' || row.breaker === 'half-open');
    const detail = rows.map((row) => `${row.platform}: breaker ${row.breaker}, ${row.pending} pending (oldest ${Math.round(row.oldestPendingMs / 1_000)} s), ${row.dead} dead`).join('; ');
    return { ok: true, detail: detail || 'no deliveries', summary: waiting.length === 0 ? 'ok' : `waiting for ${waiting.map((row) => row.platform).join(', ')}` };
  });
}
