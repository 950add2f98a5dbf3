import { credentialGroup, type Env, type EnvRead } from '../../config/env-read.ts';
import { documented, readEnv, text, urlValue } from '../../config/env-schema.ts';
import type { Logger } from '../../core/index.ts';

/** Everything the Discord bot needs to run. */
export interface DiscordBotConfig {
  token: string;
  /** REST base without the version, e.g. https://discord.com/api; tests point it at a local fake. */
  apiUrl: string;
  /** help and forum channels Heimo watches; a Set is read live, so a network reload can change it */
  watchedChannelIds: string[] | ReadonlySet<string>;
  logger: Logger;
  /** Name of the channel webhooks Heimo posts through; 'Heimo' unless set. */
  webhookName?: string;
  /** How long start() waits for the gateway to become ready; 60 s unless set. */
  readyTimeoutMs?: number;
  /** How events the core could not store are held and retried (bound, waits); defaults suit production. */
  inboundRetry?: { maxHeld?: number; firstDelayMs?: number; maxDelayMs?: number };
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

/** Discord's variables: one line each, with README's description and default. */
export const DISCORD_ENV = {
  DISCORD_TOKEN: documented(text(), 'Discord bot token'),
  DISCORD_API_URL: documented(urlValue().default('https://discord.com/api'), 'Discord REST base; the gateway URL is discovered through it'),
  DISCORD_APPLICATION_ID: documented(text().optional(), 'only for `heimo discord invite`: the application id the invite URL names', { default: 'asked from Discord with `DISCORD_TOKEN`' }),
};

/** Reads DISCORD_TOKEN (absent means no Discord bot) and DISCORD_API_URL (default https://discord.com/api). */
export function readDiscordEnv(env: Env): EnvRead<{ token: string; apiUrl: string }> {
  return credentialGroup(env, ['DISCORD_TOKEN'], () => {
    const read = readEnv(DISCORD_ENV, env);
    return { token: read.DISCORD_TOKEN, apiUrl: read.DISCORD_API_URL };
  });
}
