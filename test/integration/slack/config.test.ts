import { describe, expect, it } from 'vitest';
import { readSlackEnv } from '../../../bots/slack/config.ts';
import { ConfigError } from '../../../core/errors.ts';

describe('readSlackEnv', () => {
  it('should report Slack absent when no Slack variable is set', () => {
    expect(readSlackEnv({})).toEqual({ status: 'absent', missing: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'] });
  });

  it('should read the credentials with the public API URL when only they are set', () => {
    expect(readSlackEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toEqual({
      status: 'configured',
      config: { botToken: 'xoxb-1', signingSecret: 's', apiUrl: 'https://slack.com/api/' },
    });
  });

  it('should read the optional ids and a local API URL when they are set', () => {
    const read = readSlackEnv({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      SLACK_BOT_USER_ID: 'U1',
      SLACK_BOT_ID: 'B1',
    });
    expect(read).toEqual({ status: 'configured', config: { botToken: 'xoxb-1', signingSecret: 's', apiUrl: 'http://127.0.0.1:9999/api/', botUserId: 'U1', botId: 'B1' } });
  });

  it('should name the missing variable when only the token is set', () => {
    expect(() => readSlackEnv({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(ConfigError);
    expect(() => readSlackEnv({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('should choose Socket Mode without a signing secret when SLACK_APP_TOKEN is set', () => {
    expect(readSlackEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' })).toEqual({
      status: 'configured',
      config: { botToken: 'xoxb-1', appToken: 'xapp-1-A1-2-abc', apiUrl: 'https://slack.com/api/' },
    });
  });

  it('should choose Socket Mode and drop the signing secret when both it and SLACK_APP_TOKEN are set', () => {
    const read = readSlackEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc', SLACK_SIGNING_SECRET: 's' });
    expect(read).toEqual({ status: 'configured', config: { botToken: 'xoxb-1', appToken: 'xapp-1-A1-2-abc', apiUrl: 'https://slack.com/api/' } });
  });

  it('should name SLACK_APP_TOKEN without echoing it when it is not an app-level token', () => {
    const read = () => readSlackEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-pasted-here' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/^SLACK_APP_TOKEN must be an app-level token \(starting with xapp-\)/);
    expect(read).not.toThrow(/xoxb-pasted-here/);
  });

  it('should name SLACK_BOT_TOKEN when only SLACK_APP_TOKEN is set', () => {
    expect(() => readSlackEnv({ SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' })).toThrow(/^SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN is set/);
  });

  it('should name SLACK_BOT_TOKEN when it holds the app-level token', () => {
    expect(() => readSlackEnv({ SLACK_BOT_TOKEN: 'xapp-1-A1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' })).toThrow(/^SLACK_BOT_TOKEN must be the bot token/);
  });

  it('should still require SLACK_SIGNING_SECRET when SLACK_APP_TOKEN is not set', () => {
    expect(() => readSlackEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: ' ' })).toThrow(/^SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set/);
  });

  it('should name SLACK_API_URL when it is not a URL', () => {
    expect(() => readSlackEnv({ SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'not a url' })).toThrow(/SLACK_API_URL/);
  });
});
