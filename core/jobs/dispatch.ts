import type { Queue } from 'bullmq';
import type { Logger } from '../ports/logger.ts';
import { eventJobId, jobOptions, timerJobId, type EventJobData, type JobRetryConfig, type TimerJobData } from './job-names.ts';
import { markDispatched, type StoredEvent, type TimerRow } from './sql-jobs-store.ts';
import type { Tx } from './port.ts';

/** What one transaction recorded, to queue once it commits. */
export interface Recorded {
  events: StoredEvent[];
  timers: Array<Pick<TimerRow, 'key' | 'version' | 'dueAt'>>;
  /** Work to run once the transaction committed (the delivery worker's wake-up). */
  afterCommit: Array<() => Promise<void>>;
}

/** Settings of the dispatcher: the queues, who listens, and a statement runner outside transactions. */
export interface DispatcherConfig {
  eventQueue: Queue<EventJobData>;
  timerQueue: Queue<TimerJobData>;
  /** The names of the listeners registered for an event type in this process. */
  listenersOf(type: string): string[];
  db: Tx;
  retry: JobRetryConfig;
  logger: Logger;
}

/** Hands committed events and timers to the queue. */
export interface Dispatcher {
  /** Queues one job per (event, listener), then marks the events dispatched. */
  dispatchEvents(events: StoredEvent[]): Promise<void>;
  /** Queues (or re-arms) the delayed job of each timer version. */
  armTimers(timers: Recorded['timers']): Promise<void>;
  /** Queues what a committed transaction recorded; never throws (the sweeper retries what failed). */
  flush(recorded: Recorded): Promise<void>;
}

/** Creates the dispatcher: the only code that adds jobs to the event and timer queues. */
export function createDispatcher(config: DispatcherConfig): Dispatcher {
  const { eventQueue, timerQueue, retry, logger } = config;

  const dispatchEvents = async (events: StoredEvent[]): Promise<void> => {
    if (events.length === 0) return;
    const jobs = events.flatMap(({ id, event }) =>
      config.listenersOf(event.type).map((listener) => ({ name: event.type, data: { eventId: id, listener }, opts: jobOptions(retry, eventJobId(id, listener)) })),
    );
    if (jobs.length > 0) await eventQueue.addBulk(jobs);
    await markDispatched(config.db, events.map((stored) => stored.id));
  };

  const armTimers = async (timers: Recorded['timers']): Promise<void> => {
    if (timers.length === 0) return;
    const now = Date.now();
    await timerQueue.addBulk(
      timers.map((timer) => ({
        name: 'timer',
        data: { key: timer.key, version: timer.version },
        opts: jobOptions(retry, timerJobId(timer.key, timer.version), Math.max(0, timer.dueAt.getTime() - now)),
      })),
    );
  };

  return {
    dispatchEvents,
    armTimers,
    flush: async (recorded) => {
      // Both are already durable: a failure here only delays them until the sweeper's next pass.
      await Promise.all([
        dispatchEvents(recorded.events).catch((error: unknown) => logger.warn('could not queue domain events; the sweeper will', { events: recorded.events.length, error })),
        armTimers(recorded.timers).catch((error: unknown) => logger.warn('could not queue timers; the sweeper will', { timers: recorded.timers.length, error })),
        ...recorded.afterCommit.map((work) => work().catch((error: unknown) => logger.warn('after-commit work failed', { error }))),
      ]);
    },
  };
}
