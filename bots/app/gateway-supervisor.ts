import type { InboundHandler } from '../../core/domain/events.ts';
import type { Bot, BotHealth } from '../../core/ports/bot.ts';
import type { Lease, LeaseFactory } from '../../core/ports/lease.ts';
import type { Logger } from '../../core/ports/logger.ts';
import type { CommandPort } from '../../core/ports/commands.ts';
import { renewableBot, startBot, type BotStart } from './start-bot.ts';

/** A discord.js shard: its id and the total count. */
export interface ShardRef {
  id: number;
  count: number;
}

/** What holding the Discord gateway takes. */
export interface GatewaySupervisorConfig {
  shardIds: number[];
  shardCount: number;
  leases: LeaseFactory;
  /** How long a lease outlives its holder; renewed every third of it, tried by standbys as often. */
  leaseMs: number;
  /** Makes a gateway bot for one shard; `onNewSession` must be called on every IDENTIFY. */
  makeBot: (shard: ShardRef, onNewSession: () => void) => Bot;
  ingest: InboundHandler;
  /** Commands the gateway's bots hand over (absent: they offer none). */
  commands?: CommandPort;
  /** Reads what the shard's gateway missed; runs after every new session while live events wait. */
  catchUp: (bot: Bot, shard: ShardRef) => Promise<void>;
  logger: Logger;
}

/** The gateway part of a process: shards it holds, or stands by for. */
export interface GatewaySupervisor {
  /** Tries every shard once (a held one is connected before this resolves), then keeps trying. */
  start(): Promise<void>;
  /** Disconnects and hands every lease back, so another process takes over at once. */
  stop(): Promise<void>;
  /** Shard ids this process holds now. */
  held(): number[];
  health(): BotHealth;
}

interface Holder {
  lease: Lease;
  bot: Bot;
  started: BotStart;
  renewedAt: number;
  /** Live events wait for this: the catch-up after the latest new session. */
  gate: Promise<void>;
}

/**
 * Holds the Discord gateway of each shard in at most one process at a time: a process connects a
 * shard only while it holds that shard's lease, renews it every third of its lifetime, and
 * disconnects as soon as a renewal fails or is overdue (before the lease can expire and another
 * process connect). Standbys try to take free leases just as often, so a holder that died is
 * replaced within about 1.3 lease lifetimes.
 */
export function createGatewaySupervisor(config: GatewaySupervisorConfig): GatewaySupervisor {
  const { logger } = config;
  const holders = new Map<number, Holder>();
  const leases = new Map(config.shardIds.map((id) => [id, config.leases.lease(`discord-gateway:${id}/${config.shardCount}`, config.leaseMs)]));
  const period = Math.max(250, Math.floor(config.leaseMs / 3));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let ticking: Promise<void> = Promise.resolve();

  const take = async (id: number, lease: Lease): Promise<void> => {
    const shard = { id, count: config.shardCount };
    const holder = { lease, renewedAt: Date.now(), gate: Promise.resolve() } as Holder;
    const onNewSession = (): void => {
      holder.gate = holder.gate
        .then(() => config.catchUp(holder.bot, shard))
        .catch((error: unknown) => logger.error('discord: catching up after a new gateway session failed', { shardId: id, error }));
    };
    holder.bot = renewableBot(() => config.makeBot(shard, onNewSession));
    const gated: InboundHandler = async (event) => {
      await holder.gate;
      return config.ingest(event);
    };
    holders.set(id, holder);
    logger.info('discord: took the gateway lease', { shardId: id, shardCount: config.shardCount, lease: config.leases.kind });
    try {
      holder.started = await startBot(holder.bot, gated, logger, config.commands === undefined ? {} : { commands: config.commands });
    } catch (error) {
      holders.delete(id);
      await lease.release().catch(() => undefined);
      throw error;
    }
  };

  const drop = async (id: number, why: string): Promise<void> => {
    const holder = holders.get(id);
    if (holder === undefined) return;
    holders.delete(id);
    holder.started?.cancel();
    await holder.bot.stop().catch((error: unknown) => logger.warn('discord: stopping the gateway failed', { shardId: id, error }));
    await holder.lease.release().catch(() => undefined);
    logger.warn(`discord: gave up the gateway (${why})`, { shardId: id });
  };

  const tickShard = async (id: number, lease: Lease): Promise<void> => {
    const holder = holders.get(id);
    if (holder !== undefined) {
      const renewed = await lease.renew().catch(() => null);
      if (renewed === true) holder.renewedAt = Date.now();
      else if (renewed === false) await drop(id, 'the lease was lost');
      // Unreachable lease store: stop before the lease can run out and a standby connect too.
      else if (Date.now() - holder.renewedAt > (config.leaseMs * 2) / 3) await drop(id, 'the lease could not be renewed in time');
      return;
    }
    const taken = await lease.tryAcquire().catch((error: unknown) => {
      logger.debug('discord: gateway lease not reachable', { shardId: id, error });
      return false;
    });
    if (taken && !stopped) await take(id, lease);
  };

  const tick = async (): Promise<void> => {
    for (const [id, lease] of leases) {
      if (stopped) return;
      await tickShard(id, lease).catch((error: unknown) => logger.error('discord: could not take the gateway', { shardId: id, error }));
    }
  };

  return {
    start: async () => {
      for (const [id, lease] of leases) {
        if (await lease.tryAcquire().catch(() => false)) await take(id, lease);
      }
      if (holders.size === 0) logger.info('discord: standing by; the gateway is held by another process', { shards: config.shardIds });
      timer = setInterval(() => {
        ticking = ticking.then(tick);
      }, period);
      timer.unref();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await ticking;
      await Promise.all([...holders.keys()].map((id) => drop(id, 'stopping')));
    },
    held: () => [...holders.keys()].sort((a, b) => a - b),
    health: () => {
      const held = [...holders.entries()].sort(([a], [b]) => a - b);
      if (held.length === 0) return { ok: true, detail: 'standby: the gateway is held by another process' };
      const checks = held.map(([id, holder]) => ({ id, check: holder.bot.health() }));
      const only = checks.length === 1 && config.shardCount === 1 ? checks[0] : undefined;
      if (only !== undefined) return only.check;
      return { ok: checks.every(({ check }) => check.ok), detail: checks.map(({ id, check }) => `shard ${id}: ${check.detail}`).join('; ') };
    },
  };
}
