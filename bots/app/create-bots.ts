import type { Env, EnvRead } from '../../config/env-read.ts';
import type { Platform } from '../../core/domain/types.ts';
import type { CustomerDelivery, EmployeeDelivery } from '../../core/ports/delivery.ts';
import type { Deliveries } from '../../core/outbox/index.ts';
import type { Bot } from '../../core/ports/bot.ts';
import type { Logger } from '../../core/ports/logger.ts';
import { readDiscordEnv } from '../discord/config.ts';
import { readSlackEnv } from '../slack/config.ts';
import { readTeamsEnv } from '../teams/config.ts';
import { renewableBot } from './start-bot.ts';

/** The bots whose credentials are present, and the platforms left out with the variables they need. */
export interface BotSet {
  all: Bot[];
  deliveries: Deliveries;
  unconfigured: Record<string, string[]>;
  /**
   * Makes a Discord bot that holds the gateway of one shard. The Discord bot in `all` only
   * delivers (REST), so any process can deliver while one process per shard holds the gateway.
   */
  discordGateway?: (shard: { id: number; count: number }, onNewSession: () => void) => Bot;
}

/** What every bot gets besides its own credentials. */
export interface BotSetConfig {
  /** Read live by the Discord bot: a network reload updates it in place. */
  watchedChannelIds: string[] | ReadonlySet<string>;
  /** The Discord servers of the network file, where `/heimo` is registered (HEIMO_REGISTER_COMMANDS). */
  commandGuildIds?: () => readonly string[];
  logger: Logger;
}

/**
 * Reads every platform's settings (a half-configured platform throws, naming the variable) and
 * creates its bot; each can be started again after a failed start (see renewableBot). A platform's
 * SDK is loaded only when that platform is configured: discord.js, Bolt and botbuilder take seconds
 * and tens of MB to load.
 */
export async function createBots(env: Env, config: BotSetConfig): Promise<BotSet> {
  const set: BotSet = { all: [], deliveries: {}, unconfigured: {} };
  const logger = (platform: Platform): Logger => config.logger.child({ platform });
  // Every platform's settings are read before any SDK loads, so a configuration error comes first and fast.
  const reads = { discord: readDiscordEnv(env), slack: readSlackEnv(env), teams: readTeamsEnv(env) };
  // Each platform: make its bot (renewable, so a failed start can retry).
  const add = <T, D extends CustomerDelivery | EmployeeDelivery>(platform: Platform, read: EnvRead<T>, make: (settings: T) => Bot<D>, deliver: (delivery: D) => void): void => {
    if (read.status === 'absent') {
      set.unconfigured[platform] = read.missing;
      return;
    }
    const bot = renewableBot(() => make(read.config));
    set.all.push(bot);
    deliver(bot.delivery);
  };
  const configured = (read: EnvRead<unknown>): boolean => read.status !== 'absent';
  const [discord, slack, teams] = await Promise.all([
    configured(reads.discord) ? import('../discord/create-discord-bot.ts') : null,
    configured(reads.slack) ? import('../slack/create-slack-bot.ts') : null,
    configured(reads.teams) ? import('../teams/create-teams-bot.ts') : null,
  ]);
  add('discord', reads.discord, (settings) => discord!.createDiscordBot({ ...settings, gateway: false, watchedChannelIds: config.watchedChannelIds, logger: logger('discord') }), (delivery) => {
    set.deliveries.discord = delivery;
  });
  const discordRead = reads.discord;
  if (discordRead.status === 'configured') {
    set.discordGateway = (shard, onNewSession) =>
      discord!.createDiscordBot({ ...discordRead.config, shard, onNewSession, watchedChannelIds: config.watchedChannelIds, ...(config.commandGuildIds ? { commandGuildIds: config.commandGuildIds } : {}), logger: logger('discord').child({ shardId: shard.id }) });
  }
  add('slack', reads.slack, (settings) => slack!.createSlackBot({ ...settings, logger: logger('slack') }), (delivery) => {
    set.deliveries.slack = delivery;
  });
  add('teams', reads.teams, (settings) => teams!.createTeamsBot({ ...settings, logger: logger('teams') }), (delivery) => {
    set.deliveries.teams = delivery;
  });
  return set;
}
