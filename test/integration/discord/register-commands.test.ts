import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerDiscordCommands } from '../../../bots/app/register-commands-command.ts';
import { createFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';

describe('heimo discord register-commands', () => {
  let fake: FakeDiscord;
  let env: Record<string, string>;

  beforeEach(async () => {
    fake = createFakeDiscord();
    await fake.start();
    const network = join(await mkdtemp(join(tmpdir(), 'heimo-register-')), 'network.json');
    const routes = [{ discordChannelId: fake.world.ids.help, destination: { platform: 'slack', channelId: 'C0SUPPORT' } }];
    await writeFile(network, JSON.stringify({ communities: [{ id: 'acme', name: 'Acme', discordGuildId: fake.world.guildId, routes }] }));
    env = { HEIMO_CONFIG: network, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl };
  });
  afterEach(async () => {
    await fake.close();
  });

  it('should register the commands in the network file\'s guild and change nothing when run twice', async () => {
    const lines: string[] = [];
    expect(await registerDiscordCommands(env, [], (line) => lines.push(line))).toBe(0);
    const first = fake.registeredCommands();
    expect(first.map((command) => [command.type, command.name])).toEqual([[1, 'heimo'], [3, 'Mark as solution'], [3, 'Add to knowledge base']]);
    expect(lines).toEqual([`registered 3 commands in guild ${fake.world.guildId}`]);

    expect(await registerDiscordCommands(env, [], () => undefined)).toBe(0);
    expect(fake.registeredCommands().map((command) => command.id)).toEqual(first.map((command) => command.id));
    const puts = fake.requests.filter((request) => request.method === 'PUT');
    expect(puts.map((request) => request.path)).toEqual(Array(2).fill(`/applications/${fake.world.applicationId}/guilds/${fake.world.guildId}/commands`));
    expect(puts[0]?.body).toEqual(puts[1]?.body);
  });

  it('should refuse to run when no network file is configured', async () => {
    const { HEIMO_CONFIG: _omitted, ...withoutNetwork } = env;
    await expect(registerDiscordCommands(withoutNetwork, [], () => undefined)).rejects.toMatchObject({ code: 'CONFIG_MISSING' });
  });
});
