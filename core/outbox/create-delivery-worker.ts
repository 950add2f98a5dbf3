import { UnrecoverableError, Worker, type Job, type Queue, type WorkerOptions } from 'bullmq';
import type { Platform } from '../domain/types.ts';
import { HeimoError, PlatformRejectedError, RateLimitedError, hasCode } from '../errors.ts';
import { NOOP_METRICS, type Metrics } from '../metrics/metrics.ts';
import type { Logger } from '../ports/logger.ts';
import type { DeliveryStream, OutboxStore } from '../ports/store.ts';
import { executeDelivery, type Deliveries } from './execute-delivery.ts';
import { retryDelayMs } from './retry-policy.ts';
import { deliveryQueueName, enqueueDrains } from './drain-jobs.ts';

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
  logger: Logger;
  /** Where attempts, latency, retries, dead letters and 429s are counted (default: nowhere). */
  metrics?: Metrics;
  /** Attempts per outbox entry before it becomes dead (default 8). */
  maxAttempts?: number;
  /** Conversations drained in parallel per platform (default 20). */
  concurrency?: number;
  pace?: Partial<Record<Platform, PlatformPace>>;
  /** How long a crashed worker's job stays locked before another picks it up (default 30 s). */
  lockDurationMs?: number;
  /** How often pending entries are swept back into the queue, for a lost Redis (default 30 s; 0 = never). */
  sweepIntervalMs?: number;
  /** Entries handled by one drain job before it yields to other conversations. */
  batchSize?: number;
}

/** The running delivery worker. */
export interface DeliveryWorker {
  /** Starts taking jobs; called once the bots are connected, so the first deliveries do not fail needlessly. */
  start(): void;
  /** Wakes the drain job of each stream (deduplicated per stream). */
  schedule(streams: DeliveryStream[]): Promise<void>;
  /** Re-schedules every stream with pending entries created before `before`. */
  sweep(before?: Date): Promise<number>;
  /** Drain jobs waiting, delayed or running per platform (for the queue depth gauge). */
  queueDepth(): Promise<Array<{ platform: Platform; jobs: number }>>;
  close(): Promise<void>;
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Starts one BullMQ worker per configured platform, each draining conversations' outboxes in order. */
export function createDeliveryWorker(config: DeliveryWorkerConfig): DeliveryWorker {
  const { store, logger } = config;
  const metrics = config.metrics ?? NOOP_METRICS;
  const maxAttempts = config.maxAttempts ?? 8;
  const batchSize = config.batchSize ?? 50;
  const platforms = (['discord', 'slack', 'teams'] as const).filter((platform) => config.deliveries[platform] !== undefined);
  const queues = new Map(platforms.map((platform) => [platform, config.queues.createQueue<DeliveryStream>(deliveryQueueName(platform))]));

  const schedule = (streams: DeliveryStream[]): Promise<void> => enqueueDrains((platform) => queues.get(platform as (typeof platforms)[number]), streams);

  const drain = (worker: () => Worker<DeliveryStream>) => async (job: Job<DeliveryStream>): Promise<void> => {
    const stream = job.data;
    if (typeof stream?.conversationId !== 'string' || typeof stream.platform !== 'string') {
      throw new UnrecoverableError(`drain job ${job.id} has malformed data`);
    }
    for (let handled = 0; handled < batchSize; handled += 1) {
      const claimed = await store.claimNext(stream);
      if (!claimed) return;
      const { entry } = claimed;
      const { attempts } = entry;
      metrics.deliveryAttempt(entry.platform, entry.kind);
      // Built only when something is logged: most deliveries log nothing at the default level.
      const log = () => logger.child({ entryId: entry.id, conversationId: entry.conversationId, platform: entry.platform, kind: entry.kind, attempts });
      try {
        const effects = await executeDelivery({ store, deliveries: config.deliveries, communityName: config.communityName }, claimed, job.attemptsStarted > 1);
        const { morePending } = await store.complete(entry.id, effects);
        if (entry.createdAtMs !== undefined) metrics.deliveryLatency(entry.platform, entry.kind, (Date.now() - entry.createdAtMs) / 1000);
        log().debug('delivered');
        if (!morePending) return;
      } catch (error) {
        if (error instanceof RateLimitedError) {
          await store.releaseAttempt(entry.id);
          metrics.rateLimited(entry.platform);
          log().warn('rate limited; pausing platform queue', { retryAfterMs: error.retryAfterMs });
          await worker().rateLimit(error.retryAfterMs);
          throw Worker.RateLimitError();
        }
        const permanent = error instanceof PlatformRejectedError || hasCode(error, 'NOT_FOUND') || hasCode(error, 'BAD_INPUT');
        const dead = permanent || attempts >= maxAttempts;
        await store.fail(entry.id, describe(error), dead);
        if (dead) {
          metrics.deadLetter(entry.platform, entry.kind);
          log().error('delivery is dead; see `heimo deliveries list`', { error });
          continue; // one dead entry must not block the rest of the conversation
        }
        metrics.deliveryRetry(entry.platform, entry.kind);
        log().warn('delivery failed; will retry', { error });
        throw Object.assign(error instanceof Error ? error : new HeimoError('PLATFORM_UNAVAILABLE', describe(error)), {
          retryDelayMs: retryDelayMs(attempts),
        });
      }
    }
    await schedule([stream]); // more than one batch pending: yield, then continue in a fresh job
  };

  const workers = platforms.map((platform) => {
    const pace = config.pace?.[platform];
    const worker: Worker<DeliveryStream> = config.queues.createWorker<DeliveryStream>(deliveryQueueName(platform), drain(() => worker), {
      autorun: false,
      concurrency: config.concurrency ?? 20,
      ...(pace ? { limiter: pace } : {}),
      lockDuration: config.lockDurationMs ?? 30_000,
      stalledInterval: Math.max(500, Math.floor((config.lockDurationMs ?? 30_000) / 2)),
      settings: { backoffStrategy: (attemptsMade, _type, error) => (error as { retryDelayMs?: number } | undefined)?.retryDelayMs ?? retryDelayMs(attemptsMade) },
    });
    worker.on('error', (error) => logger.error('delivery worker error', { platform, error }));
    return worker;
  });

  const sweep = async (before = new Date()): Promise<number> => {
    const streams = await store.pendingStreams(before);
    await schedule(streams);
    return streams.length;
  };

  const interval = config.sweepIntervalMs ?? 30_000;
  const timer = interval > 0 ? setInterval(() => void sweep(new Date(Date.now() - interval)).catch((error: unknown) => logger.warn('sweep failed', { error })), interval) : undefined;
  timer?.unref();

  let running = false;
  return {
    start: () => {
      if (running) return;
      running = true;
      for (const worker of workers) void worker.run().catch((error: unknown) => logger.error('delivery worker stopped', { error }));
    },
    schedule,
    sweep,
    queueDepth: () =>
      Promise.all([...queues].map(async ([platform, queue]) => ({ platform, jobs: await queue.getJobCountByTypes('waiting', 'delayed', 'prioritized', 'active') }))),
    close: async () => {
      if (timer) clearInterval(timer);
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
