import type { Env } from '../../config/env-read.ts';
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
  const discord = readDiscordEnv(env);
  if (discord.status === 'configured') {
    const bot = renewableBot(() => createDiscordBot({ ...discord.config, watchedChannelIds: config.watchedChannelIds, logger: config.logger.child({ platform: 'discord' }) }));
    set.all.push(bot);
    set.deliveries.discord = bot.delivery;
  } else set.unconfigured.discord = discord.missing;

  const slack = readSlackEnv(env);
  if (slack.status === 'configured') {
    const bot = renewableBot(() => createSlackBot({ ...slack.config, logger: config.logger.child({ platform: 'slack' }) }));
    set.all.push(bot);
    set.deliveries.slack = bot.delivery;
  } else set.unconfigured.slack = slack.missing;

  const teams = readTeamsEnv(env);
  if (teams.status === 'configured') {
    const bot = renewableBot(() => createTeamsBot({ ...teams.config, logger: config.logger.child({ platform: 'teams' }) }));
    set.all.push(bot);
    set.deliveries.teams = bot.delivery;
  } else set.unconfigured.teams = teams.missing;
  return set;
}
