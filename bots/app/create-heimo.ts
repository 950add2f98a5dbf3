import type { Server } from 'node:http';
import express from 'express';
import { DEFAULT_INTERNAL_MARKERS, loadNetwork } from '../../config/load-network.ts';
import { readAppEnv, type AppEnvConfig } from '../../config/app-env.ts';
import type { Env } from '../../config/env-read.ts';
import type { InboundHandler } from '../../core/domain/events.ts';
import type { NetworkConfig } from '../../core/domain/network.ts';
import { createLogger } from '../../core/logger.ts';
import { createDeliveryWorker, createSqlOutboxStore, type DeliveryWorker, type DeliveryWorkerConfig } from '../../core/outbox/index.ts';
import type { Logger } from '../../core/ports/logger.ts';
import { createRelay, createSqlRelayStore } from '../../core/conversations/index.ts';
import { createDatabase, type Database } from '../../core/infra/db/create-database.ts';
import { applyMigrations } from '../../core/infra/db/migrate.ts';
import { createQueueFactory, type QueueFactory } from '../../core/infra/queue/create-queue-factory.ts';
import { createReadiness, type Readiness } from '../../core/health/index.ts';
import { createPromMetrics, type MetricsRegistry } from '../../core/infra/metrics/prom-metrics.ts';
import { readProcessEnv } from '../../config/process-env.ts';
import { createBackfillPlan, createSqlBackfillStore } from '../../core/backfill/index.ts';
import { createLeases } from '../../core/infra/lease/create-leases.ts';
import { createBots, type BotSet } from './create-bots.ts';
import { registerDeliveryObservability } from './delivery-observability.ts';
import { countOutcome, countRejections } from './count-rejections.ts';
import { onRejectedInput } from '../../core/rejected-input.ts';
import { createHttpServer, listen, type HealthReport } from './http-server.ts';
import { addCoreChecks, addQueueDepthGauge, listenOps } from './heimo-ops.ts';
import { createOpsRouter } from './ops-routes.ts';
import { createKbWeb } from './kb-web/create-kb-web.ts';
import { createCommunityWeb } from './community-web/create-community-web.ts';
import { createNetworkSource, type ReloadOutcome } from './network-source.ts';
import { createRoles } from './roles.ts';
import { createCommands } from './commands/create-commands.ts';
import { MIGRATIONS_DIR } from './paths.ts';
import { createCapabilities, type Capabilities, type CapabilitiesConfig } from './create-capabilities.ts';
import { createStatsService, registerKnowledgeMetrics } from './knowledge-stats.ts';
import { registerSatisfactionMetrics } from './satisfaction-metrics.ts';
import { createSqlQuestionFigures } from '../../core/lifecycle/index.ts';

/** How to build a Heimo instance; tests inject a database and queues, production reads env. */
export interface HeimoConfig {
  env: Env;
  logger?: Logger;
  /** An already-migrated database to use instead of DATABASE_URL/HEIMO_DATA_DIR (not closed on stop). */
  database?: Database;
  /** Queues to use instead of REDIS_URL (not closed on stop). */
  queues?: QueueFactory;
  /** Overrides of the delivery worker's settings (pacing, attempts, lock duration). */
  delivery?: Partial<Omit<DeliveryWorkerConfig, 'store' | 'queues' | 'deliveries' | 'communityName' | 'logger'>>;
  /** Overrides the network file (tests). */
  network?: NetworkConfig;
  /** Overrides of the job system's settings (tests: short retries, sweep interval). */
  jobs?: CapabilitiesConfig['jobs'];
  /** Aborts start-up at its next step (SIGTERM while starting); what was started is stopped, then `signal.reason` is thrown. */
  signal?: AbortSignal;
}

