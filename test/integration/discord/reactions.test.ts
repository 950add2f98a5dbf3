import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTransient } from '../../../bots/discord/errors.ts';
import type { InboundEvent } from '../../../core/domain/events.ts';
import type { ThreadRef } from '../../../core/domain/types.ts';
import { HeimoError, PlatformRejectedError, RateLimitedError } from '../../../core/errors.ts';
import type { FakeMessage, FakeUser } from '../../fakes/discord/index.ts';
import { MAX_DISTINCT_REACTIONS } from '../../fakes/discord/rest-routes.ts';
import { snowflake } from '../../fakes/discord/state.ts';
import { settle } from '../../support/eventually.ts';
import { startHarness, waitFor, type DiscordHarness } from './harness.ts';

let h: DiscordHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

type Reaction = Extract<InboundEvent, { type: 'reaction.added' | 'reaction.removed' }>;
const reactions = (): Reaction[] => h.events.filter((event): event is Reaction => event.type === 'reaction.added' || event.type === 'reaction.removed');
const ignored = () => h.logs.filter((line) => line.msg === 'discord: reaction ignored');
const calls = (method: string, pattern: RegExp) => h.fake.requests.filter((request) => request.method === method && pattern.test(request.path));

/** A question in the help channel, the thread Heimo opened for it, and a member's reply there. */
async function replyInThread(): Promise<{ question: FakeMessage; thread: ThreadRef; reply: FakeMessage }> {
  const { world } = h.fake;
  const question = h.fake.userSends({ channelId: world.ids.help, author: world.users.alice, content: 'Sync is stuck' });
  await waitFor(() => h.events.find((event) => event.messageId === question.id), 'question event');
  const thread = await h.bot.delivery.openThread({ channelId: world.ids.help, messageId: question.id, title: 'Sync is stuck' });
  const reply = h.fake.userSends({ channelId: thread.threadId, author: world.users.bob, content: 'Restart the app' });
  await waitFor(() => h.events.find((event) => event.messageId === reply.id), 'reply event');
  return { question, thread, reply };
}

/**
 * Carol reacts with a marker emoji and the test waits for its event: gateway order is kept per
 * connection and the bot handles one channel in order, so everything before it has been handled.
 */
async function marker(channelId: string, messageId: string): Promise<void> {
  h.fake.userReacts({ channelId, messageId, emoji: '🏁', user: h.fake.world.users.carol });
  await waitFor(() => reactions().find((event) => event.emoji === '🏁'), 'marker reaction');
}

/** A member discord.js has never seen: joined after the bot connected and never wrote anything. */
function newcomer(username: string, bot: boolean): FakeUser {
  const user: FakeUser = { id: snowflake(), username, global_name: null, avatar: null, discriminator: '0', ...(bot ? { bot } : {}) };
  h.fake.world.members.set(user.id, { user, nick: null, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false });
  return user;
}

