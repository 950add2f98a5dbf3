import { credentialGroup, type Env, type EnvRead, optional } from '../../config/env-read.ts';
import { documented, readEnv, text, urlValue } from '../../config/env-schema.ts';
import type { Logger } from '../../core/index.ts';

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

/** Slack's variables: one line each, with README's description and default. Token checks never echo a value. */
export const SLACK_ENV = {
  SLACK_BOT_TOKEN: documented(
    text().refine((token) => !token.startsWith('xapp-'), 'must be the bot token (xoxb-); the app-level token (xapp-) belongs in SLACK_APP_TOKEN'),
    'Slack bot token (`xoxb-…`)',
  ),
  SLACK_SIGNING_SECRET: documented(text().optional(), "Slack signing secret; every request's signature is verified (not needed with `SLACK_APP_TOKEN`)"),
  SLACK_APP_TOKEN: documented(
    text()
      .refine((token) => token.startsWith('xapp-'), 'must be an app-level token (starting with xapp-) with the connections:write scope')
      .optional(),
    'app-level token (`xapp-…`, scope `connections:write`): Slack events arrive over Socket Mode, an outgoing WebSocket, instead of posts to `/slack/events`',
  ),
  // WebClient joins method names straight onto this base, so the reader adds the trailing slash back.
  SLACK_API_URL: documented(urlValue().default('https://slack.com/api'), 'Slack Web API base', { default: '`https://slack.com/api/`' }),
  SLACK_BOT_USER_ID: documented(text().optional(), "the bot's own user id, for echo suppression", { default: 'asked from `auth.test`' }),
  SLACK_BOT_ID: documented(text().optional(), "the bot's own bot id, for echo suppression", { default: 'asked from `auth.test`' }),
};

/**
 * Reads SLACK_BOT_TOKEN with either SLACK_SIGNING_SECRET (HTTP Events API) or SLACK_APP_TOKEN
 * (Socket Mode, no public URL needed), SLACK_API_URL (a local stand-in in tests), and the
 * optional SLACK_BOT_USER_ID / SLACK_BOT_ID. None of them set means Slack is absent.
 */
export function readSlackEnv(env: Env): EnvRead<SlackEnvConfig> {
  const group = optional(env, 'SLACK_APP_TOKEN') === undefined ? ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'] : ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'];
  return credentialGroup(env, group, () => {
    const read = readEnv(SLACK_ENV, env);
    const { SLACK_APP_TOKEN: appToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_USER_ID: botUserId, SLACK_BOT_ID: botId } = read;
    return {
      botToken: read.SLACK_BOT_TOKEN,
      // In Socket Mode nothing is posted to Heimo, so a signing secret set alongside goes unused.
      ...(appToken === undefined ? { signingSecret: signingSecret ?? '' } : { appToken }),
      apiUrl: `${read.SLACK_API_URL}/`,
      ...(botUserId === undefined ? {} : { botUserId }),
      ...(botId === undefined ? {} : { botId }),
    };
  });
}
