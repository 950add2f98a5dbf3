import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../bots/app/cli.ts';
import { runDoctor } from '../../../bots/app/doctor-command.ts';
import type { Env } from '../../../config/env-read.ts';
import { createFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { createFakeTeamsIdentity, type FakeTeamsIdentity } from '../../fakes/teams/fake-identity.ts';

const SUPPORT = 'C0SUPPORT';
const PASSWORD = 'doctor-client-secret';
const TENANT = '11111111-2222-4333-8444-555555555555';
const APP_ID = randomUUID();
const MANAGE_WEBHOOKS = String(1n << 29n);

describe('heimo doctor against the platform fakes', () => {
  let identity: FakeTeamsIdentity;
  let caFile: string;
  let dir: string;
  let discord: FakeDiscord;
  let slack: FakeSlack;
  let env: Env;

  beforeAll(async () => {
    identity = await createFakeTeamsIdentity({ appId: APP_ID, appPassword: PASSWORD, tenantId: TENANT });
    dir = await mkdtemp(join(tmpdir(), 'heimo-doctor-'));
    caFile = join(dir, 'login-ca.pem');
    await writeFile(caFile, identity.ca);
  });
  afterAll(async () => {
    await identity.close();
  });
  beforeEach(async () => {
    discord = createFakeDiscord();
    await discord.start();
    slack = await createFakeSlack();
    const network = join(dir, `network-${randomUUID()}.json`);
    const routes = [
      { discordChannelId: discord.world.ids.help, destination: { platform: 'slack', channelId: SUPPORT } },
      { discordChannelId: discord.world.ids.forum, destination: { platform: 'teams', teamId: '19:team@thread.tacv2', channelId: '19:support@thread.tacv2' } },
    ];
    await writeFile(network, JSON.stringify({ communities: [{ id: 'acme', name: 'Acme', discordGuildId: discord.world.guildId, routes }] }));
    env = {
      HEIMO_CONFIG: network,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: 'doctor-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: PASSWORD,
      MICROSOFT_APP_TENANT_ID: TENANT,
      TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
      TEAMS_LOGIN_URL: identity.loginUrl,
      TEAMS_LOGIN_CA_FILE: caFile,
    };
  });
  afterEach(async () => {
    await discord.close();
    await slack.close();
  });

  const doctor = async (over: Env = {}): Promise<{ code: number; lines: string[]; failed: string[] }> => {
    const lines: string[] = [];
    const code = await runDoctor({ ...env, ...over }, [], (line) => lines.push(line));
    return { code, lines, failed: lines.filter((line) => line.startsWith('✗')) };
  };

  it('should pass every check and exit 0 when every platform is set up right', async () => {
    const { code, lines, failed } = await doctor();

    expect(failed).toEqual([]);
    expect(code).toBe(0);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^✓ discord: DISCORD_TOKEN works/),
      '✓ discord: Message Content intent is enabled',
      expect.stringMatching(new RegExp(`^✓ discord: bot can manage webhooks, create threads and post in channel ${discord.world.ids.help} \\(#help\\)`)),
      expect.stringMatching(new RegExp(`^✓ discord: bot can manage webhooks, answer in posts and post in channel ${discord.world.ids.forum}`)),
      expect.stringMatching(/^✓ slack: SLACK_BOT_TOKEN works/),
      '✓ slack: bot token has every scope Heimo needs (14)',
      `✓ slack: bot is in channel ${SUPPORT} (#channel-c0support)`,
      expect.stringMatching(/^✓ teams: MICROSOFT_APP_ID gets a token from https:\/\/127\.0\.0\.1/),
    ]));
    expect(lines.at(-1)).toBe('all checks passed');
    // Real calls were made: the scope header read from auth.test, membership from conversations.info.
    expect(slack.callsTo('conversations.info').map((call) => call.params['channel'])).toEqual([SUPPORT]);
    expect(identity.tokenRequests.some((request) => request.clientId === APP_ID && request.granted)).toBe(true);
  });

  it('should name the missing scope and how to add it when the Slack token lacks one', async () => {
    slack.setScopes(['chat:write', 'chat:write.customize', 'channels:history', 'groups:history', 'channels:read', 'groups:read', 'users:read', 'users:read.email', 'reactions:read', 'files:read', 'commands', 'im:write', 'usergroups:read']);

    const { code, failed } = await doctor();

    expect(code).toBe(1);
    expect(failed).toEqual([expect.stringMatching(/^✗ slack: bot token lacks the scope reactions:write → add it under OAuth & Permissions .*reinstall the app/)]);
  });

  it('should say which scope conversations.info needs when the token cannot read channels', async () => {
    slack.setScopes(['chat:write', 'channels:history']);

    const { failed } = await doctor();

    expect(failed).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^✗ slack: cannot look up channel ${SUPPORT}: the token lacks channels:read`))]));
  });

  it('should tell to invite the bot when it is not in a routed Slack channel, where Slack would refuse its cards', async () => {
    slack.setMember(SUPPORT, false);

    const { code, failed } = await doctor();

    expect(code).toBe(1);
    expect(failed).toEqual([`✗ slack: bot is not in channel ${SUPPORT} (#channel-c0support) → invite it: type /invite @heimo in that channel`]);
    // What the check spares: a card posted there now would be refused.
    const post = await fetch(`${slack.apiUrl}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${slack.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ channel: SUPPORT, text: 'card' }) });
    expect(await post.json()).toEqual({ ok: false, error: 'not_in_channel' });
  });

  it('should tell to enable the Message Content intent when the application has it off', async () => {
    discord.world.applicationFlags = 0;

    const { code, failed } = await doctor();

    expect(code).toBe(1);
    expect(failed).toEqual([expect.stringMatching(/^✗ discord: Message Content intent is off .*→ .*Privileged Gateway Intents → enable MESSAGE CONTENT INTENT$/)]);
  });

  it('should name the missing permission and the channel when an overwrite denies the bot Manage Webhooks', async () => {
    const help = discord.world.channels.get(discord.world.ids.help);
    help?.permission_overwrites.push({ id: discord.world.roles.heimo.id, type: 0, allow: '0', deny: MANAGE_WEBHOOKS });

    const { code, failed } = await doctor();

    expect(code).toBe(1);
    expect(failed).toEqual([expect.stringMatching(new RegExp(`^✗ discord: bot lacks Manage Webhooks in channel ${discord.world.ids.help} \\(#help\\) .*→ .*heimo discord invite`))]);
  });

  it('should name every permission the bot role lacks when the bot was invited without them', async () => {
    discord.world.roles.heimo.permissions = String((1n << 10n) | (1n << 11n));

    const { failed } = await doctor();

    // Both routed channels; the forum does not need Create Public Threads, the text channel not Manage Threads.
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatch(/lacks Send Messages in Threads, Create Public Threads, Read Message History, Manage Webhooks, Attach Files, Add Reactions in channel/);
    expect(failed[1]).toMatch(/lacks Send Messages in Threads, Read Message History, Manage Webhooks, Attach Files, Add Reactions, Manage Threads in channel/);
  });

  it('should pass the permission check when a channel overwrite grants what the role lacks', async () => {
    discord.world.roles.heimo.permissions = '0';
    for (const id of [discord.world.ids.help, discord.world.ids.forum]) {
      discord.world.channels.get(id)?.permission_overwrites.push({ id: discord.world.botUser.id, type: 1, allow: String((1n << 39n) - 1n), deny: '0' });
    }

    const { failed } = await doctor();

    expect(failed).toEqual([]);
  });

  it('should name each refused credential with its fix and print no secret when every token is wrong', async () => {
    const { code, lines, failed } = await doctor({ DISCORD_TOKEN: 'wrong-discord-token', SLACK_BOT_TOKEN: 'xoxb-wrong-slack-token', MICROSOFT_APP_PASSWORD: 'wrong-teams-secret' });

    expect(code).toBe(1);
    expect(failed).toEqual([
      expect.stringMatching(/^✗ discord: DISCORD_TOKEN is refused \(401\) → .*Reset Token/),
      expect.stringMatching(/^✗ slack: SLACK_BOT_TOKEN is refused \(invalid_auth\) → copy the Bot User OAuth Token/),
      expect.stringMatching(/^✗ teams: Teams credentials get no token from .*AADSTS7000215.* → create a new client secret/),
    ]);
    expect(lines.at(-1)).toBe('3 checks failed');
    const printed = lines.join('\n');
    for (const secret of ['wrong-discord-token', 'xoxb-wrong-slack-token', 'wrong-teams-secret', discord.token, slack.token, PASSWORD]) expect(printed).not.toContain(secret);
  });

  it('should fail naming the variables when the network file routes to a platform that is not configured', async () => {
    const { code, lines } = await doctor({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '' });

    expect(code).toBe(1);
    expect(lines).toContain('✗ slack: Slack is not configured, yet the network file routes to it → set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET (see README, "Setting up the platforms")');
  });

  it('should skip a platform that is neither configured nor routed to and still exit 0', async () => {
    const teamsUnset = { MICROSOFT_APP_ID: '', MICROSOFT_APP_PASSWORD: '', MICROSOFT_APP_TENANT_ID: '', TEAMS_OPENID_METADATA_URL: '', TEAMS_LOGIN_URL: '', TEAMS_LOGIN_CA_FILE: '' };

    const { code, lines } = await doctor({ ...teamsUnset, HEIMO_CONFIG: '' });

    expect(code).toBe(0);
    expect(lines).toContain('– teams: Teams is not configured and nothing is routed to it (set MICROSOFT_APP_ID to check it)');
    expect(lines).toContain('– heimo: no network file (HEIMO_CONFIG unset): nothing routed, so no channel is checked');
  });

  it('should check the app-level token when Slack runs in Socket Mode', async () => {
    const good = await doctor({ SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: slack.appToken });
    expect(good.lines).toContain('✓ slack: SLACK_APP_TOKEN opens a Socket Mode connection');
    expect(good.code).toBe(0);

    const bad = await doctor({ SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-wrong-token' });
    expect(bad.failed).toEqual([expect.stringMatching(/^✗ slack: SLACK_APP_TOKEN cannot open Socket Mode \(invalid_auth\) → enable Socket Mode/)]);
    expect(bad.lines.join('\n')).not.toContain('xapp-1-wrong-token');
  });

  it('should report a platform that is unreachable with the address to check', async () => {
    await slack.close();

    const { failed } = await doctor();

    expect(failed).toEqual([expect.stringMatching(/^✗ slack: cannot reach Slack at http:\/\/127\.0\.0\.1:\d+\/api\/ .*→ check SLACK_API_URL/)]);
    slack = await createFakeSlack();
  });

  it('should exit 1 through the CLI when a check fails, 0 when all pass and 78 when the configuration is malformed', async () => {
    expect(await main(['doctor'], env)).toBe(0);
    slack.setMember(SUPPORT, false);
    expect(await main(['doctor'], env)).toBe(1);
    expect(await main(['doctor'], { ...env, SLACK_APP_TOKEN: 'not-an-app-token' })).toBe(78);
  });
});
