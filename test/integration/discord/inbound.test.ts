import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../../core/domain/events.ts';
import { outbound, startHarness, waitFor, type DiscordHarness } from './harness.ts';

let h: DiscordHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const ofType = <T extends InboundEvent['type']>(type: T) => h.events.filter((event): event is Extract<InboundEvent, { type: T }> => event.type === type);
const eventFor = (messageId: string) => waitFor(() => h.events.find((event) => event.messageId === messageId), `event for ${messageId}`);

describe('discord bot inbound', () => {
  it('should emit question.asked with title, link and author when a member asks in the help channel', async () => {
    const { world } = h.fake;
    const sent = h.fake.userSends({
      channelId: world.ids.help,
      author: world.users.alice,
      content: `How do I reset my password?\nI asked <@${world.users.bob.id}> and <@&${world.roles.staff.id}> in <#${world.ids.general}> already`,
    });

    const event = await eventFor(sent.id);

    expect(event).toMatchObject({
      type: 'question.asked',
      platform: 'discord',
      channelId: world.ids.help,
      threadId: null,
      messageId: sent.id,
      title: 'How do I reset my password?',
      url: `https://discord.com/channels/${world.guildId}/${world.ids.help}/${sent.id}`,
      author: { platformUserId: world.users.alice.id, displayName: 'Alice from Acme', isBot: false },
    });
    expect(event.type === 'question.asked' && event.text).toContain('@Bobby');
    expect(event.type === 'question.asked' && event.text).toContain('@Staff');
    expect(event.type === 'question.asked' && event.text).toContain('#general');
    expect(event.type === 'question.asked' && event.author.avatarUrl).toMatch(/^https:\/\/cdn\.discordapp\.com\/avatars\//);
  });

  it('should emit exactly one question.asked when a member opens a forum post', async () => {
    const { world } = h.fake;
    const { thread } = h.fake.userCreatesForumPost({ forumId: world.ids.forum, title: 'Export fails on large files', content: 'Export stops at 2 GB.', author: world.users.bob });
    const followUp = h.fake.userSends({ channelId: thread.id, author: world.users.bob, content: 'Also on the beta.' });

    await eventFor(followUp.id);

    expect(h.events).toEqual([
      expect.objectContaining({ type: 'question.asked', channelId: world.ids.forum, threadId: thread.id, messageId: thread.id, title: 'Export fails on large files', text: 'Export stops at 2 GB.' }),
      expect.objectContaining({ type: 'message.posted', channelId: thread.id, threadId: thread.id, messageId: followUp.id, text: 'Also on the beta.' }),
    ]);
    expect(ofType('question.asked')[0]?.author.displayName).toBe('Bobby');
  });

  it('should emit message.posted with the thread id when someone follows up in a thread Heimo opened', async () => {
    const { world } = h.fake;
    const question = h.fake.userSends({ channelId: world.ids.help, author: world.users.alice, content: 'Is the API down?' });
    await eventFor(question.id);
    const thread = await h.bot.delivery.openThread({ channelId: world.ids.help, messageId: question.id, title: 'Is the API down?' });

    const reply = h.fake.userSends({ channelId: thread.threadId, author: world.users.carol, content: 'Same here' });
    const event = await eventFor(reply.id);

    expect(event).toEqual({
      type: 'message.posted', platform: 'discord', channelId: question.id, threadId: question.id, messageId: reply.id, text: 'Same here',
      author: expect.objectContaining({ platformUserId: world.users.carol.id, displayName: 'carol', isBot: false }),
      // Carol holds no role: the list is empty, not absent (the member payload said so).
      authorRoleIds: [],
    });
    // Starting the thread sends MESSAGE_UPDATE for the question with unchanged text: not an edit.
    expect(ofType('message.edited')).toEqual([]);
  });

  it('should emit message.edited when a member changes the text of a message', async () => {
    const { world } = h.fake;
    const sent = h.fake.userSends({ channelId: world.ids.help, author: world.users.alice, content: 'Is the API down' });
    await eventFor(sent.id);

    h.fake.userEdits({ channelId: world.ids.help, messageId: sent.id, content: `Is the API down? cc <@${world.users.bob.id}>` });

    const edited = await waitFor(() => ofType('message.edited')[0], 'edit event');
    expect(edited).toEqual({ type: 'message.edited', platform: 'discord', channelId: world.ids.help, messageId: sent.id, text: 'Is the API down? cc @Bobby' });
  });

  it('should emit message.deleted when a message in a watched channel is deleted', async () => {
    const { world } = h.fake;
    const { thread } = h.fake.userCreatesForumPost({ forumId: world.ids.forum, title: 'Q', content: 'body', author: world.users.bob });
    const reply = h.fake.userSends({ channelId: thread.id, author: world.users.alice, content: 'wrong thread, sorry' });
    await eventFor(reply.id);

    h.fake.userDeletes({ channelId: thread.id, messageId: reply.id });

    const deleted = await waitFor(() => ofType('message.deleted')[0], 'delete event');
    expect(deleted).toEqual({ type: 'message.deleted', platform: 'discord', channelId: thread.id, threadId: thread.id, messageId: reply.id });
  });

  it('should carry the thread id on message.edited and message.deleted when the message is in a thread Heimo opened', async () => {
    const { world } = h.fake;
    const question = h.fake.userSends({ channelId: world.ids.help, author: world.users.alice, content: 'Where are the docs?' });
    await eventFor(question.id);
    const thread = await h.bot.delivery.openThread({ channelId: world.ids.help, messageId: question.id, title: 'Where are the docs?' });
    const reply = h.fake.userSends({ channelId: thread.threadId, author: world.users.bob, content: 'docs.example.com' });
    await eventFor(reply.id);

    h.fake.userEdits({ channelId: thread.threadId, messageId: reply.id, content: 'https://docs.example.com' });
    h.fake.userDeletes({ channelId: thread.threadId, messageId: reply.id });

    await waitFor(() => ofType('message.deleted')[0], 'delete event');
    expect(h.events.slice(2)).toEqual([
      { type: 'message.edited', platform: 'discord', channelId: thread.threadId, threadId: thread.threadId, messageId: reply.id, text: 'https://docs.example.com' },
      { type: 'message.deleted', platform: 'discord', channelId: thread.threadId, threadId: thread.threadId, messageId: reply.id },
    ]);
  });

  it('should ignore the echoes of its own webhook and bot posts when the gateway sends them back', async () => {
    const { world } = h.fake;
    const question = h.fake.userSends({ channelId: world.ids.help, author: world.users.alice, content: 'Help please' });
    await eventFor(question.id);
    const thread = await h.bot.delivery.openThread({ channelId: world.ids.help, messageId: question.id, title: 'Help please' });
    const viaWebhook = await h.bot.delivery.postMessage(thread, outbound({ text: 'From the webhook' }));
    await h.bot.delivery.editMessage(thread, viaWebhook, outbound({ text: 'From the webhook, edited' }));
    h.fake.permissions.manageWebhooks = false;
    const other = await h.bot.delivery.postMessage({ channelId: world.ids.general, threadId: world.ids.general }, outbound({ text: 'As the bot' }));
    await h.bot.delivery.deleteMessage(thread, viaWebhook);

    // Gateway order is kept per connection: once this follow-up arrives, every echo before it has too.
    const marker = h.fake.userSends({ channelId: thread.threadId, author: world.users.alice, content: 'thanks' });
    await eventFor(marker.id);

    expect(h.fake.messagesIn(world.ids.general).map((message) => message.id)).toEqual(other);
    // The deleted webhook message was cached from its echo, so its delete is recognised as Heimo's too.
    expect(h.events.map((event) => [event.type, event.messageId])).toEqual([
      ['question.asked', question.id],
      ['message.posted', marker.id],
    ]);
  });

  it('should ignore a message when another bot or the system wrote it', async () => {
    const { world } = h.fake;
    h.fake.userSends({ channelId: world.ids.help, author: world.users.otherBot, content: 'Beep: build passed' });
    const offTopic = h.fake.userSends({ channelId: world.ids.general, author: world.users.alice, content: 'off-topic in an unwatched channel' });
    // A "member joined" notice (type 7) in the help channel, shaped like a real one.
    h.fake.dispatchRaw('MESSAGE_CREATE', { ...offTopic, id: '1100000000000000001', channel_id: world.ids.help, type: 7, content: '' });
    const human = h.fake.userSends({ channelId: world.ids.help, author: world.users.carol, content: 'A real question' });

    await eventFor(human.id);

    expect(h.events.map((event) => event.messageId)).toEqual([human.id]);
  });

  it('should log and drop a malformed gateway event and keep working when Discord sends one', async () => {
    const { world } = h.fake;
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => {
      rejections.push(reason);
    };
    process.on('unhandledRejection', onRejection);
    try {
      h.fake.dispatchRaw('MESSAGE_UPDATE', null);
      h.fake.dispatchRaw('MESSAGE_CREATE', { id: '1200000000000000001', channel_id: world.ids.help, author: 5, mentions: 'x' });
      h.fake.dispatchRaw('MESSAGE_CREATE', { id: '1200000000000000002', channel_id: world.ids.help, content: 'no author' });
      h.fake.dispatchRaw('THREAD_CREATE', { id: 'not-a-snowflake' });
      h.fake.sendGatewayFrame('{ this is not json');
      const after = h.fake.userSends({ channelId: world.ids.help, author: world.users.alice, content: 'Still there?' });

      await eventFor(after.id);
      await new Promise((resolve) => setTimeout(resolve, 50));

      const dropped = h.logs.filter((line) => line.msg === 'discord: dropped a malformed gateway event');
      expect(dropped.map((line) => line.event)).toEqual(['MESSAGE_UPDATE', 'MESSAGE_CREATE', 'MESSAGE_CREATE', 'THREAD_CREATE']);
      expect(rejections).toEqual([]);
      expect(h.events.map((event) => event.messageId)).toEqual([after.id]);
      expect(h.bot.health().ok).toBe(true);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('should hold an event the core failed to store, store it on a later try and keep the channel in order when the core handler throws', async () => {
    const { world } = h.fake;
    h.failNextEvent();
    const first = h.fake.userSends({ channelId: world.ids.help, author: world.users.alice, content: 'first' });
    const second = h.fake.userSends({ channelId: world.ids.help, author: world.users.alice, content: 'second' });

    await eventFor(second.id);

    const failure = await waitFor(() => h.logs.find((line) => line.msg === 'discord: inbound event failed; holding it to try again'), 'failure log');
    expect(failure).toMatchObject({ level: 'error', event: 'create', channelId: world.ids.help, messageId: first.id, error: { message: 'core exploded' }, attempt: 1 });
    // Tried again before anything later in the channel: Discord never sends it again.
    expect(h.events.map((event) => event.messageId)).toEqual([first.id, first.id, second.id]);
    expect(h.logs.find((line) => line.msg === 'discord: held event stored')).toMatchObject({ messageId: first.id, attempts: 2 });
  });

  it('should resume the session and receive what was sent meanwhile when the gateway connection drops', async () => {
    const { world } = h.fake;
    h.fake.dropConnection();
    const sent = h.fake.userSends({ channelId: world.ids.help, author: world.users.bob, content: 'sent while offline' });

    await eventFor(sent.id);
    await waitFor(() => h.bot.health().ok, 'healthy again');

    expect(h.fake.gatewayFrames.filter((frame) => frame.op === 6)).toHaveLength(1);
    expect(h.fake.gatewayFrames.filter((frame) => frame.op === 2)).toHaveLength(1);
  });
});
