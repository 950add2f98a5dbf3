import { credentialGroup, type Env, type EnvRead, optional, url } from '../../config/env-read.ts';
import type { Logger } from '../../core/ports/logger.ts';

/** Slack settings read from the environment (no logger yet: start-up adds it). */
export interface SlackEnvConfig {
  botToken: string;
  signingSecret: string;
  apiUrl: string;
  botUserId?: string;
  botId?: string;
}

/** Everything createSlackBot needs. */
export interface SlackBotConfig extends SlackEnvConfig {
  logger: Logger;
}

/**
 * Reads SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (both or neither), SLACK_API_URL (a local
 * stand-in in tests), and the optional SLACK_BOT_USER_ID / SLACK_BOT_ID.
 */
export function readSlackEnv(env: Env): EnvRead<SlackEnvConfig> {
  return credentialGroup(env, ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'], () => {
    const botUserId = optional(env, 'SLACK_BOT_USER_ID');
    const botId = optional(env, 'SLACK_BOT_ID');
    return {
      botToken: optional(env, 'SLACK_BOT_TOKEN') ?? '',
      signingSecret: optional(env, 'SLACK_SIGNING_SECRET') ?? '',
      // WebClient joins method names straight onto this base, so it must end with a slash.
      apiUrl: `${url(env, 'SLACK_API_URL', 'https://slack.com/api/')}/`,
      ...(botUserId === undefined ? {} : { botUserId }),
      ...(botId === undefined ? {} : { botId }),
    };
  });
}