describe('discord bot inbound: reactions', () => {
  it('should emit reaction.added with the thread as channel and thread id when a member reacts in a watched thread', async () => {
    const { world } = h.fake;
    const { thread, reply } = await replyInThread();

    h.fake.userReacts({ channelId: thread.threadId, messageId: reply.id, emoji: '👍🏽', user: world.users.alice });

    const event = await waitFor(() => reactions()[0], 'reaction event');
    expect(event).toEqual({
      type: 'reaction.added', platform: 'discord', channelId: thread.threadId, threadId: thread.threadId, messageId: reply.id, userId: world.users.alice.id, emoji: '👍🏽',
    });
  });

  it('should emit reaction.removed after reaction.added when the member takes the reaction back', async () => {
    const { world } = h.fake;
    const { thread, reply } = await replyInThread();

    h.fake.userReacts({ channelId: thread.threadId, messageId: reply.id, emoji: '❤️', user: world.users.alice });
    h.fake.userReacts({ channelId: thread.threadId, messageId: reply.id, emoji: '❤️', user: world.users.alice, added: false });

    await waitFor(() => reactions()[1], 'removal event');
    expect(reactions()).toEqual([
      expect.objectContaining({ type: 'reaction.added', messageId: reply.id, userId: world.users.alice.id, emoji: '❤️' }),
      { type: 'reaction.removed', platform: 'discord', channelId: thread.threadId, threadId: thread.threadId, messageId: reply.id, userId: world.users.alice.id, emoji: '❤️' },
    ]);
  });

  it('should emit reaction.added without a thread id when a member reacts on the question in the help channel', async () => {
    const { world } = h.fake;
    const { question } = await replyInThread();

    h.fake.userReacts({ channelId: world.ids.help, messageId: question.id, emoji: '👀', user: world.users.bob });

    const event = await waitFor(() => reactions()[0], 'reaction event');
    expect(event).toEqual({ type: 'reaction.added', platform: 'discord', channelId: world.ids.help, messageId: question.id, userId: world.users.bob.id, emoji: '👀' });
  });

  it('should hand a reaction to the core only after the message it is on when the core is still busy with that message', async () => {
    const { world } = h.fake;
    const { thread } = await replyInThread();
    const release = h.holdNextEvent();

    const quick = h.fake.userSends({ channelId: thread.threadId, author: world.users.carol, content: 'me too' });
    h.fake.userReacts({ channelId: thread.threadId, messageId: quick.id, emoji: '➕', user: world.users.alice });
    await waitFor(() => h.events.find((event) => event.messageId === quick.id), 'held message event');
    await settle(200);
    expect(reactions()).toEqual([]);
    release();

    await waitFor(() => reactions()[0], 'reaction event');
    expect(h.events.slice(-2).map((event) => [event.type, event.messageId])).toEqual([
      ['message.posted', quick.id],
      ['reaction.added', quick.id],
    ]);
  });

  it('should emit nothing for its own reaction when Discord echoes the reaction Heimo added', async () => {
    const { world } = h.fake;
    const { thread, reply } = await replyInThread();

    await h.bot.delivery.react({ channelId: thread.threadId, messageId: reply.id }, '✅', true);
    await h.bot.delivery.react({ channelId: thread.threadId, messageId: reply.id }, '✅', false);
    await marker(thread.threadId, reply.id);

    expect(reactions().map((event) => [event.emoji, event.userId])).toEqual([['🏁', world.users.carol.id]]);
    expect(ignored().map((line) => [line.event, line.reason, line.userId])).toEqual([
      ['reaction add', 'own reaction', world.botUser.id],
      ['reaction remove', 'own reaction', world.botUser.id],
    ]);
  });

  it('should emit nothing when another bot reacts or a member reacts with a custom emoji', async () => {
    const { world } = h.fake;
    const { thread, reply } = await replyInThread();

    h.fake.userReacts({ channelId: thread.threadId, messageId: reply.id, emoji: '🤖', user: world.users.otherBot });
    h.fake.userReacts({ channelId: thread.threadId, messageId: reply.id, emoji: '🤖', user: world.users.otherBot, added: false });
    h.fake.userReacts({ channelId: thread.threadId, messageId: reply.id, emoji: 'partyparrot', customId: '1300000000000000001', user: world.users.alice });
    h.fake.userReacts({ channelId: thread.threadId, messageId: reply.id, emoji: 'partyparrot', customId: '1300000000000000001', user: world.users.alice, added: false });
    await marker(thread.threadId, reply.id);

    expect(reactions().map((event) => event.emoji)).toEqual(['🏁']);
    expect(ignored().map((line) => [line.event, line.reason])).toEqual([
      ['reaction add', 'bot reaction'],
      ['reaction remove', 'bot reaction'],
      ['reaction add', 'custom emoji'],
      ['reaction remove', 'custom emoji'],
    ]);
    expect(ignored()[2]).toMatchObject({ level: 'debug', emojiId: '1300000000000000001' });
  });

  it('should look the user up and drop the removal when a bot discord.js has not seen removes a reaction', async () => {
    const { thread, reply } = await replyInThread();
    const robot = newcomer('LateBot', true);
    const person = newcomer('dave', false);
    // A removal names only the user's id; these two reacted before the bot connected.
    const removal = (user: FakeUser) => ({
      user_id: user.id, channel_id: thread.threadId, message_id: reply.id, guild_id: h.fake.world.guildId, emoji: { id: null, name: '🔥' }, burst: false, type: 0,
    });

    h.fake.dispatchRaw('MESSAGE_REACTION_REMOVE', removal(robot));
    h.fake.dispatchRaw('MESSAGE_REACTION_REMOVE', removal(person));

    const event = await waitFor(() => reactions()[0], 'removal by a person');
    expect(event).toMatchObject({ type: 'reaction.removed', userId: person.id, emoji: '🔥' });
    await marker(thread.threadId, reply.id);
    expect(reactions().map((item) => item.userId)).toEqual([person.id, h.fake.world.users.carol.id]);
    expect(calls('GET', /^\/users\/\d+$/).map((request) => request.path)).toEqual([`/users/${robot.id}`, `/users/${person.id}`]);
  });

  it('should emit nothing when a member reacts on a message in an unwatched channel', async () => {
    const { world } = h.fake;
    const { thread, reply } = await replyInThread();
    const offTopic = h.fake.userSends({ channelId: world.ids.general, author: world.users.alice, content: 'lunch?' });

    h.fake.userReacts({ channelId: world.ids.general, messageId: offTopic.id, emoji: '🍕', user: world.users.bob });
    h.fake.userReacts({ channelId: world.ids.general, messageId: offTopic.id, emoji: '🍕', user: world.users.bob, added: false });
    await marker(thread.threadId, reply.id);

    expect(reactions().map((event) => event.channelId)).toEqual([thread.threadId]);
    expect(ignored()).toEqual([]);
  });

  it('should log and drop a malformed reaction event and keep handling reactions when Discord sends one', async () => {
    const { world } = h.fake;
    const { thread, reply } = await replyInThread();
    const base = { user_id: world.users.alice.id, channel_id: thread.threadId, message_id: reply.id, guild_id: world.guildId, burst: false, type: 0 };

    h.fake.dispatchRaw('MESSAGE_REACTION_ADD', { ...base, emoji: { id: null, name: '%E0%A4%A' } });
    h.fake.dispatchRaw('MESSAGE_REACTION_REMOVE', { ...base, emoji: null });
    h.fake.dispatchRaw('MESSAGE_REACTION_ADD', { ...base, user_id: 'nobody', emoji: { id: null, name: '👍' } });
    await marker(thread.threadId, reply.id);

    const dropped = h.logs.filter((line) => line.msg === 'discord: dropped a malformed gateway event');
    expect(dropped.map((line) => [line.event, line.reason])).toEqual([
      ['MESSAGE_REACTION_ADD', 'emoji: emoji without an id or a valid name'],
      ['MESSAGE_REACTION_REMOVE', 'emoji: invalid_type'],
      ['MESSAGE_REACTION_ADD', 'user_id: invalid_format'],
    ]);
    expect(reactions().map((event) => event.emoji)).toEqual(['🏁']);
  });
});

