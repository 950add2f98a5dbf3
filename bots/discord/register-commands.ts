import { REST } from 'discord.js';
import type { CommandPort, Logger } from '../../core/index.ts';
import { createDiscordApi, type DiscordApi } from './api.ts';
import { buildApplicationCommands } from './command-payloads.ts';

/** What registering needs: the REST layer, the application, the guilds of the network file, the commands. */
export interface RegisterCommandsConfig {
  api: Pick<DiscordApi, 'putGuildCommands'>;
  applicationId: string;
  guildIds: readonly string[];
  commands: Pick<CommandPort, 'definitions' | 'groups' | 'text'>;
  logger?: Logger;
}

/** How many commands each guild now has. */
export interface RegisterReport {
  guildId: string;
  registered: number;
}

/**
 * Registers Heimo's commands in each guild with a bulk overwrite (PUT): guild commands apply at
 * once, and running it again with the same definitions changes nothing. Commands Heimo no longer
 * defines disappear with the overwrite. Stops at the first guild Discord refuses (the error names it).
 */
export async function registerGuildCommands(config: RegisterCommandsConfig): Promise<RegisterReport[]> {
  const body = buildApplicationCommands(config.commands);
  const reports: RegisterReport[] = [];
  for (const guildId of [...new Set(config.guildIds)]) {
    const saved = await config.api.putGuildCommands(config.applicationId, guildId, body);
    reports.push({ guildId, registered: Array.isArray(saved) ? saved.length : body.length });
    config.logger?.info('discord: commands registered', { guildId, commands: body.length });
  }
  return reports;
}

/** Registers with a bot token alone, outside a running bot (`heimo discord register-commands`). */
export function registerWithToken(config: Omit<RegisterCommandsConfig, 'api'> & { apiUrl: string; token: string }): Promise<RegisterReport[]> {
  const api = createDiscordApi(new REST({ api: config.apiUrl, retries: 0, timeout: 15_000 }).setToken(config.token));
  const { apiUrl: _apiUrl, token: _token, ...rest } = config;
  return registerGuildCommands({ ...rest, api });
}
