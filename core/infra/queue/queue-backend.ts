import type { Processor, Queue, QueueOptions, Worker, WorkerOptions } from 'bullmq';

/** Queue options a caller may set; the factory supplies the connection and prefix. */
export type QueueCreateOptions = Omit<QueueOptions, 'connection' | 'prefix'>;

/** Worker options a caller may set (concurrency, limiter, lockDuration, settings.backoffStrategy, ...). */
export type WorkerCreateOptions = Omit<WorkerOptions, 'connection' | 'prefix'>;

/** Which store holds the jobs: Redis, or BullMQ's PostgreSQL backend on Heimo's own database. */
export type QueueKind = 'redis' | 'postgres';

/**
 * One store's way to build BullMQ objects. Both return BullMQ's own Queue and Worker classes,
 * so job options, rate limiting and errors behave the same whichever store is behind them.
 */
export interface QueueBackend {
  kind: QueueKind;
  newQueue<T>(name: string, opts: QueueCreateOptions): Queue<T>;
  newWorker<T>(name: string, processor: Processor<T>, opts: WorkerCreateOptions): Worker<T>;
  /** Cheap round trip to the store. */
  ping(): Promise<unknown>;
  /** Releases the connections the backend opened (not the database it was given). */
  close(): Promise<void>;
}

/** Resolves `work`, or rejects after `ms` (BullMQ's connections wait forever for a lost server). */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
