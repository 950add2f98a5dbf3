import { randomUUID } from 'node:crypto';
import type { Job, Queue, Worker, WorkerOptions } from 'bullmq';
import type { Logger } from '../ports/logger.ts';
import { createDispatcher, type Recorded } from './dispatch.ts';
import { EVENT_QUEUE, TIMER_QUEUE, type EventJobData, type JobRetryConfig, type TimerJobData } from './job-names.ts';
import type { EventListener, Jobs, JobsMetrics, TimerHandler, Tx } from './port.ts';
import { eventProcessor, timerProcessor } from './run-jobs.ts';
import { autoCommit, deleteTimer, inTransaction, insertEvent, upsertTimer, type JobsDatabase } from './sql-jobs-store.ts';
import { createSweeper } from './sweeper.ts';

/** The part of Heimo's queue factory the job system uses. */
export interface JobsQueueFactory {
  createQueue<T>(name: string): Queue<T>;
  createWorker<T>(name: string, processor: (job: Job<T>) => Promise<unknown>, opts?: Partial<WorkerOptions>): Worker<T>;
}

/** Settings of the job system; the defaults suit production. */
export interface JobsConfig {
  database: JobsDatabase;
  queues: JobsQueueFactory;
  logger: Logger;
  metrics?: JobsMetrics;
  /** Jobs run in parallel per queue (default 10; on PGlite transactions take turns anyway). */
  concurrency?: number;
  /** Attempts per job and the first retry's delay, doubling after (default 12 attempts from 1 s: about an hour of retrying). */
  retry?: Partial<JobRetryConfig>;
  /** How often the worker role sweeps (default 30 s; 0 = only at start). */
  sweepIntervalMs?: number;
  /** How old an event must be before the sweeper queues it for a writer that did not (default 30 s). */
  sweepGraceMs?: number;
  /** Rows the sweeper reads per statement (default 500). */
  sweepBatchSize?: number;
}

const NO_METRICS: JobsMetrics = { handled: () => {}, failed: () => {}, timerLateness: () => {} };

/** Creates the job system: domain events and timers, durable in the database, carried by the queues. */
export function createJobs(config: JobsConfig): Jobs {
  const { database, logger } = config;
  const retry: JobRetryConfig = { attempts: config.retry?.attempts ?? 12, baseDelayMs: config.retry?.baseDelayMs ?? 1_000 };
  const listeners = new Map<string, Map<string, EventListener>>();
  const timerHandlers = new Map<string, TimerHandler>();
  // The transactions this job system opened, with what each recorded: queued once it commits.
  const recordings = new WeakMap<Tx, Recorded>();
  const eventQueue = config.queues.createQueue<EventJobData>(EVENT_QUEUE);
  const timerQueue = config.queues.createQueue<TimerJobData>(TIMER_QUEUE);
  const db = autoCommit(database);
  const dispatcher = createDispatcher({ eventQueue, timerQueue, listenersOf: (type) => [...(listeners.get(type)?.keys() ?? [])], db, retry, logger });
  const sweepIntervalMs = config.sweepIntervalMs ?? 30_000;
  const sweeper = createSweeper({ db, dispatcher, intervalMs: sweepIntervalMs, graceMs: config.sweepGraceMs ?? 30_000, batchSize: config.sweepBatchSize ?? 500, logger });
  const workers: Worker[] = [];
  let started = false;
  let closed: Promise<void> | undefined;

  const transaction = async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
    const recorded: Recorded = { events: [], timers: [], afterCommit: [] };
    const result = await inTransaction(database, (session) => {
      const tx: Tx = { query: (text, params) => session.query(text, params) };
      recordings.set(tx, recorded);
      return work(tx);
    });
    await dispatcher.flush(recorded);
    return result;
  };

  const register = <V>(map: Map<string, V>, name: string, value: V, what: string): void => {
    if (started) throw new Error(`register ${what} "${name}" before the job system starts`);
    if (map.has(name)) throw new Error(`${what} "${name}" is registered twice`);
    map.set(name, value);
  };

  const runConfig = { transaction, listeners, timerHandlers, logger, metrics: config.metrics ?? NO_METRICS };
  const workerOptions = { autorun: false, concurrency: config.concurrency ?? 10 };

  return {
    transaction,
    publish: async (tx, event) => {
      const id = randomUUID();
      await insertEvent(tx, id, event);
      recordings.get(tx)?.events.push({ id, event });
      return id;
    },
    afterCommit: (tx, work) => void recordings.get(tx)?.afterCommit.push(work),
    setTimer: async (tx, timer) => {
      const version = await upsertTimer(tx, timer);
      recordings.get(tx)?.timers.push({ key: timer.key, version, dueAt: timer.dueAt });
    },
    // Its queued job finds no row (or a newer version) when it fires, and does nothing.
    clearTimer: (tx, key) => deleteTimer(tx, key),
    on: (type, name, listener) => {
      let named = listeners.get(type);
      if (named === undefined) listeners.set(type, (named = new Map()));
      // Stored by type: only events of `type` ever reach it.
      register(named, name, listener as unknown as EventListener, `listener of ${type}`);
    },
    onTimer: (kind, handler) => register(timerHandlers, kind, handler, 'timer handler'),
    start: async () => {
      if (started) return;
      started = true;
      workers.push(
        config.queues.createWorker<EventJobData>(EVENT_QUEUE, eventProcessor(runConfig), workerOptions) as Worker,
        config.queues.createWorker<TimerJobData>(TIMER_QUEUE, timerProcessor(runConfig), workerOptions) as Worker,
      );
      for (const worker of workers) {
        worker.on('error', (error) => logger.error('job worker error', { queue: worker.name, error }));
        void worker.run().catch((error: unknown) => logger.error('job worker stopped', { queue: worker.name, error }));
      }
      // At once: timers that fell due while no process ran fire now, not a sweep interval later.
      await sweeper.sweep();
      sweeper.start();
    },
    sweep: () => sweeper.sweep(),
    close: () =>
      (closed ??= (async () => {
        sweeper.stop();
        await Promise.all(workers.map((worker) => worker.close()));
        await Promise.all([eventQueue.close(), timerQueue.close()]);
      })()),
  };
}
