import type { InboundHandler } from '../../core/domain/events.ts';
import { hasCode } from '../../core/errors.ts';
import type { Bot, BotRoute } from '../../core/ports/bot.ts';
import type { CommandPort } from '../../core/ports/commands.ts';
import type { CustomerDelivery, EmployeeDelivery } from '../../core/ports/delivery.ts';
import type { Logger } from '../../core/ports/logger.ts';

/** A bot being started: `cancel` drops any retry still to come (call it before stopping the bot). */
export interface BotStart {
  cancel(): void;
}

/** How soon and how often a bot that could not connect is tried again. */
export interface BotRetryConfig {
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** The command port the bot renders commands from and hands them to (absent: it offers none). */
  commands?: CommandPort;
}

// Unreachable or failing platforms may come back; a refusal (bad token, bad setting) will not.
const isTransient = (error: unknown): boolean => hasCode(error, 'NOT_CONNECTED') || hasCode(error, 'PLATFORM_UNAVAILABLE');

/**
 * Starts `bot`. A platform that refuses (bad credentials or settings) fails start-up; one that
 * cannot be reached leaves Heimo running (its /healthz check shows why) and is retried in the
 * background with growing delays, so the other platforms keep relaying and nothing waits in vain.
 */
export async function startBot(bot: Bot, handler: InboundHandler, logger: Logger, config: BotRetryConfig = {}): Promise<BotStart> {
  const firstDelayMs = config.firstDelayMs ?? 1_000;
  const maxDelayMs = config.maxDelayMs ?? 30_000;
  const { commands } = config;
  try {
    await bot.start(handler, commands);
    return { cancel: () => {} };
  } catch (error) {
    if (!isTransient(error)) throw error;
    logger.error(`${bot.platform} could not connect; running without it and retrying in the background`, { platform: bot.platform, error, retryInMs: firstDelayMs });
  }

  let cancelled = false;
  let timer: NodeJS.Timeout | undefined;
  const retry = (delayMs: number, failures: number): void => {
    timer = setTimeout(() => {
      void bot.start(handler, commands).then(
        () => {
          // Connected while Heimo was stopping: undo it (stop is safe to call twice).
          if (cancelled) void bot.stop().catch(() => undefined);
          else logger.info(`${bot.platform} connected after ${failures + 1} attempts`, { platform: bot.platform });
        },
        (error: unknown) => {
          if (cancelled) return;
          const next = Math.min(maxDelayMs, delayMs * 2);
          logger.error(`${bot.platform} still cannot connect; retrying in the background`, { platform: bot.platform, error, retryInMs: next });
          retry(next, failures + 1);
        },
      );
    }, delayMs);
  };
  retry(firstDelayMs, 1);
  return {
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}

/**
 * Wraps a bot so that a start after a failed one runs on a freshly made bot: an SDK client whose
 * login failed is not reusable (discord.js destroys it for good). Deliveries, routes and health
 * always reach the current bot, so the rest of Heimo keeps the one object it was given.
 */
export function renewableBot<D extends CustomerDelivery | EmployeeDelivery>(make: () => Bot<D>): Bot<D> {
  let current = make();
  let failed = false;
  const delivery = new Proxy({} as D, {
    get: (_target, key) => {
      const live = current.delivery as unknown as Record<PropertyKey, unknown>;
      const value = live[key];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(live) : value;
    },
  });
  const routes = current.routes.map(
    (route): BotRoute => ({
      path: route.path,
      handler: (req, res, next) => {
        const live = current.routes.find((candidate) => candidate.path === route.path);
        if (live) live.handler(req, res, next);
        else next();
      },
    }),
  );
  return {
    platform: current.platform,
    delivery,
    routes,
    async start(handler, commands) {
      if (failed) {
        await current.stop().catch(() => undefined);
        current = make();
        failed = false;
      }
      try {
        await current.start(handler, commands);
      } catch (error) {
        failed = true;
        throw error;
      }
    },
    stop: () => current.stop(),
    health: () => current.health(),
    // Every bot `make` returns has the same shape: reading history goes to the current one.
    ...(current.backfill === undefined
      ? {}
      : { backfill: (plan, handler) => current.backfill?.(plan, handler) ?? Promise.resolve({ read: 0, relayed: 0 }) }),
  };
}