/** A running Heimo: one HTTP server, the bots, the relay and the delivery worker. */
export interface Heimo {
  readonly port: number;
  readonly url: string;
  readonly bots: BotSet;
  readonly ingest: InboundHandler;
  readonly worker: DeliveryWorker;
  readonly database: Database;
  /** The job system and the capabilities on it (lifecycle, owners, clocks, routing). */
  readonly capabilities: Capabilities;
  /** The METRICS_PORT listener's bound port; null when /metrics is on the main port. */
  readonly metricsPort: number | null;
  /** Readiness checks behind /readyz: add one with `readiness.add(name, check)`. */
  readonly readiness: Readiness;
  /** This instance's Prometheus registry: add a scrape-time gauge with `metrics.addScrapeGauge`. */
  readonly metrics: MetricsRegistry;
  /** The detailed readiness report (what operators see on /readyz). */
  health(): Promise<HealthReport>;
  /** Re-reads HEIMO_CONFIG (SIGHUP, `heimo reload`): new questions follow the new routes; a bad file changes nothing. */
  reload(): Promise<ReloadOutcome>;
  stop(): Promise<void>;
}

const EMPTY_NETWORK: NetworkConfig = { communities: [], internalMarkers: DEFAULT_INTERNAL_MARKERS };

async function readNetwork(app: AppEnvConfig, logger: Logger): Promise<NetworkConfig> {
  if (app.networkPath === null) {
    logger.warn('HEIMO_CONFIG is not set: no communities are routed (see config/network.example.json)');
    return EMPTY_NETWORK;
  }
  return loadNetwork(app.networkPath);
}

