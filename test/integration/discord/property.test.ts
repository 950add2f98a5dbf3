import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { malformedDispatches, soundMessage } from '../../fakes/discord/malformed-dispatches.ts';
import { snowflake } from '../../fakes/discord/state.ts';
import { hostileValue, mutatedJson, propertyRuns, showsGarbage } from '../../support/mutate-json.ts';
import { startHarness, waitFor, type DiscordHarness } from './harness.ts';

const crashes: unknown[] = [];
const onCrash = (error: unknown): void => {
  crashes.push(error);
};
const TYPES = ['MESSAGE_CREATE', 'MESSAGE_UPDATE', 'MESSAGE_DELETE', 'MESSAGE_REACTION_ADD', 'THREAD_CREATE', 'THREAD_LIST_SYNC', 'INTERACTION_CREATE', 'PRESENCE_UPDATE', 'GUILD_MEMBER_UPDATE', 'CHANNEL_UPDATE', 'TYPING_START'];
const KEYS = ['id', 'channel_id', 'author', 'content', 'attachments', 'embeds', 'components', 'mentions', 'mention_roles', 'flags', 'type', 'poll', 'referenced_message', 'message_reference', 'sticker_items', 'member', 'thread', 'interaction', 'webhook_id', 'edited_timestamp', 'emoji', 'user_id', 'message_id', 'user', 'threads', 'data'];

describe('discord gateway, property-based', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    h = await startHarness();
  });
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await h.close();
  });

  it('should keep the connection, relay the next message and hand on no garbage when dispatches are mutated arbitrarily', async () => {
    const { world } = h.fake;
    const seeds = malformedDispatches(world).map((shape) => ({ t: shape.t, d: shape.d as Record<string, unknown> }));
    const dispatch = fc.oneof(
      fc.record({ t: fc.constantFrom(...TYPES), d: mutatedJson(soundMessage(world, 'mutated text'), KEYS) }),
      fc.constantFrom(...seeds).chain((seed) => mutatedJson(seed.d).map((d) => ({ t: seed.t, d }))),
      fc.record({ t: fc.constantFrom(...TYPES), d: hostileValue() }),
    );
    await fc.assert(
      fc.asyncProperty(dispatch, async ({ t, d }) => {
        const before = h.events.length;
        const payload = typeof d === 'object' && d !== null && !Array.isArray(d) && t === 'MESSAGE_CREATE' ? { ...d, id: snowflake() } : d;
        h.fake.dispatchRaw(t, payload);
        const sound = h.fake.userSends({ channelId: world.ids.help, author: world.users.bob, content: 'sound question' });
        await waitFor(() => h.events.some((event) => event.messageId === sound.id), 'the sound message after a mutated dispatch');

        expect(crashes).toEqual([]);
        expect(h.fake.gatewayConnections()).toBe(1);
        for (const handed of h.events.slice(before)) {
          const text = 'text' in handed ? handed.text : '';
          expect(showsGarbage(text, payload)).toBe(false);
          if (handed.type === 'question.asked') expect(showsGarbage(handed.title, payload)).toBe(false);
        }
      }),
      propertyRuns(80),
    );
    expect(h.bot.health().ok).toBe(true);
  });
});