describe('discord delivery: reactions', () => {
  it('should add and then remove its own reaction when react is called with added true and then false', async () => {
    const { thread, reply } = await replyInThread();
    const target = { channelId: thread.threadId, messageId: reply.id };

    await h.bot.delivery.react(target, '👍🏽', true);
    await h.bot.delivery.react(target, '❤️', true);
    expect(h.fake.botReactions(thread.threadId, reply.id)).toEqual(['👍🏽', '❤️']);

    await h.bot.delivery.react(target, '👍🏽', false);

    expect(h.fake.botReactions(thread.threadId, reply.id)).toEqual(['❤️']);
    expect(calls('PUT', /\/reactions\//).map((request) => [request.path, request.authorized, request.status])).toEqual([
      [`/channels/${thread.threadId}/messages/${reply.id}/reactions/👍🏽/@me`, true, 204],
      [`/channels/${thread.threadId}/messages/${reply.id}/reactions/❤️/@me`, true, 204],
    ]);
  });

  it('should succeed without a second reaction when it adds the same reaction twice or removes one that is gone', async () => {
    const { thread, reply } = await replyInThread();
    const target = { channelId: thread.threadId, messageId: reply.id };

    await h.bot.delivery.react(target, '✅', true);
    await h.bot.delivery.react(target, '✅', true);
    expect(h.fake.botReactions(thread.threadId, reply.id)).toEqual(['✅']);

    await h.bot.delivery.react(target, '✅', false);
    await h.bot.delivery.react(target, '✅', false);

    expect(h.fake.botReactions(thread.threadId, reply.id)).toEqual([]);
    expect(calls('PUT', /\/reactions\//).map((request) => request.status)).toEqual([204, 204]);
    expect(calls('DELETE', /\/reactions\//).map((request) => request.status)).toEqual([204, 204]);
  });

  it('should resolve without an error when the message was deleted or never existed', async () => {
    const { thread, reply } = await replyInThread();
    h.fake.userDeletes({ channelId: thread.threadId, messageId: reply.id });

    await expect(h.bot.delivery.react({ channelId: thread.threadId, messageId: reply.id }, '👍', true)).resolves.toBeUndefined();
    await expect(h.bot.delivery.react({ channelId: thread.threadId, messageId: '1400000000000000001' }, '👍', false)).resolves.toBeUndefined();
    await expect(h.bot.delivery.react({ channelId: '1400000000000000002', messageId: reply.id }, '👍', true)).resolves.toBeUndefined();

    expect(h.fake.requests.filter((request) => request.path.includes('/reactions/')).map((request) => request.status)).toEqual([404, 404, 404]);
  });

  it('should throw a transient PLATFORM_UNAVAILABLE so the outbox retries when Discord answers 500', async () => {
    const { thread, reply } = await replyInThread();
    h.fake.failNext('PUT /channels/', { status: 500 });

    const error = await h.bot.delivery.react({ channelId: thread.threadId, messageId: reply.id }, '👍', true).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(HeimoError);
    expect(error).not.toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', context: { method: 'PUT', status: 500 } });
    expect(isTransient(error)).toBe(true);
    expect(h.fake.botReactions(thread.threadId, reply.id)).toEqual([]);
  });

  it('should throw RateLimitedError when Discord answers 429 with a long Retry-After on a removal', async () => {
    const { thread, reply } = await replyInThread();
    const target = { channelId: thread.threadId, messageId: reply.id };
    await h.bot.delivery.react(target, '👍', true);
    h.fake.failNext(/^DELETE \/channels\/\d+\/messages\/\d+\/reactions\//, { status: 429, retryAfterSeconds: 5 });

    const error = await h.bot.delivery.react(target, '👍', false).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(isTransient(error)).toBe(true);
    expect(h.fake.botReactions(thread.threadId, reply.id)).toEqual(['👍']);
  });

  const notShown = () => h.logs.filter((line) => line.msg === 'discord: reaction cannot be shown; not reacting');

  it('should resolve and warn instead of failing when Discord answers 10014 Unknown Emoji', async () => {
    const { thread, reply } = await replyInThread();

    await expect(h.bot.delivery.react({ channelId: thread.threadId, messageId: reply.id }, 'thumbsup', true)).resolves.toBeUndefined();

    expect(calls('PUT', /\/reactions\//).map((request) => [request.status, request.authorized])).toEqual([[400, true]]);
    expect(notShown()).toEqual([
      expect.objectContaining({ level: 'warn', channelId: thread.threadId, messageId: reply.id, emoji: 'thumbsup', added: true, discordCode: 10014 }),
    ]);
    expect(h.fake.botReactions(thread.threadId, reply.id)).toEqual([]);
  });

  it('should resolve and warn instead of failing when the message already carries 20 distinct emoji', async () => {
    const { world } = h.fake;
    const { thread, reply } = await replyInThread();
    const full = [...'😀😃😄😁😆😅😂🤣😊😇🙂🙃😉😌😍🥰😘😗😙😚'];
    expect(full).toHaveLength(MAX_DISTINCT_REACTIONS);
    for (const emoji of full) h.fake.userReacts({ channelId: thread.threadId, messageId: reply.id, emoji, user: world.users.alice });

    await expect(h.bot.delivery.react({ channelId: thread.threadId, messageId: reply.id }, '🎉', true)).resolves.toBeUndefined();
    // An emoji already there still counts as one of the 20, so Discord takes it.
    await h.bot.delivery.react({ channelId: thread.threadId, messageId: reply.id }, '😀', true);

    expect(calls('PUT', /\/reactions\//).map((request) => request.status)).toEqual([400, 204]);
    expect(notShown()).toEqual([expect.objectContaining({ level: 'warn', emoji: '🎉', added: true, discordCode: 30010 })]);
    expect(h.fake.botReactions(thread.threadId, reply.id)).toEqual(['😀']);
  });

  it('should resolve and warn instead of failing when Discord answers 50083 for a reaction in an archived thread', async () => {
    const { thread, reply } = await replyInThread();
    const target = { channelId: thread.threadId, messageId: reply.id };
    await h.bot.delivery.react(target, '👍', true);
    h.fake.failNext(/^(PUT|DELETE) \/channels\/\d+\/messages\/\d+\/reactions\//, { status: 400, code: 50083, message: 'Thread is archived' }, 2);

    await expect(h.bot.delivery.react(target, '❤️', true)).resolves.toBeUndefined();
    await expect(h.bot.delivery.react(target, '👍', false)).resolves.toBeUndefined();

    expect(notShown().map((line) => [line.level, line.emoji, line.added, line.discordCode])).toEqual([
      ['warn', '❤️', true, 50083],
      ['warn', '👍', false, 50083],
    ]);
    expect(h.fake.botReactions(thread.threadId, reply.id)).toEqual(['👍']);
  });

  it('should still throw PlatformRejectedError when Discord refuses a reaction for another reason', async () => {
    const { thread, reply } = await replyInThread();
    h.fake.failNext('PUT /channels/', { status: 403, code: 50013, message: 'Missing Permissions' });

    const error = await h.bot.delivery.react({ channelId: thread.threadId, messageId: reply.id }, '👍', true).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ context: { method: 'PUT', status: 403, discordCode: 50013 } });
    expect(notShown()).toEqual([]);
  });
});
