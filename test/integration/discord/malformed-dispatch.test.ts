import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { malformedDispatches, soundMessage } from '../../fakes/discord/malformed-dispatches.ts';
import { startHarness, waitFor, type DiscordHarness } from './harness.ts';

let h: DiscordHarness;
const crashes: unknown[] = [];
const onCrash = (error: unknown): void => {
  crashes.push(error);
};

beforeAll(async () => {
  // A throw inside discord.js's packet handlers surfaces as one of these; the process would exit.
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  h = await startHarness();
});
afterAll(async () => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  await h.close();
});
afterEach(() => {
  crashes.length = 0;
});

const stillRelays = async (content: string): Promise<void> => {
  const { world } = h.fake;
  const sent = h.fake.userSends({ channelId: world.ids.help, author: world.users.bob, content });
  await waitFor(() => h.events.find((event) => event.messageId === sent.id), `event for "${content}"`);
};

describe('discord gateway with malformed dispatches', () => {
  const shapes = malformedDispatches(createWorldPlaceholder());
  it.each(shapes.map((shape) => [shape.name]))('should skip the dispatch, log it and keep the connection when Discord sends %s', async (name) => {
    const shape = malformedDispatches(h.fake.world).find((candidate) => candidate.name === name);
    if (shape === undefined) throw new Error(`no shape ${name}`);
    const logsBefore = h.logs.length;
    h.fake.dispatchRaw(shape.t, shape.d);
    await stillRelays(`after ${name}`);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(crashes).toEqual([]);
    expect(h.bot.health().ok).toBe(true);
    expect(h.fake.gatewayConnections()).toBe(1);
    const dropped = h.logs.slice(logsBefore).filter((line) => String(line.msg).startsWith('discord: dropped a malformed gateway event'));
    expect(dropped.map((line) => line.event)).toEqual([shape.t]);
    // Ids and reasons only: no content of the event reaches the log.
    expect(JSON.stringify(dropped)).not.toContain('sound message');
  });

  it('should contain the throw and go on when a dispatch no schema checks breaks its handler', async () => {
    const logsBefore = h.logs.length;
    h.fake.dispatchRaw('GUILD_ROLE_CREATE', { guild_id: h.fake.world.guildId, role: null });
    await stillRelays('after a role without a role');

    expect(crashes).toEqual([]);
    const contained = h.logs.slice(logsBefore).filter((line) => line.reason === 'handler threw');
    expect(contained).toEqual([expect.objectContaining({ event: 'GUILD_ROLE_CREATE', errorName: 'TypeError', guild_id: h.fake.world.guildId })]);
  });

  it('should name a file without a link when Discord sends an attachment without url or filename', async () => {
    const { world } = h.fake;
    const d = { ...soundMessage(world, 'see file'), attachments: [{ id: '1400000000000000001', filename: 'x.png', size: 3 }, { id: '1400000000000000002', size: 3 }] };
    h.fake.dispatchRaw('MESSAGE_CREATE', d);
    const event = await waitFor(() => h.events.find((candidate) => candidate.messageId === d.id), 'event with attachments');

    const text = 'text' in event ? event.text : '';
    expect(text).toBe('see file\nx.png\nattachment');
  });
});

// it.each needs the names before the fake exists; the names do not depend on the world.
function createWorldPlaceholder(): Parameters<typeof malformedDispatches>[0] {
  const user = { id: '1', username: 'x', global_name: null, avatar: null, discriminator: '0' };
  return { guildId: '1', applicationId: '1', ids: { help: '1', forum: '1', general: '1' }, users: { alice: user, bob: user, carol: user, otherBot: user } } as unknown as Parameters<typeof malformedDispatches>[0];
}
