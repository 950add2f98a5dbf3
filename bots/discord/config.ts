import { credentialGroup, required, url, type Env, type EnvRead } from '../../config/env-read.ts';
import type { Logger } from '../../core/ports/logger.ts';

/** Everything the Discord bot needs to run. */
export interface DiscordBotConfig {
  token: string;
  /** REST base without the version, e.g. https://discord.com/api; tests point it at a local fake. */
  apiUrl: string;
  /** help and forum channels Heimo watches */
  watchedChannelIds: string[];
  logger: Logger;
  /** Name of the channel webhooks Heimo posts through; 'Heimo' unless set. */
  webhookName?: string;
  /** How long start() waits for the gateway to become ready; 60 s unless set. */
  readyTimeoutMs?: number;
  /**
   * False: a REST-only bot (delivery from a process that does not hold the gateway); start() only
   * checks the token and learns the bot's id. True unless set.
   */
  gateway?: boolean;
  /** The gateway shard this bot connects as (discord.js sharding); the only shard unless set. */
  shard?: { id: number; count: number };
  /** Called when the gateway opened a new session (IDENTIFY, not RESUME): events may have been missed. */
  onNewSession?: () => void;
}

/** Reads DISCORD_TOKEN (absent means no Discord bot) and DISCORD_API_URL (default https://discord.com/api). */
export function readDiscordEnv(env: Env): EnvRead<{ token: string; apiUrl: string }> {
  return credentialGroup(env, ['DISCORD_TOKEN'], () => ({
    token: required(env, 'DISCORD_TOKEN'),
    apiUrl: url(env, 'DISCORD_API_URL', 'https://discord.com/api'),
  }));
}
