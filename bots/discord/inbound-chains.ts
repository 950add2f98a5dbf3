import { HeimoError, recordRejectedInput, type InboundEvent, type InboundHandler, type LogFields, type Logger } from '../../core/index.ts';

/** How inbound events wait while the core cannot store them. */
export interface InboundChainsConfig {
  logger: Logger;
  handler: () => InboundHandler | undefined;
  /** Events held at most across all channels; beyond it new events are refused (logged, counted). Default 10,000. */
  maxHeld?: number;
  /** First wait before trying a held event again; it doubles up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

// Input the core refused as such fails the same way every time; everything else (database down,
// a timeout, a REST lookup that failed) may succeed later.
// A TypeError while reading the SDK's object is a dispatch missing what it should carry: reading it
// again fails the same way, and holding it would stall the channel's later events behind it.
const isPermanent = (error: unknown): boolean => (error instanceof HeimoError && error.code === 'BAD_INPUT') || error instanceof TypeError;

/**
 * One chain of inbound events per channel, in arrival order. Discord never redelivers a gateway
 * event, so one the core could not store (database down, a transient error) is held in memory and
 * tried again, with a growing wait, until it is stored: the channel's later events wait behind it.
 */
export function createInboundChains(config: InboundChainsConfig) {
  const { logger } = config;
  const maxHeld = config.maxHeld ?? 10_000;
  const firstDelayMs = config.firstDelayMs ?? 250;
  const maxDelayMs = config.maxDelayMs ?? 10_000;
  const chains = new Map<string, Promise<void>>();
  let queued = 0;
  let refused = 0;
  let stopped = false;
  // Waits end early on stop, so no chain outlives the bot.
  const wakers = new Set<() => void>();

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  const attempt = async (fields: LogFields, task: () => Promise<InboundEvent | null>): Promise<void> => {
    for (let failures = 0; !stopped; failures += 1) {
      try {
        const event = await task();
        const handler = config.handler();
        if (event === null || handler === undefined) return;
        const outcome = await handler(event);
        if (failures > 0) logger.info('discord: held event stored', { ...fields, attempts: failures + 1 });
        logger.debug('discord: event handled', { ...fields, type: event.type, outcome: outcome.status });
        return;
      } catch (error) {
        if (isPermanent(error)) {
          if (error instanceof TypeError) recordRejectedInput({ platform: 'discord', reason: 'unreadable_dispatch' });
          logger.error('discord: inbound event refused as malformed', { ...fields, error });
          return;
        }
        const delayMs = Math.min(maxDelayMs, firstDelayMs * 2 ** failures);
        logger.error('discord: inbound event failed; holding it to try again', { ...fields, error, attempt: failures + 1, retryInMs: delayMs, held: queued });
        await wait(delayMs);
      }
    }
  };

  return {
    /** Queues `task` behind the channel's earlier events; false when the bound is reached and it was refused. */
    run(channelId: string, fields: LogFields, task: () => Promise<InboundEvent | null>): boolean {
      if (queued >= maxHeld) {
        refused += 1;
        logger.error('discord: too many events held while the core is failing; event refused', { ...fields, held: queued, refused });
        return false;
      }
      queued += 1;
      const run = async (): Promise<void> => {
        try {
          await attempt(fields, task);
        } finally {
          queued -= 1;
        }
      };
      const next = (chains.get(channelId) ?? Promise.resolve()).then(run);
      chains.set(channelId, next);
      void next.then(() => chains.get(channelId) === next && chains.delete(channelId));
      return true;
    },
    /** Events waiting or being handled, and those refused over the bound. */
    counts: () => ({ queued, refused }),
    /** Stops retrying; events still held are logged as lost with the process. */
    stop(): void {
      stopped = true;
      for (const wake of [...wakers]) wake();
      if (queued > 0) logger.warn('discord: stopped with inbound events still held', { held: queued });
    },
  };
}
