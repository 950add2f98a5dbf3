import type { Queue } from 'bullmq';
import type { Platform } from '../domain/types.ts';
import type { DeliveryStream } from '../domain/outbox.ts';
import type { OutboxStore } from './port.ts';
import type { BreakerState, CircuitBreaker } from './circuit-breaker.ts';

/** One platform's deliveries as an operator (or /readyz, or metrics) sees them. */
export interface PlatformDeliveryStatus {
  platform: Platform;
  /** This process' breaker; `unknown` where no worker runs here (the `heimo deliveries status` command). */
  breaker: BreakerState | 'unknown';
  /** Consecutive outage failures this process saw. */
  failures: number;
  /** How much longer the platform's queue is paused (breaker, 429 or pacing) across all processes, in ms. */
  pausedForMs: number;
  pending: number;
  /** Age of the oldest pending delivery in ms (0 when none is pending). */
  oldestPendingMs: number;
  dead: number;
}

/** Where delivery status is read from. */
export interface DeliveryStatusSource {
  store: Pick<OutboxStore, 'backlog'>;
  /** The platforms to report even when their outbox is empty. */
  platforms: readonly Platform[];
  queueOf?: (platform: Platform) => Pick<Queue<DeliveryStream>, 'getRateLimitTtl'> | undefined;
  breakerOf?: (platform: Platform) => CircuitBreaker | undefined;
  now?: () => number;
}

/** Reads per-platform delivery status: breaker, pause, backlog and its oldest entry's age, dead letters. */
export async function readDeliveryStatus(source: DeliveryStatusSource): Promise<PlatformDeliveryStatus[]> {
  const now = (source.now ?? Date.now)();
  const backlog = await source.store.backlog();
  const platforms = [...new Set([...source.platforms, ...backlog.map((row) => row.platform)])].sort();
  return Promise.all(
    platforms.map(async (platform) => {
      const row = backlog.find((candidate) => candidate.platform === platform);
      const breaker = source.breakerOf?.(platform)?.snapshot();
      const ttl = await source.queueOf?.(platform)?.getRateLimitTtl().catch(() => 0);
      return {
        platform,
        breaker: breaker?.state ?? 'unknown',
        failures: breaker?.failures ?? 0,
        pausedForMs: Math.max(0, ttl ?? 0),
        pending: row?.pending ?? 0,
        oldestPendingMs: row?.oldestPendingAt ? Math.max(0, now - row.oldestPendingAt.getTime()) : 0,
        dead: row?.dead ?? 0,
      };
    }),
  );
}

const seconds = (ms: number): string => (ms < 1_000 ? `${ms} ms` : ms < 120_000 ? `${Math.round(ms / 1_000)} s` : ms < 7_200_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

/** One line per platform, as `heimo deliveries status` prints it. */
export function formatDeliveryStatus(status: PlatformDeliveryStatus[]): string[] {
  if (status.length === 0) return ['no deliveries'];
  return status.map((row) =>
    [
      row.platform.padEnd(8),
      // Pacing holds a queue for under a second at a time; longer is a breaker or a 429 (Retry-After).
      row.pausedForMs >= 1_000 ? `queue=paused ${seconds(row.pausedForMs)}` : 'queue=running',
      ...(row.breaker === 'unknown' ? [] : [`breaker=${row.breaker}`]),
      `pending=${row.pending}`,
      `oldest=${row.pending > 0 ? seconds(row.oldestPendingMs) : '-'}`,
      `dead=${row.dead}`,
    ].join('  '),
  );
}
