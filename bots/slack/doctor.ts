import { webApi } from '@slack/bolt';
import { type DoctorCheck, fail, pass } from '../../core/index.ts';
import { SLACK_BOT_SCOPES } from './app-manifest.ts';
import type { SlackEnvConfig } from './config.ts';
import { AUTH_FAILURES, slackErrorCode } from './errors.ts';

/** What the Slack checks need: the credentials and the channels the network file routes to Slack. */
export interface SlackDoctorConfig {
  slack: SlackEnvConfig;
  channelIds: string[];
}

const REINSTALL = 'add it under OAuth & Permissions (or create the app from `heimo slack manifest`), then reinstall the app to the workspace';

// The reason a call failed, in words that hold no secret: Slack's error code or the network error.
const reason = (error: unknown): string => slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error));

/**
 * Checks Slack the way Heimo will use it: the bot token works (auth.test), it carries every scope
 * Heimo needs (the `x-oauth-scopes` header), the app-level token opens Socket Mode when set, and
 * the bot is a member of each routed channel (conversations.info).
 */
export async function diagnoseSlack(config: SlackDoctorConfig): Promise<DoctorCheck[]> {
  const options = { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 0 }, timeout: 15_000, logLevel: webApi.LogLevel.ERROR };
  const client = new webApi.WebClient(config.slack.botToken, options);
  const checks: DoctorCheck[] = [];
  let auth: webApi.AuthTestResponse;
  try {
    auth = await client.auth.test();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code !== undefined && AUTH_FAILURES.has(code)) {
      return [fail(`SLACK_BOT_TOKEN is refused (${code})`, 'copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions into SLACK_BOT_TOKEN')];
    }
    return [fail(`cannot reach Slack at ${config.slack.apiUrl} (${reason(error)})`, 'check SLACK_API_URL and the network path to Slack')];
  }
  if (auth.bot_id === undefined) return [fail('SLACK_BOT_TOKEN is not a bot token', 'use the Bot User OAuth Token (xoxb-…), not a user token')];
  checks.push(pass(`SLACK_BOT_TOKEN works (bot ${auth.user ?? auth.user_id ?? ''} in ${auth.team ?? auth.team_id ?? 'the workspace'})`));

  const granted = new Set(auth.response_metadata?.scopes ?? []);
  const missing = Object.keys(SLACK_BOT_SCOPES).filter((scope) => !granted.has(scope));
  if (auth.response_metadata?.scopes === undefined) checks.push(fail('Slack did not say which scopes the bot token has', 'check that SLACK_API_URL is Slack itself'));
  else if (missing.length === 0) checks.push(pass(`bot token has every scope Heimo needs (${Object.keys(SLACK_BOT_SCOPES).length})`));
  else checks.push(fail(`bot token lacks the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, REINSTALL));

  if (config.slack.appToken !== undefined) {
    try {
      await new webApi.WebClient(config.slack.appToken, options).apps.connections.open();
      checks.push(pass('SLACK_APP_TOKEN opens a Socket Mode connection'));
    } catch (error) {
      checks.push(fail(`SLACK_APP_TOKEN cannot open Socket Mode (${reason(error)})`, 'enable Socket Mode in the app settings and create an app-level token with connections:write (Basic Information → App-Level Tokens)'));
    }
  }

  for (const channel of config.channelIds) checks.push(await memberCheck(client, channel, auth.user ?? 'the bot'));
  return checks;
}

async function memberCheck(client: webApi.WebClient, channel: string, botName: string): Promise<DoctorCheck> {
  try {
    const info = await client.conversations.info({ channel });
    const name = info.channel?.name === undefined ? channel : `${channel} (#${info.channel.name})`;
    if (info.channel?.is_member === true) return pass(`bot is in channel ${name}`);
    return fail(`bot is not in channel ${name}`, `invite it: type /invite @${botName} in that channel`);
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'missing_scope') {
      const needed = (error as { data?: { needed?: unknown } }).data?.needed;
      return fail(`cannot look up channel ${channel}: the token lacks ${typeof needed === 'string' ? needed : 'channels:read / groups:read'}`, REINSTALL);
    }
    if (code === 'channel_not_found') {
      return fail(`channel ${channel} not found`, 'check its id in the network file; for a private channel, invite the bot first (/invite)');
    }
    return fail(`cannot look up channel ${channel} (${reason(error)})`, 'check SLACK_API_URL and the network path to Slack');
  }
}
