import type { ProcessConfig } from '../../config/process-env.ts';
import type { InboundHandler } from '../../core/domain/events.ts';
import type { DeliveryWorker } from '../../core/outbox/index.ts';
import type { BackfillPlan, BackfillStore } from '../../core/backfill/index.ts';
import type { Bot, BotHealth, BotRoute } from '../../core/ports/bot.ts';
import type { CommandPort } from '../../core/ports/commands.ts';
import type { LeaseFactory } from '../../core/ports/lease.ts';
import type { Logger } from '../../core/ports/logger.ts';
import type { BotSet } from './create-bots.ts';
import { createGatewaySupervisor, type GatewaySupervisor } from './gateway-supervisor.ts';
import { startBot, type BotStart } from './start-bot.ts';

/** What deciding and starting this process' part of Heimo needs. */
export interface RolesConfig {
  process: ProcessConfig;
  bots: BotSet;
  ingest: InboundHandler;
  /** The command port every bot gets beside `ingest` (absent: bots offer no commands). */
  commands?: CommandPort;
  worker: DeliveryWorker;
  /** The job system (domain events, timers): every process publishes; only the worker role runs its workers and sweeper. */
  jobs?: { start(): Promise<void> };
  /** Ambassador tiers (issue 11): the worker sets their demotion timers and reconciles Discord roles at start. */
  recognition?: { reconcile(): Promise<{ granted: number; removed: number }> };
  leases: LeaseFactory;
  /** watchedChannelIds: the Discord channels routed now (a reload changes them). */
  backfill: { plan: BackfillPlan; store: BackfillStore; watchedChannelIds: () => string[] };
  logger: Logger;
}

/** This process' part of Heimo, started and stopped as one. */
export interface Roles {
  /** The HTTP routes this process serves (the bots' ingress, or none). */
  routes: BotRoute[];
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The bots' checks as this process sees them (a platform served elsewhere is not a fault here). */
  health(): Record<string, BotHealth>;
}

// Long enough for a backfill of many threads; another process skips while one holds it.
const SLACK_BACKFILL_LEASE_MS = 10 * 60_000;

/**
 * Decides what this process starts from its roles. ingress: the bots' HTTP routes, Slack Socket
 * Mode and the Slack backfill; worker: the delivery workers and the sweep of pending deliveries;
 * gateway: the Discord gateway of each shard whose lease it holds, and the Discord backfill. Every
 * process delivers through REST and queues deliveries, whatever its roles.
 */
export function createRoles(config: RolesConfig): Roles {
  const { roles } = config.process;
  const { bots, logger } = config;
  const ingress = roles.has('ingress');
  const starts: BotStart[] = [];
  const started: Bot[] = [];
  let gateway: GatewaySupervisor | undefined;
  let slackGate: Promise<void> = Promise.resolve();
  const backfillOn = config.process.backfillHorizonMs > 0;

  const catchUpSlack = async (bot: Bot): Promise<void> => {
    const lease = config.leases.lease('backfill:slack', SLACK_BACKFILL_LEASE_MS);
    if (!(await lease.tryAcquire().catch(() => false))) {
      logger.info('slack: another process is reading what was missed');
      return;
    }
    try {
      const report = await bot.backfill?.(config.backfill.plan, config.ingest);
      logger.info('slack: read what was written while Heimo was offline', { ...report });
    } catch (error) {
      logger.error('slack: reading what was written while Heimo was offline failed', { error });
    } finally {
      await lease.release().catch(() => undefined);
    }
  };

  // Live Slack events wait while missed replies are read, so a thread's replies are stored in order.
  const slackIngest: InboundHandler = async (event) => {
    await slackGate;
    return config.ingest(event);
  };
  const withSlackCatchUp = (bot: Bot): Bot => ({
    ...bot,
    start: async (handler, commands) => {
      await bot.start(handler, commands);
      if (backfillOn && bot.backfill !== undefined) slackGate = catchUpSlack(bot);
    },
  });

  const run = async (bot: Bot, handler: InboundHandler): Promise<void> => {
    started.push(bot);
    starts.push(await startBot(bot, handler, logger, config.commands === undefined ? {} : { commands: config.commands }));
  };

  return {
    routes: ingress ? bots.all.flatMap((bot) => bot.routes) : [],

    async start() {
      await config.backfill.store.watch('discord', config.backfill.watchedChannelIds(), new Date());
      for (const bot of bots.all) {
        // Discord's bot here only delivers: its start checks the token. Slack and Teams listen only on ingress.
        if (bot.platform === 'discord') await run(bot, config.ingest);
        else if (ingress) await run(bot.platform === 'slack' ? withSlackCatchUp(bot) : bot, bot.platform === 'slack' ? slackIngest : config.ingest);
      }
      const makeBot = bots.discordGateway;
      if (roles.has('gateway') && makeBot !== undefined) {
        gateway = createGatewaySupervisor({
          shardIds: config.process.shardIds,
          shardCount: config.process.shardCount,
          leases: config.leases,
          leaseMs: config.process.gatewayLeaseMs,
          makeBot,
          ingest: config.ingest,
          ...(config.commands === undefined ? {} : { commands: config.commands }),
          catchUp: async (bot, shard) => {
            if (!backfillOn || bot.backfill === undefined) return;
            const report = await bot.backfill(config.backfill.plan, config.ingest);
            logger.info('discord: read what was written while the gateway was not connected', { shardId: shard.id, ...report });
          },
          logger,
        });
        await gateway.start();
      }
      if (roles.has('worker')) {
        await config.worker.start();
        await config.jobs?.start();
        // Tier roles are read from Discord member by member: in the background, never holding up the start.
        config.recognition?.reconcile().catch((error: unknown) => logger.error('reconciling ambassador tier roles failed', { error }));
        // Deliveries accepted before a crash or a lost Redis are re-queued (drain jobs are deduplicated per stream).
        const resumed = await config.worker.sweep();
        if (resumed > 0) logger.info('resumed pending deliveries', { conversations: resumed });
      }
      logger.info('roles started', { roles: [...roles], gatewayShards: gateway?.held() ?? [] });
    },

    async stop() {
      for (const start of starts) start.cancel();
      await gateway?.stop();
      for (const bot of started) await bot.stop().catch((error: unknown) => logger.warn('stopping a bot failed', { platform: bot.platform, error }));
    },

    health() {
      const checks: Record<string, BotHealth> = {};
      for (const bot of bots.all) {
        if (bot.platform === 'discord') checks[bot.platform] = gateway?.health() ?? bot.health();
        else checks[bot.platform] = ingress ? bot.health() : { ok: true, detail: 'delivery only; its ingress runs in another process' };
      }
      return checks;
    },
  };
}
