import type { NetworkConfig } from '../../core/domain/network.ts';
import { type Readiness, unconfiguredRouteChecks } from '../../core/health/index.ts';
import type { MetricsRegistry } from '../../core/infra/metrics/prom-metrics.ts';
import type { QueueFactory } from '../../core/infra/queue/create-queue-factory.ts';
import type { DeliveryWorker } from '../../core/outbox/index.ts';
import type { BotSet } from './create-bots.ts';
import { listen } from './http-server.ts';
import { createOpsServer, type OpsRoutesConfig } from './ops-routes.ts';

/** What Heimo's own readiness checks watch. */
export interface CoreChecksConfig {
  migrated: () => boolean;
  queues: Pick<QueueFactory, 'kind' | 'ping'>;
  bots: BotSet;
  /** A platform's health as this process sees it (a platform served by another process is not a fault here). */
  botHealth?: (platform: string) => { ok: boolean; detail: string } | undefined;
  /** The network in force now (a reload swaps it). */
  network: () => NetworkConfig;
}

/** Re-reads which routed platforms lack credentials; call it after a reload. */
export type RouteChecksRefresh = () => void;

/**
 * Adds Heimo's readiness checks: migrations, the queue, each configured bot, and each platform the
 * network routes through without credentials. Anyone may see which part is not ready; only
 * operators see ids and platform error texts (the `detail`).
 */
export function addCoreChecks(readiness: Readiness, config: CoreChecksConfig): RouteChecksRefresh {
  const { queues } = config;
  readiness.add('migrations', () => (config.migrated() ? { ok: true, detail: 'applied' } : { ok: false, detail: 'not applied' }));
  readiness.add('queue', async () => {
    const ok = await queues.ping().catch(() => false);
    return ok ? { ok, detail: `${queues.kind} connected` } : { ok, detail: `${queues.kind} not reachable`, summary: 'not reachable' };
  });
  for (const bot of config.bots.all) {
    readiness.add(bot.platform, () => {
      const { ok, detail } = config.botHealth?.(bot.platform) ?? bot.health();
      return { ok, detail, summary: ok ? 'connected' : 'not connected' };
    });
  }
  const unconfigured = Object.keys(config.bots.unconfigured);
  const refresh = (): void => {
    for (const platform of unconfigured) readiness.remove(platform);
    for (const [platform, check] of unconfiguredRouteChecks(config.network(), config.bots.unconfigured)) readiness.add(platform, () => check);
  };
  refresh();
  return refresh;
}

/** Adds `heimo_queue_depth{platform}`, read from the delivery queues at scrape time. */
export function addQueueDepthGauge(registry: MetricsRegistry, worker: Pick<DeliveryWorker, 'queueDepth'>): void {
  registry.addScrapeGauge({
    name: 'heimo_queue_depth',
    help: 'Drain jobs waiting, delayed or running, per platform',
    labelNames: ['platform'],
    read: async () => (await worker.queueDepth()).map(({ platform, jobs }) => ({ labels: { platform }, value: jobs })),
  });
}

/** The METRICS_PORT listener, when one is configured. */
export interface OpsListener {
  /** Its bound port; null when there is none. */
  port: number | null;
  close(): Promise<void>;
}

/** Starts the METRICS_PORT listener on `host` when `port` is not null. */
export async function listenOps(port: number | null, host: string, config: Omit<OpsRoutesConfig, 'trusted' | 'adminToken'>): Promise<OpsListener> {
  if (port === null) return { port: null, close: async () => {} };
  const server = createOpsServer(config);
  const bound = await listen(server, port, host);
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
