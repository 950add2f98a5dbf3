import type { Job, Queue, Worker, WorkerOptions } from 'bullmq';
import type { Platform } from '../domain/types.ts';
import { type Metrics, NOOP_METRICS } from '../metrics/index.ts';
import type { Logger } from '../ports/logger.ts';
import type { DeliveryStream } from '../domain/outbox.ts';
import type { OutboxStore } from './port.ts';
import { createCircuitBreaker, type CircuitBreaker, type CircuitBreakerConfig } from './circuit-breaker.ts';
import { readDeliveryStatus, type PlatformDeliveryStatus } from './delivery-status.ts';
import { createDrain } from './drain-stream.ts';
import type { Deliveries } from './execute-delivery.ts';
import type { CardSources } from './card-details.ts';
import type { ReviewCards } from './execute-review.ts';
import type { KnowledgeSources } from './knowledge-sources.ts';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry-policy.ts';
import { deliveryQueueName, enqueueDrains } from './drain-jobs.ts';
import { handOver, type ActiveJobs } from './hand-over.ts';

/** The part of Heimo's queue factory the delivery worker uses. */
export interface DeliveryQueueFactory {
  createQueue<T>(name: string): Queue<T>;
  createWorker<T>(name: string, processor: (job: Job<T>, token?: string) => Promise<unknown>, opts?: Partial<WorkerOptions>): Worker<T>;
}

/** Per-platform pacing: at most `max` drain jobs each `duration` ms. */
export interface PlatformPace {
  max: number;
  duration: number;
}

/** Settings of the delivery worker; defaults suit production. */
export interface DeliveryWorkerConfig {
  store: OutboxStore;
  queues: DeliveryQueueFactory;
  deliveries: Deliveries;
  communityName: (communityId: string) => string;
  /** What cards show beyond the conversation: owner, route, clocks, the community's language (the app injects the modules' providers). */
  cards?: CardSources;
  /** Review cards of draft articles (the app injects the knowledge base's). */
  reviews?: ReviewCards;
  /** What knowledge deliveries (suggestions in the Discord thread) read from the knowledge base (the app injects it). */
  knowledge?: KnowledgeSources;
  logger: Logger;
  /** Where attempts, latency, retries, dead letters and 429s are counted (default: nowhere). */
  metrics?: Metrics;
  /** Attempts for failures that are neither outages nor refusals (defects) before the entry is dead (default 8). */
  maxAttempts?: number;
  /** How long an entry keeps retrying through outages, from when it was written (default 24 h). */
  retryHorizonMs?: number;
  /** Conversations drained in parallel per platform (default 20). */
  concurrency?: number;
  pace?: Partial<Record<Platform, PlatformPace>>;
  /** How long a job stays locked to a worker without renewal (default 4 s; renewed every quarter of it while the worker lives). */
  lockDurationMs?: number;
  /** How often expired locks are looked for (default 1 s). */
  stalledIntervalMs?: number;
  /**
   * This process is the only one on its job store (the embedded database): at start every job
   * still marked active belongs to a dead process and is taken back at once.
   */
  exclusive?: boolean;
  /** How long stopping waits for deliveries in flight before handing their jobs over (default 10 s). */
  shutdownGraceMs?: number;
  breaker?: Omit<CircuitBreakerConfig, 'now'>;
  /** How often pending entries are swept back into the queue, for a lost Redis (default 30 s; 0 = never). */
  sweepIntervalMs?: number;
  /** Entries handled by one drain job before it yields to other conversations. */
  batchSize?: number;
  /**
   * How old a message post must be before it is delivered (default 0: at once), so that an earlier
   * message another process commits a moment later still goes first (HEIMO_ORDER_SETTLE).
   */
  orderSettleMs?: number;
}

/** The running delivery worker. */
export interface DeliveryWorker {
  /** Starts taking jobs; called once the bots are connected, so the first deliveries do not fail needlessly. */
  start(): Promise<void>;
  /** Wakes the drain job of each stream (deduplicated per stream). */
  schedule(streams: DeliveryStream[]): Promise<void>;
  /** Re-schedules every stream with pending entries created before `before`. */
  sweep(before?: Date): Promise<number>;
  /** Drain jobs waiting, delayed or running per platform (for the queue depth gauge). */
  queueDepth(): Promise<Array<{ platform: Platform; jobs: number }>>;
  /** Per platform: breaker, queue pause, backlog and the age of its oldest entry, dead letters (for health and metrics). */
  status(): Promise<PlatformDeliveryStatus[]>;
  /** Stops taking jobs, lets deliveries in flight finish within the grace period, hands the rest over. */
  close(): Promise<void>;
}

