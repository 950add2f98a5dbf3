import type { Processor, Queue, Worker } from 'bullmq';
import type { Logger } from '../../ports/logger.ts';
import type { Database } from '../db/create-database.ts';
import { createPostgresQueueBackend } from './postgres-backend.ts';
import { createRedisBackend } from './redis-backend.ts';
import { withTimeout, type QueueBackend, type QueueCreateOptions, type QueueKind, type WorkerCreateOptions } from './queue-backend.ts';

export type { QueueCreateOptions, QueueKind, WorkerCreateOptions } from './queue-backend.ts';

/** Where jobs live: Redis at `redisUrl`, else BullMQ's PostgreSQL backend on Heimo's database. */
export interface QueueConfig {
  redisUrl: string | null;
  /** Redis key prefix (isolates tests); the PostgreSQL backend ignores it (it uses schema `bullmq`). */
  prefix?: string;
}

/** Builds BullMQ queues and workers without callers knowing which store is behind them. */
export interface QueueFactory {
  readonly kind: QueueKind;
  createQueue<T>(name: string, opts?: QueueCreateOptions): Queue<T>;
  createWorker<T>(name: string, processor: Processor<T>, opts?: WorkerCreateOptions): Worker<T>;
  /** True when the store answers within two seconds (for /healthz). */
  ping(): Promise<boolean>;
  /** Closes every queue and worker it made (workers finish their active jobs), then its connections. */
  close(): Promise<void>;
}

const PING_TIMEOUT_MS = 2_000;

// BullMQ emits 'error' on queues and workers; with no listener Node would crash the process.
interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
  listenerCount(event: 'error'): number;
}

function logUnheardErrors(emitter: ErrorEmitter, what: string, name: string, logger?: Logger): void {
  emitter.on('error', (error) => {
    if (emitter.listenerCount('error') === 1) logger?.warn(`queue ${what} error`, { queue: name, error });
  });
}

function trackInstances(backend: QueueBackend, logger?: Logger): QueueFactory {
  const queues = new Set<Queue>();
  const workers = new Set<Worker>();
  let closing: Promise<void> | null = null;
  return {
    kind: backend.kind,
    createQueue: <T>(name: string, opts: QueueCreateOptions = {}) => {
      const queue = backend.newQueue<T>(name, opts);
      logUnheardErrors(queue, 'producer', name, logger);
      queues.add(queue as Queue);
      return queue;
    },
    createWorker: <T>(name: string, processor: Processor<T>, opts: WorkerCreateOptions = {}) => {
      const worker = backend.newWorker<T>(name, processor, opts);
      logUnheardErrors(worker, 'worker', name, logger);
      workers.add(worker as Worker);
      return worker;
    },
    ping: () => withTimeout(backend.ping(), PING_TIMEOUT_MS, backend.kind).then(() => true, () => false),
    close: () => {
      // Workers first: they may still be finishing jobs that write to the queues.
      closing ??= (async () => {
        await Promise.all([...workers].map((worker) => worker.close()));
        await Promise.all([...queues].map((queue) => queue.close()));
        await backend.close();
      })();
      return closing;
    },
  };
}

/** Opens the job store (Redis when `redisUrl` is set, else the `bullmq` schema of `db`, migrated) and returns the factory. */
export async function createQueueFactory(config: QueueConfig & { db: Database; logger?: Logger }): Promise<QueueFactory> {
  const { logger } = config;
  const backend =
    config.redisUrl === null
      ? await createPostgresQueueBackend({ db: config.db, ...(logger ? { logger } : {}) })
      : await createRedisBackend({ redisUrl: config.redisUrl, ...(config.prefix === undefined ? {} : { prefix: config.prefix }), ...(logger ? { logger } : {}) });
  logger?.debug('job queue ready', { kind: backend.kind });
  return trackInstances(backend, logger);
}
