import { describe, expect, it } from 'vitest';
import { readDiscordEnv } from '../../../bots/discord/config.ts';
import { ConfigError } from '../../../core/errors.ts';

describe('readDiscordEnv', () => {
  it('should report Discord as absent when DISCORD_TOKEN is not set', () => {
    expect(readDiscordEnv({ DISCORD_API_URL: 'http://127.0.0.1:1/api' })).toEqual({ status: 'absent', missing: ['DISCORD_TOKEN'] });
  });

  it('should default the API URL to discord.com when only the token is set', () => {
    expect(readDiscordEnv({ DISCORD_TOKEN: ' abc ' })).toEqual({ status: 'configured', config: { token: 'abc', apiUrl: 'https://discord.com/api', registerCommands: false } });
  });

  it('should register commands at start when HEIMO_REGISTER_COMMANDS is true', () => {
    expect(readDiscordEnv({ DISCORD_TOKEN: 'abc', HEIMO_REGISTER_COMMANDS: 'true' })).toMatchObject({ status: 'configured', config: { registerCommands: true } });
    expect(() => readDiscordEnv({ DISCORD_TOKEN: 'abc', HEIMO_REGISTER_COMMANDS: 'sometimes' })).toThrow(/HEIMO_REGISTER_COMMANDS/);
  });

  it('should name DISCORD_API_URL when it is not a URL', () => {
    expect(() => readDiscordEnv({ DISCORD_TOKEN: 'abc', DISCORD_API_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => readDiscordEnv({ DISCORD_TOKEN: 'abc', DISCORD_API_URL: 'not a url' })).toThrow(/DISCORD_API_URL/);
  });
});