/** Starts one BullMQ worker per configured platform, each draining conversations' outboxes in order. */
export function createDeliveryWorker(config: DeliveryWorkerConfig): DeliveryWorker {
  const { store, logger } = config;
  const platforms = (['discord', 'slack', 'teams'] as const).filter((platform) => config.deliveries[platform] !== undefined);
  const queues = new Map<Platform, Queue<DeliveryStream>>(platforms.map((platform) => [platform, config.queues.createQueue<DeliveryStream>(deliveryQueueName(platform))]));
  const breakers = new Map<Platform, CircuitBreaker>(platforms.map((platform) => [platform, createCircuitBreaker(config.breaker)]));
  const workers = new Map<Platform, Worker<DeliveryStream>>();
  const active: ActiveJobs = new Map();
  const held = new Map<string, string>();
  let closing = false;

  const schedule = (streams: DeliveryStream[], delayMs?: number): Promise<void> => enqueueDrains((platform) => queues.get(platform), streams, delayMs);
  const drain = createDrain({
    store,
    deliveries: config.deliveries,
    communityName: config.communityName,
    ...(config.cards === undefined ? {} : { cards: config.cards }),
    ...(config.reviews === undefined ? {} : { reviews: config.reviews }),
    ...(config.knowledge === undefined ? {} : { knowledge: config.knowledge }),
    logger,
    metrics: config.metrics ?? NOOP_METRICS,
    retry: { horizonMs: config.retryHorizonMs ?? DEFAULT_RETRY_POLICY.horizonMs, maxAttempts: config.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts },
    batchSize: config.batchSize ?? 50,
    breaker: (platform) => breakers.get(platform) ?? createCircuitBreaker(),
    pause: async (platform, ms) => {
      await workers.get(platform)?.rateLimit(ms);
    },
    schedule,
    settleMs: config.orderSettleMs ?? 0,
    held,
    closing: () => closing,
  });

  const lockDuration = config.lockDurationMs ?? 4_000;
  for (const platform of platforms) {
    const pace = config.pace?.[platform];
    const worker = config.queues.createWorker<DeliveryStream>(
      deliveryQueueName(platform),
      async (job, token) => {
        // Remembered so that a stop past its grace period can hand the job over (see hand-over.ts).
        if (token !== undefined) active.set(`${platform}:${job.id}`, { job, token });
        try {
          await drain(job);
        } finally {
          active.delete(`${platform}:${job.id}`);
        }
      },
      {
        autorun: false,
        concurrency: config.concurrency ?? 20,
        ...(pace ? { limiter: pace } : {}),
        // A short lock, renewed often: a live worker keeps it through a slow delivery, a killed one
        // loses it within seconds and the next stalled check (every second) takes the job back.
        lockDuration,
        lockRenewTime: Math.max(250, Math.floor(lockDuration / 4)),
        stalledInterval: config.stalledIntervalMs ?? 1_000,
        // A job is never failed for having stalled (crashes are what stalls it): the outbox decides when an entry dies.
        maxStalledCount: 1_000_000,
        settings: { backoffStrategy: (attemptsMade, _type, error) => (error as { retryDelayMs?: number } | undefined)?.retryDelayMs ?? retryDelayMs(attemptsMade) },
      },
    );
    worker.on('error', (error) => logger.error('delivery worker error', { platform, error }));
    workers.set(platform, worker);
  }

  const sweep = async (before = new Date()): Promise<number> => {
    const streams = await store.pendingStreams(before);
    await schedule(streams);
    return streams.length;
  };

  const interval = config.sweepIntervalMs ?? 30_000;
  const timer = interval > 0 ? setInterval(() => void sweep(new Date(Date.now() - interval)).catch((error: unknown) => logger.warn('sweep failed', { error })), interval) : undefined;
  timer?.unref();

  let started: Promise<void> | undefined;
  let closed: Promise<void> | undefined;
  return {
    start: () =>
      (started ??= (async () => {
        if (config.exclusive === true) {
          // No other process can hold these jobs: the one that did is gone. Waiting for its locks to expire would only delay.
          const orphans = (await Promise.all([...queues.values()].map((queue) => queue.getActive()))).flat();
          await Promise.all(orphans.map((job) => job.moveToWait('0')));
          // Their entries' claim leases too, so the deliveries resume at once rather than when the leases end.
          await store.releaseClaims();
          if (orphans.length > 0) logger.info('took back deliveries a stopped process held', { jobs: orphans.length });
        }
        for (const worker of workers.values()) void worker.run().catch((error: unknown) => logger.error('delivery worker stopped', { error }));
      })()),
    schedule,
    sweep,
    queueDepth: () =>
      Promise.all([...queues].map(async ([platform, queue]) => ({ platform, jobs: await queue.getJobCountByTypes('waiting', 'delayed', 'prioritized', 'active') }))),
    status: () => readDeliveryStatus({ store, platforms, queueOf: (platform) => queues.get(platform), breakerOf: (platform) => breakers.get(platform) }),
    close: () =>
      (closed ??= (async () => {
        closing = true;
        if (timer) clearInterval(timer);
        await handOver([...workers.values()], active, config.shutdownGraceMs ?? 10_000, logger, () => store.releaseClaims([...held].map(([id, claim]) => ({ id, claim }))));
        await Promise.all([...queues.values()].map((queue) => queue.close()));
      })()),
  };
}
