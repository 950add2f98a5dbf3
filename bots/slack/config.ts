import { credentialGroup, type Env, type EnvRead, optional, url } from '../../config/env-read.ts';
import { ConfigError } from '../../core/errors.ts';
import type { Logger } from '../../core/ports/logger.ts';

/** Slack settings read from the environment (no logger yet: start-up adds it). */
export interface SlackEnvConfig {
  botToken: string;
  /** Verifies Events API posts; required unless `appToken` is set. */
  signingSecret?: string;
  /** An app-level token (`xapp-`): when set, events arrive over Socket Mode instead of HTTP. */
  appToken?: string;
  apiUrl: string;
  botUserId?: string;
  botId?: string;
}

/** Everything createSlackBot needs. */
export interface SlackBotConfig extends SlackEnvConfig {
  logger: Logger;
  /** Socket Mode: the first wait before reconnecting a dropped socket; it doubles up to 30 s (1 s; tests shorten it). */
  socketReconnectDelayMs?: number;
}

/**
 * Reads SLACK_BOT_TOKEN with either SLACK_SIGNING_SECRET (HTTP Events API) or SLACK_APP_TOKEN
 * (Socket Mode, no public URL needed), SLACK_API_URL (a local stand-in in tests), and the
 * optional SLACK_BOT_USER_ID / SLACK_BOT_ID. None of them set means Slack is absent.
 */
export function readSlackEnv(env: Env): EnvRead<SlackEnvConfig> {
  const appToken = optional(env, 'SLACK_APP_TOKEN');
  const group = appToken === undefined ? ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'] : ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'];
  return credentialGroup(env, group, () => {
    // Never echo the value: a token pasted into the wrong variable is still a secret.
    if (appToken !== undefined && !appToken.startsWith('xapp-')) {
      throw new ConfigError('CONFIG_INVALID', 'SLACK_APP_TOKEN', 'SLACK_APP_TOKEN must be an app-level token (starting with xapp-) with the connections:write scope');
    }
    const botToken = optional(env, 'SLACK_BOT_TOKEN') ?? '';
    if (botToken.startsWith('xapp-')) {
      throw new ConfigError('CONFIG_INVALID', 'SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN must be the bot token (xoxb-); the app-level token (xapp-) belongs in SLACK_APP_TOKEN');
    }
    const signingSecret = optional(env, 'SLACK_SIGNING_SECRET');
    const botUserId = optional(env, 'SLACK_BOT_USER_ID');
    const botId = optional(env, 'SLACK_BOT_ID');
    return {
      botToken,
      // In Socket Mode nothing is posted to Heimo, so a signing secret set alongside goes unused.
      ...(appToken === undefined ? { signingSecret: signingSecret ?? '' } : { appToken }),
      // WebClient joins method names straight onto this base, so it must end with a slash.
      apiUrl: `${url(env, 'SLACK_API_URL', 'https://slack.com/api/')}/`,
      ...(botUserId === undefined ? {} : { botUserId }),
      ...(botId === undefined ? {} : { botId }),
    };
  });
}
