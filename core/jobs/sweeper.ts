import type { Logger } from '../ports/logger.ts';
import type { Dispatcher } from './dispatch.ts';
import type { Tx } from './port.ts';
import { timersDueBy, undispatchedEvents } from './sql-jobs-store.ts';

/** Settings of the sweeper. */
export interface SweeperConfig {
  db: Tx;
  dispatcher: Dispatcher;
  /** How often it runs; 0 = never on its own (`sweep()` still works). */
  intervalMs: number;
  /** How old an undispatched event must be before the sweeper queues it (its writer normally does at once). */
  graceMs: number;
  /** Rows read per statement. */
  batchSize: number;
  logger: Logger;
}

/** The periodic pass that puts back what a crash or a lost Redis dropped. */
export interface Sweeper {
  sweep(): Promise<{ events: number; timers: number }>;
  start(): void;
  stop(): void;
}

// Bounds one pass (a huge backlog is worked through over several passes, not in one long one).
const MAX_BATCHES = 100;

/**
 * Creates the sweeper. Events: those written more than `graceMs` ago and never queued. Timers: every
 * timer due within two intervals (overdue ones included) is re-armed under its job id, which the
 * queue ignores while the job exists; so a job lost with Redis is back at least one pass before it is due.
 */
export function createSweeper(config: SweeperConfig): Sweeper {
  const { db, dispatcher, batchSize, logger } = config;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<{ events: number; timers: number }> | undefined;

  const sweepEvents = async (): Promise<number> => {
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
      const events = await undispatchedEvents(db, new Date(Date.now() - config.graceMs), batchSize);
      await dispatcher.dispatchEvents(events);
      total += events.length;
      if (events.length < batchSize) break;
    }
    return total;
  };

  const sweepTimers = async (): Promise<number> => {
    const timers = await timersDueBy(db, new Date(Date.now() + 2 * config.intervalMs), batchSize * MAX_BATCHES);
    for (let at = 0; at < timers.length; at += batchSize) await dispatcher.armTimers(timers.slice(at, at + batchSize));
    return timers.length;
  };

  // One pass at a time: a slow pass is not stacked on by the next tick.
  const sweep = (): Promise<{ events: number; timers: number }> =>
    (running ??= (async () => {
      try {
        const [events, timers] = await Promise.all([sweepEvents(), sweepTimers()]);
        if (events > 0) logger.info('sweeper queued domain events left behind', { events });
        return { events, timers };
      } finally {
        running = undefined;
      }
    })());

  return {
    sweep,
    start: () => {
      if (timer !== undefined || config.intervalMs <= 0) return;
      timer = setInterval(() => void sweep().catch((error: unknown) => logger.warn('job sweep failed', { error })), config.intervalMs);
      timer.unref();
    },
    stop: () => {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
