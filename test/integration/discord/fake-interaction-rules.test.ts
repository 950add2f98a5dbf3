import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';

// The Discord fake enforces what Discord enforces, so a bot that breaks a rule fails its tests.
describe('Discord fake interaction and tag rules', () => {
  let fake: FakeDiscord;
  const call = async (method: string, path: string, body?: unknown, auth = true): Promise<{ status: number; body: { code?: number } }> => {
    const response = await fetch(`${fake.apiUrl}/v10${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bot ${fake.token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as { code?: number } };
  };
  const register = () => call('PUT', `/applications/${fake.world.applicationId}/guilds/${fake.world.guildId}/commands`, [
    { type: 1, name: 'heimo', description: 'Heimo', options: [{ type: 1, name: 'help', description: 'Help' }] },
  ]);

  beforeAll(async () => {
    fake = createFakeDiscord({ interactionWindowMs: 300 });
    await fake.start();
    await register();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('should refuse a locale Discord does not have when commands are registered', async () => {
    const refused = await call('PUT', `/applications/${fake.world.applicationId}/guilds/${fake.world.guildId}/commands`, [
      { type: 1, name: 'heimo', description: 'Heimo', description_localizations: { sk: 'Heimo' } },
    ]);
    expect(refused).toMatchObject({ status: 400, body: { code: 50035 } });
  });

  it('should answer 40060 when an interaction is acknowledged twice', async () => {
    const interaction = fake.userRunsSlashCommand({ user: fake.world.users.bob, channelId: fake.world.ids.help, command: 'heimo', subcommand: 'help' });
    expect((await call('POST', `/interactions/${interaction.id}/${interaction.token}/callback`, { type: 4, data: { content: 'hi' } }, false)).status).toBe(204);
    expect(await call('POST', `/interactions/${interaction.id}/${interaction.token}/callback`, { type: 4, data: { content: 'again' } }, false)).toMatchObject({ status: 400, body: { code: 40060 } });
  });

  it('should answer 10062 when the first callback comes after the window', async () => {
    const interaction = fake.userRunsSlashCommand({ user: fake.world.users.bob, channelId: fake.world.ids.help, command: 'heimo', subcommand: 'help' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await call('POST', `/interactions/${interaction.id}/${interaction.token}/callback`, { type: 5 }, false)).toMatchObject({ status: 404, body: { code: 10062 } });
  });

  it('should refuse a sixth applied tag and a twenty-first forum tag', async () => {
    const forum = fake.world.channels.get(fake.world.ids.forum);
    const tags = (forum?.available_tags ?? []).map(({ id, name }) => ({ id, name }));
    const more = Array.from({ length: 20 - tags.length }, (_, index) => ({ name: `T${index}` }));
    const full = await call('PATCH', `/channels/${fake.world.ids.forum}`, { available_tags: [...tags, ...more] });
    expect(full.status).toBe(200);
    expect(await call('PATCH', `/channels/${fake.world.ids.forum}`, { available_tags: [...(forum?.available_tags ?? []), { name: 'One too many' }] })).toMatchObject({ status: 400, body: { code: 50035 } });
    const { thread } = fake.userCreatesForumPost({ forumId: fake.world.ids.forum, title: 'Tags', content: 'x', author: fake.world.users.bob });
    const ids = (forum?.available_tags ?? []).map((tag) => tag.id);
    expect((await call('PATCH', `/channels/${thread.id}`, { applied_tags: ids.slice(0, 5) })).status).toBe(200);
    expect(await call('PATCH', `/channels/${thread.id}`, { applied_tags: ids.slice(0, 6) })).toMatchObject({ status: 400, body: { code: 50035 } });
  });
});
