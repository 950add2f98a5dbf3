import { readAppEnv } from '../../config/app-env.ts';
import { optional, type Env } from '../../config/env-read.ts';
import { loadNetwork } from '../../config/load-network.ts';
import { COMMAND_GROUPS, COMMANDS } from '../../core/commands/index.ts';
import { ConfigError, HeimoError } from '../../core/errors.ts';
import { translator } from '../../core/i18n/index.ts';
import { readDiscordEnv } from '../discord/config.ts';
import { discordApplicationId } from '../discord/invite.ts';
import { registerWithToken } from '../discord/register-commands.ts';
import type { Print } from './setup-commands.ts';

/**
 * `heimo discord register-commands`: registers `/heimo` and the message actions in every guild of
 * the network file (a bulk overwrite per guild: running it again changes nothing).
 */
export async function registerDiscordCommands(env: Env, args: string[], print: Print): Promise<number> {
  if (args[0] !== undefined) throw new HeimoError('BAD_INPUT', `unknown option "${args[0]}" (usage: heimo discord register-commands)`);
  const discord = readDiscordEnv(env);
  if (discord.status === 'absent') throw new ConfigError('CONFIG_MISSING', 'DISCORD_TOKEN', 'set DISCORD_TOKEN to register the Discord commands');
  const app = readAppEnv(env);
  if (app.networkPath === null) throw new ConfigError('CONFIG_MISSING', 'HEIMO_CONFIG', 'set HEIMO_CONFIG: the commands are registered in the Discord servers of the network file');
  const network = await loadNetwork(app.networkPath);
  const guildIds = [...new Set(network.communities.map((community) => community.discordGuildId))];
  const { token, apiUrl } = discord.config;
  const given = optional(env, 'DISCORD_APPLICATION_ID');
  const applicationId = await discordApplicationId({ apiUrl, token, ...(given === undefined ? {} : { applicationId: given }) });
  const commands = { definitions: COMMANDS, groups: COMMAND_GROUPS, text: (key: Parameters<ReturnType<typeof translator>>[0], locale?: string) => translator(locale)(key) };
  const reports = await registerWithToken({ apiUrl, token, applicationId, guildIds, commands });
  for (const report of reports) print(`registered ${report.registered} commands in guild ${report.guildId}`);
  if (reports.length === 0) print('the network file names no Discord server: nothing registered');
  return 0;
}
