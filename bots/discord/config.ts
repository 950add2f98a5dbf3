import { credentialGroup, type Env, type EnvRead } from '../../config/env-read.ts';
import { documented, readEnv, text, trueOrFalse, urlValue } from '../../config/env-schema.ts';
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
  /** True: start() registers the commands it is given in every guild (HEIMO_REGISTER_COMMANDS). */
  registerCommands?: boolean;
  /** The guilds to register commands in (the network file's); the guilds the gateway sees unless set. */
  commandGuildIds?: () => readonly string[];
  /** How long an interaction's command may run before its answer is deferred; 1.5 s unless set. */
  deferAfterMs?: number;
}

/** Discord's variables: one line each, with README's description and default. */
export const DISCORD_ENV = {
  DISCORD_TOKEN: documented(text(), 'Discord bot token'),
  DISCORD_API_URL: documented(urlValue().default('https://discord.com/api'), 'Discord REST base; the gateway URL is discovered through it'),
  DISCORD_APPLICATION_ID: documented(text().optional(), 'for `heimo discord invite` and `heimo discord register-commands`: the application id', { default: 'asked from Discord with `DISCORD_TOKEN`' }),
  HEIMO_REGISTER_COMMANDS: documented(trueOrFalse().default(false), 'true: register the `/heimo` and "Mark as solution" commands in every guild of the network file at start (a bulk overwrite; `heimo discord register-commands` does it once)'),
};

/** Reads DISCORD_TOKEN (absent means no Discord bot), DISCORD_API_URL (default https://discord.com/api) and HEIMO_REGISTER_COMMANDS. */
export function readDiscordEnv(env: Env): EnvRead<{ token: string; apiUrl: string; registerCommands: boolean }> {
  return credentialGroup(env, ['DISCORD_TOKEN'], () => {
    const read = readEnv(DISCORD_ENV, env);
    return { token: read.DISCORD_TOKEN, apiUrl: read.DISCORD_API_URL, registerCommands: read.HEIMO_REGISTER_COMMANDS };
  });
}
