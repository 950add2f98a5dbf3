import { UnrecoverableError, type Job } from 'bullmq';
import { hasCode } from '../errors.ts';
import type { Logger } from '../ports/logger.ts';
import type { EventJobData, TimerJobData } from './job-names.ts';
import type { EventListener, JobsMetrics, TimerHandler, Tx } from './port.ts';
import { claimTimer, readEvent } from './sql-jobs-store.ts';

/** What the processors need from the job system. */
export interface RunJobsConfig {
  /** The job system's own transaction (queues what the handler recorded after it commits). */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  listeners: ReadonlyMap<string, ReadonlyMap<string, EventListener>>;
  timerHandlers: ReadonlyMap<string, TimerHandler>;
  logger: Logger;
  metrics: JobsMetrics;
}

// A handler refusing its input (BAD_INPUT) would refuse it on every attempt: it is not retried.
const refusesInput = (error: unknown): boolean => hasCode(error, 'BAD_INPUT') || error instanceof UnrecoverableError;

const isLastAttempt = (job: Job): boolean => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

const seconds = (since: number): number => (Date.now() - since) / 1000;

/** Runs one listener on one event in its own transaction. */
export function eventProcessor(config: RunJobsConfig): (job: Job<EventJobData>) => Promise<void> {
  const { logger, metrics } = config;
  return async (job) => {
    const { eventId, listener } = job.data;
    const started = Date.now();
    try {
      await config.transaction(async (tx) => {
        const stored = await readEvent(tx, eventId);
        if (stored === null) return logger.warn('domain event is gone; its listener job does nothing', { eventId, listener });
        const handle = config.listeners.get(stored.event.type)?.get(listener);
        // Retried: during a rolling deploy another process may know the listener.
        if (handle === undefined) throw new Error(`no listener "${listener}" for ${stored.event.type} in this process`);
        await handle({ ...stored.event, id: eventId }, tx);
      });
      metrics.handled('event', listener, seconds(started));
    } catch (error) {
      const final = refusesInput(error) || isLastAttempt(job);
      metrics.failed('event', listener, final);
      logger.warn(final ? 'domain event listener failed for good' : 'domain event listener failed; retrying', { eventId, listener, attempt: job.attemptsMade + 1, error });
      if (refusesInput(error)) throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
      throw error;
    }
  };
}

/** Fires one timer version: claims its row and runs its handler in one transaction, so its effects happen once. */
export function timerProcessor(config: RunJobsConfig): (job: Job<TimerJobData>) => Promise<void> {
  const { logger, metrics } = config;
  return async (job) => {
    const { key, version } = job.data;
    const started = Date.now();
    let kind = '';
    try {
      await config.transaction(async (tx) => {
        const timer = await claimTimer(tx, key, version);
        if (timer === null) return; // moved, cleared or fired already: this job is stale
        kind = timer.kind;
        const handle = config.timerHandlers.get(timer.kind);
        if (handle === undefined) throw new Error(`no handler for timer kind "${timer.kind}" in this process`);
        metrics.timerLateness(timer.kind, Math.max(0, (started - timer.dueAt.getTime()) / 1000));
        await handle({ key: timer.key, kind: timer.kind, dueAt: timer.dueAt, payload: timer.payload, firedAt: new Date(started) }, tx);
      });
      if (kind !== '') metrics.handled('timer', kind, seconds(started));
    } catch (error) {
      const refused = refusesInput(error);
      metrics.failed('timer', kind, refused || isLastAttempt(job));
      if (!refused) {
        logger.warn('timer handler failed; retrying', { key, kind, attempt: job.attemptsMade + 1, error });
        throw error;
      }
      // Its input will never do: the timer is dropped (its handler's effects were rolled back).
      await config.transaction((tx) => claimTimer(tx, key, version));
      logger.error('timer handler refused its timer; the timer is dropped', { key, kind, error });
    }
  };
}
