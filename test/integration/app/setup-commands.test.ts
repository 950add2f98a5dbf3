import { readFile } from 'node:fs/promises';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printDiscordInvite, printSlackManifest } from '../../../bots/app/setup-commands.ts';
import { DISCORD_PERMISSION_BITS, DISCORD_PERMISSIONS } from '../../../bots/discord/invite.ts';
import { SLACK_BOT_EVENTS, SLACK_BOT_SCOPES, type SlackAppManifest } from '../../../bots/slack/app-manifest.ts';
import { createFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';
import { HEIMO_INVITE_PERMISSIONS } from '../../fakes/discord/state.ts';
import { HEIMO_SLACK_SCOPES } from '../../fakes/slack/fake-slack.ts';

const manifestOf = async (env: Record<string, string>, args: string[] = []): Promise<SlackAppManifest> => {
  const lines: string[] = [];
  expect(await printSlackManifest(env, args, (line) => lines.push(line))).toBe(0);
  return JSON.parse(lines.join('\n')) as SlackAppManifest;
};

// The backticked items of the README line that starts the Slack bot scope list (step 1 of "### Slack").
const readmeList = async (heading: string, marker: RegExp): Promise<string[]> => {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf(heading));
  const paragraph = section.slice(section.search(marker)).split(/\n\d+\. /)[0] ?? '';
  return [...paragraph.matchAll(/`([a-z_.:]+)`/g)].map((match) => match[1] ?? '');
};

describe('heimo slack manifest', () => {
  it('should list every scope and bot event with the request urls when a public url is given', async () => {
    const manifest = await manifestOf({}, ['--url', 'https://heimo.example.com/']);

    expect(manifest.oauth_config.scopes.bot).toEqual(Object.keys(SLACK_BOT_SCOPES));
    expect(manifest.settings.event_subscriptions).toEqual({ request_url: 'https://heimo.example.com/slack/events', bot_events: [...SLACK_BOT_EVENTS] });
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://heimo.example.com/slack/interactions' });
    expect(manifest.features.slash_commands).toMatchObject([{ command: '/heimo', url: 'https://heimo.example.com/slack/commands', should_escape: true }]);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('should take the address from HEIMO_PUBLIC_URL when no --url is given', async () => {
    const manifest = await manifestOf({ HEIMO_PUBLIC_URL: 'https://relay.acme.test' });

    expect(manifest.settings.event_subscriptions.request_url).toBe('https://relay.acme.test/slack/events');
  });

  it('should turn Socket Mode on without request urls when SLACK_APP_TOKEN is set or --socket-mode is given', async () => {
    for (const manifest of [await manifestOf({ SLACK_APP_TOKEN: 'xapp-1-A-1-x' }), await manifestOf({}, ['--socket-mode'])]) {
      expect(manifest.settings.socket_mode_enabled).toBe(true);
      expect(manifest.settings.event_subscriptions).toEqual({ bot_events: [...SLACK_BOT_EVENTS] });
      expect(manifest.settings.interactivity).toEqual({ is_enabled: true });
    }
  });

  it('should name HEIMO_PUBLIC_URL when there is neither a url nor Socket Mode', async () => {
    await expect(printSlackManifest({}, [], () => undefined)).rejects.toMatchObject({ code: 'CONFIG_MISSING', variable: 'HEIMO_PUBLIC_URL' });
  });

  it('should refuse a plain http address when Slack could not call it', async () => {
    await expect(printSlackManifest({}, ['--url', 'http://heimo.example.com'], () => undefined)).rejects.toMatchObject({ code: 'CONFIG_INVALID', variable: '--url' });
  });

  it('should ask for exactly the scopes README lists when both are read', async () => {
    const listed = await readmeList('### Slack', /add the bot scopes/);

    expect(listed.length).toBeGreaterThan(0);
    expect([...listed].sort()).toEqual(Object.keys(SLACK_BOT_SCOPES).sort());
    // The Slack fake's default token carries what the manifest asks for.
    expect([...HEIMO_SLACK_SCOPES].sort()).toEqual(Object.keys(SLACK_BOT_SCOPES).sort());
  });

  it('should subscribe to exactly the bot events README lists when both are read', async () => {
    const listed = await readmeList('### Slack', /bot events/);

    expect([...listed].sort()).toEqual([...SLACK_BOT_EVENTS].sort());
  });
});

describe('heimo discord invite', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = createFakeDiscord();
    await fake.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  const invite = async (env: Record<string, string>): Promise<URL> => {
    const lines: string[] = [];
    expect(await printDiscordInvite(env, [], (line) => lines.push(line))).toBe(0);
    return new URL(lines[0] ?? '');
  };

  it('should ask for the ten permissions as one integer with the bot and commands scopes when the application id is set', async () => {
    const url = await invite({ DISCORD_APPLICATION_ID: '123456789012345678' });

    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('123456789012345678');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    const expected = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.SendMessagesInThreads | PermissionFlagsBits.CreatePublicThreads
      | PermissionFlagsBits.ReadMessageHistory | PermissionFlagsBits.ManageWebhooks | PermissionFlagsBits.AttachFiles | PermissionFlagsBits.AddReactions
      | PermissionFlagsBits.ManageThreads | PermissionFlagsBits.ManageRoles;
    expect(url.searchParams.get('permissions')).toBe(expected.toString());
    expect(url.searchParams.get('permissions')).toBe('327222922304');
    // Manage Channels could delete the channel: creating a missing status tag is left to moderators without it.
    expect(DISCORD_PERMISSION_BITS & PermissionFlagsBits.ManageChannels).toBe(0n);
    expect(Object.keys(DISCORD_PERMISSIONS)).toHaveLength(10);
    // The Discord fake's bot role holds what the invite grants.
    expect(HEIMO_INVITE_PERMISSIONS).toBe(expected.toString());
  });

  it('should ask Discord for the application id with the bot token when DISCORD_APPLICATION_ID is unset', async () => {
    const url = await invite({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });

    expect(url.searchParams.get('client_id')).toBe(fake.world.applicationId);
    expect(fake.requests.some((request) => request.path === '/oauth2/applications/@me' && request.authorized)).toBe(true);
  });

  it('should name DISCORD_TOKEN when Discord refuses the token', async () => {
    await expect(printDiscordInvite({ DISCORD_TOKEN: 'wrong', DISCORD_API_URL: fake.apiUrl }, [], () => undefined)).rejects.toMatchObject({ variable: 'DISCORD_TOKEN' });
  });

  it('should name DISCORD_APPLICATION_ID when neither it nor a token is set', async () => {
    await expect(printDiscordInvite({}, [], () => undefined)).rejects.toMatchObject({ code: 'CONFIG_MISSING', variable: 'DISCORD_APPLICATION_ID' });
  });

  it('should name DISCORD_APPLICATION_ID when it is not a Discord id', async () => {
    await expect(printDiscordInvite({ DISCORD_APPLICATION_ID: 'my-app' }, [], () => undefined)).rejects.toMatchObject({ code: 'CONFIG_INVALID', variable: 'DISCORD_APPLICATION_ID' });
  });
});
