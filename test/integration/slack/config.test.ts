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

  it('should name SLACK_API_URL when it is not a URL', () => {
    expect(() => readSlackEnv({ SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'not a url' })).toThrow(/SLACK_API_URL/);
  });
});
