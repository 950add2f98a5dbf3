import type { Env, EnvRead } from '../../config/env-read.ts';
import type { Platform } from '../../core/domain/types.ts';
import type { CustomerDelivery, EmployeeDelivery } from '../../core/ports/delivery.ts';
import type { Deliveries } from '../../core/outbox/execute-delivery.ts';
import type { Bot } from '../../core/ports/bot.ts';
import type { Logger } from '../../core/ports/logger.ts';
import { readDiscordEnv } from '../discord/config.ts';
import { createDiscordBot } from '../discord/create-discord-bot.ts';
import { readSlackEnv } from '../slack/config.ts';
import { createSlackBot } from '../slack/create-slack-bot.ts';
import { readTeamsEnv } from '../teams/config.ts';
import { createTeamsBot } from '../teams/create-teams-bot.ts';
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
  watchedChannelIds: string[];
  logger: Logger;
}

/**
 * Reads every platform's settings (a half-configured platform throws, naming the variable) and
 * creates its bot; each can be started again after a failed start (see renewableBot).
 */
export function createBots(env: Env, config: BotSetConfig): BotSet {
  const set: BotSet = { all: [], deliveries: {}, unconfigured: {} };
  const logger = (platform: Platform): Logger => config.logger.child({ platform });
  // Each platform: read its settings, then make its bot (renewable, so a failed start can retry).
  const add = <T, D extends CustomerDelivery | EmployeeDelivery>(platform: Platform, read: EnvRead<T>, make: (settings: T) => Bot<D>, deliver: (delivery: D) => void): void => {
    if (read.status === 'absent') {
      set.unconfigured[platform] = read.missing;
      return;
    }
    const bot = renewableBot(() => make(read.config));
    set.all.push(bot);
    deliver(bot.delivery);
  };
  const discord = readDiscordEnv(env);
  add('discord', discord, (settings) => createDiscordBot({ ...settings, gateway: false, watchedChannelIds: config.watchedChannelIds, logger: logger('discord') }), (delivery) => {
    set.deliveries.discord = delivery;
  });
  if (discord.status === 'configured') {
    set.discordGateway = (shard, onNewSession) =>
      createDiscordBot({ ...discord.config, shard, onNewSession, watchedChannelIds: config.watchedChannelIds, logger: logger('discord').child({ shardId: shard.id }) });
  }
  add('slack', readSlackEnv(env), (settings) => createSlackBot({ ...settings, logger: logger('slack') }), (delivery) => {
    set.deliveries.slack = delivery;
  });
  add('teams', readTeamsEnv(env), (settings) => createTeamsBot({ ...settings, logger: logger('teams') }), (delivery) => {
    set.deliveries.teams = delivery;
  });
  return set;
}