/** Validates configuration, migrates, connects and serves; throws a ConfigError naming what is wrong. */
export async function createHeimo(config: HeimoConfig): Promise<Heimo> {
  const app = readAppEnv(config.env);
  const logger = config.logger ?? createLogger({ level: app.logLevel });
  const networkSource = createNetworkSource({ path: config.network ? null : app.networkPath, initial: config.network ?? (await readNetwork(app, logger)), logger });
  const bots = await createBots(config.env, {
    watchedChannelIds: networkSource.watched,
    commandGuildIds: () => networkSource.current().communities.map((community) => community.discordGuildId),
    logger,
  });
  for (const [platform, missing] of Object.entries(bots.unconfigured)) {
    logger.warn(`${platform} is not configured: set ${missing.join(', ')} to enable it`);
  }
  // Before anything is opened: roles other than all on the embedded database stop start-up here.
  const processConfig = readProcessEnv(config.env, (config.database?.kind ?? (app.databaseUrl === null ? 'pglite' : 'postgres')) === 'pglite');

  // One registry per instance: tests run many Heimos in one process.
  const metricsRegistry = createPromMetrics({ onReadError: (metric, error) => logger.warn('metric could not be read', { metric, error }) });
  const { metrics } = metricsRegistry;
  const readiness = createReadiness({ unconfigured: () => Object.keys(bots.unconfigured) });

  const database = config.database ?? (await createDatabase({ url: app.databaseUrl, dataDir: app.dataDir }));
  const cleanups: Array<() => Promise<void>> = [];
  if (!config.database) cleanups.push(() => database.close());
  let migrated = false;
  const checkpoint = (): void => config.signal?.throwIfAborted();
  try {
    checkpoint();
    const { applied } = await applyMigrations(database, { migrationsDir: MIGRATIONS_DIR, logger });
    if (applied.length > 0) logger.info('applied migrations', { applied });
    migrated = true;
    checkpoint();
    const queues = config.queues ?? (await createQueueFactory({ redisUrl: app.redisUrl, ...(app.queuePrefix === null ? {} : { prefix: app.queuePrefix }), db: database, logger }));
    if (!config.queues) cleanups.unshift(() => queues.close());
    checkpoint();

    // --- Issue 9 capabilities (branch wiring): the job system, lifecycle, owners, clocks and routing,
    // registered in every process; the worker role starts the job system (roles.ts); closed before the queues.
    let wakeDeliveries: DeliveryWorker['schedule'] = async () => {};
    const capabilities = createCapabilities({
      database,
      queues,
      network: networkSource.current,
      schedule: (streams) => wakeDeliveries(streams),
      deliveries: bots.deliveries,
      logger,
      ...(config.jobs === undefined ? {} : { jobs: config.jobs }),
      metrics,
      ...(app.publicUrl === null ? {} : { publicUrl: app.publicUrl }),
    });
    cleanups.unshift(() => capabilities.jobs.close());
    // Survey ratings on /metrics: a listener, so registered in every process before the jobs start.
    registerSatisfactionMetrics(metricsRegistry, capabilities.jobs);
    // --- end of the issue 9 capabilities block

    const worker = createDeliveryWorker({
      // The embedded database belongs to this process alone: jobs marked active at start are a dead process'.
      exclusive: database.kind === 'pglite' && queues.kind === 'postgres',
      ...app.delivery,
      ...config.delivery,
      store: createSqlOutboxStore(database),
      queues,
      deliveries: bots.deliveries,
      communityName: (id) => networkSource.current().communities.find((community) => community.id === id)?.name ?? id,
      cards: capabilities.cards,
      reviews: capabilities.reviews,
      knowledge: capabilities.suggestions.sources,
      logger: logger.child({ component: 'delivery' }),
      metrics,
      // Only worker processes sweep: the others would only add duplicate (deduplicated) drain jobs.
      ...(processConfig.roles.has('worker') ? {} : { sweepIntervalMs: 0 }),
    });
    cleanups.unshift(() => worker.close());
    wakeDeliveries = worker.schedule;
    const relay = createRelay({
      network: networkSource.current,
      store: createSqlRelayStore(database),
      schedule: worker.schedule,
      logger: logger.child({ component: 'relay' }),
      metrics,
      lateAfterMs: processConfig.lateNoteAfterMs,
      questions: capabilities.questions,
    });
    const ingest: InboundHandler = async (event) => {
      try {
        const outcome = await relay.ingest(event);
        countOutcome(outcome, event.platform, metrics);
        return outcome;
      } catch (error) {
        logger.error('could not ingest event', { type: event.type, platform: event.platform, error });
        throw error;
      }
    };

    const leases = createLeases({ redisUrl: app.redisUrl, databaseUrl: database.kind === 'postgres' ? app.databaseUrl : null, prefix: app.queuePrefix, logger });
    cleanups.unshift(() => leases.close());
    const backfillStore = createSqlBackfillStore(database);
    // One command registry for every bot: its services run on the capabilities above.
    // Issue 10 (kb-suggest): "This solved it" and `stats` run on the knowledge base and the lifecycle's figures.
    const figures = { network: networkSource.current, suggestions: capabilities.suggestions, knowledge: capabilities.knowledge, searchLatency: capabilities.searchLatency };
    const commands = createCommands(database, { ...capabilities, network: networkSource.current, schedule: worker.schedule, ...(app.publicUrl === null ? {} : { publicUrl: app.publicUrl }) }, logger, {
      suggestions: { accept: (request) => capabilities.suggestions.accept(request) },
      stats: createStatsService({ ...figures, questions: createSqlQuestionFigures(database), satisfaction: capabilities.satisfaction }),
      identity: capabilities.identity,
      // Issue 11 (credits): `credit give|revoke|flags`, and the standings' leaderboard and profile through it.
      credits: capabilities.credits,
      // Issue 11 (recognition): `tier recompute`.
      recognition: capabilities.recognition,
      // Satisfaction surveys: `rate` (the survey's buttons).
      satisfaction: capabilities.satisfaction,
    });
    const roles = createRoles({
      process: processConfig,
      bots,
      ingest,
      commands,
      worker,
      jobs: capabilities.jobs,
      recognition: capabilities.recognition,
      leases,
      backfill: { plan: createBackfillPlan({ store: backfillStore, horizonMs: processConfig.backfillHorizonMs }), store: backfillStore, watchedChannelIds: () => [...networkSource.watched] },
      logger,
    });

    addQueueDepthGauge(metricsRegistry, worker);
    registerKnowledgeMetrics(metricsRegistry, figures);
    const refreshRouteChecks = addCoreChecks(readiness, { migrated: () => migrated, queues, bots, botHealth: (platform) => roles.health()[platform], network: networkSource.current });
    registerDeliveryObservability(worker.status, metricsRegistry, readiness);
    const health = (): Promise<HealthReport> => readiness.report('detailed');

    // Only ingress processes serve the bots' routes.
    const routes = roles.routes.length === 0 ? [] : bots.all.flatMap((bot) => bot.routes.map((route) => countRejections(route, bot.platform, metrics)));
    // Input refused off HTTP (gateway dispatches, Socket Mode envelopes) is counted here; HTTP refusals by their status above.
    const stopCountingRefusals = onRejectedInput((rejected) => {
      if (rejected.via === undefined) metrics.inboundRejected(rejected.platform, rejected.reason);
    });
    cleanups.unshift(async () => void stopCountingRefusals());
    const ops = { readiness, metrics: metricsRegistry, adminToken: app.adminToken, logger };
    // The knowledge base's pages and API are read-only and stateless: every process serves them.
    const kbPages = createKbWeb({
      knowledge: capabilities.knowledge,
      publicUrl: app.publicUrl,
      communityName: (id) => networkSource.current().communities.find((community) => community.id === id)?.name,
      logger: logger.child({ component: 'kb-web' }),
    });
    // Issue 11 (standings): the public leaderboard page and its JSON, only people who consented.
    const communityPages = createCommunityWeb({
      standings: capabilities.standings,
      consents: capabilities.privacy.consents,
      communities: () => networkSource.current().communities.map(({ id, name }) => ({ id, name })),
      logger: logger.child({ component: 'community-web' }),
    });
    const pages = express.Router().use(kbPages, communityPages);
    const server: Server = createHttpServer({ routes, ops: createOpsRouter({ ...ops, trusted: false, metrics: app.metricsPort === null ? metricsRegistry : null }), pages, logger });
    const port = await listen(server, app.port, app.host);
    // Connections opened while the roles stopped (Slack keeps posting events) would hold close() open
    // for as long as their request lasts, and a request that never got its answer kept a soak process
    // alive minutes after SIGTERM: they are cut too (the sender redelivers elsewhere).
    cleanups.unshift(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections?.();
        }),
    );
    server.closeIdleConnections?.();
    const { port: metricsPort, close: closeOps } = await listenOps(app.metricsPort, app.host, ops);
    cleanups.unshift(closeOps);
    checkpoint();
    // The first suggestion search would otherwise wait for the whole index to load.
    capabilities.knowledge.load().catch((error: unknown) => logger.warn('could not load the knowledge search index; the first search loads it', { error }));
    // An unreachable platform is retried in the background (its /readyz check says why); a refusal throws.
    cleanups.unshift(() => roles.stop());
    await roles.start();
    // Issue 11 (ambassadors): the worker sets each community's weekly digest timer (again after a reload).
    const scheduleDigests = async (): Promise<void> => {
      if (processConfig.roles.has('worker')) await capabilities.ambassadors.schedule().catch((error: unknown) => logger.warn('could not set the ambassador digest timers', { error }));
    };
    await scheduleDigests();
    checkpoint();
    logger.info('heimo is listening', { port, ...(metricsPort === null ? {} : { metricsPort }), queue: queues.kind, database: database.kind, platforms: bots.all.map((bot) => bot.platform) });

    let stopped = false;
    return {
      port,
      url: `http://127.0.0.1:${port}`,
      bots,
      ingest,
      worker,
      database,
      capabilities,
      metricsPort,
      readiness,
      metrics: metricsRegistry,
      health,
      reload: async () => {
        const outcome = await networkSource.reload();
        refreshRouteChecks();
        // A newly routed channel is watched from now: a later catch-up must not turn its history into questions.
        if (outcome.status === 'applied' && outcome.added.length > 0) await backfillStore.watch('discord', outcome.added, new Date());
        if (outcome.status === 'applied') await scheduleDigests();
        return outcome;
      },
      stop: async () => {
        if (stopped) return;
        stopped = true;
        server.closeAllConnections?.();
        for (const cleanup of cleanups) await cleanup().catch((error: unknown) => logger.warn('shutdown step failed', { error }));
      },
    };
  } catch (error) {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    throw error;
  }
}
