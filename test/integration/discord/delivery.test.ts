import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadRef } from '../../../core/domain/types.ts';
import { HeimoError, PlatformRejectedError, RateLimitedError } from '../../../core/errors.ts';
import { outbound, startHarness, waitFor, type DiscordHarness } from './harness.ts';

let h: DiscordHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** A customer asks in the help channel and Heimo opens the thread for it. */
async function questionThread(): Promise<ThreadRef> {
  const question = h.fake.userSends({ channelId: h.fake.world.ids.help, author: h.fake.world.users.alice, content: 'How do I export?' });
  await waitFor(() => h.events.find((event) => event.messageId === question.id), 'question event');
  return h.bot.delivery.openThread({ channelId: h.fake.world.ids.help, messageId: question.id, title: 'How do I export?' });
}

const calls = (method: string, pattern: RegExp) => h.fake.requests.filter((request) => request.method === method && pattern.test(request.path));
// 50 lines, 2,500 characters: over Discord's 2,000 limit, under two parts' worth.
const longText = (): string => `${Array.from({ length: 50 }, (_, i) => `Line ${String(i).padStart(2, '0')} ${'x'.repeat(41)}`).join('\n')}.`;

describe('discord delivery: threads', () => {
  it('should start a thread named after the question when the question is a help-channel message', async () => {
    const question = h.fake.userSends({ channelId: h.fake.world.ids.help, author: h.fake.world.users.alice, content: 'q' });
    const title = `Why ${'very '.repeat(30)}slow`;

    const ref = await h.bot.delivery.openThread({ channelId: h.fake.world.ids.help, messageId: question.id, title });

    expect(ref).toEqual({ channelId: question.id, threadId: question.id });
    const thread = h.fake.world.channels.get(question.id);
    expect(thread).toMatchObject({ type: 11, parent_id: h.fake.world.ids.help, thread_metadata: { auto_archive_duration: 1440 } });
    expect(thread?.name.length).toBeLessThanOrEqual(100);
    expect(thread?.name.startsWith('Why very very')).toBe(true);
  });

  it('should return the existing thread when Discord says one was already created for the message', async () => {
    const first = await questionThread();

    const again = await h.bot.delivery.openThread({ channelId: h.fake.world.ids.help, messageId: first.threadId, title: 'again' });

    expect(again).toEqual(first);
    expect(calls('POST', /\/threads$/).map((request) => request.status)).toEqual([201, 400]);
  });

  it('should use the forum post itself and create nothing when the question is a forum post', async () => {
    const { thread } = h.fake.userCreatesForumPost({ forumId: h.fake.world.ids.forum, title: 'T', content: 'C', author: h.fake.world.users.bob });

    const ref = await h.bot.delivery.openThread({ channelId: h.fake.world.ids.forum, messageId: thread.id, title: 'T' });

    expect(ref).toEqual({ channelId: thread.id, threadId: thread.id });
    expect(calls('POST', /\/threads$/)).toEqual([]);
  });
});

describe('discord delivery: posting', () => {
  it('should post through one Heimo webhook under the author name and avatar when the channel allows webhooks', async () => {
    const thread = await questionThread();

    const first = await h.bot.delivery.postMessage(thread, outbound());
    const second = await h.bot.delivery.postMessage(thread, outbound({ text: 'Found it.', idempotencyKey: 'outbox-entry-2' }));

    const posted = h.fake.messagesIn(thread.threadId);
    expect(posted.map((message) => message.id)).toEqual([...first, ...second]);
    expect(posted[0]).toMatchObject({ content: 'Thanks, we are looking into it.', author: { username: 'Erin (Acme support)', bot: true }, webhook_id: expect.any(String) });
    const executes = calls('POST', /^\/webhooks\/\d+\/[^/]+$/);
    expect(executes).toHaveLength(2);
    expect(executes[0]).toMatchObject({
      query: { wait: 'true', thread_id: thread.threadId },
      authorized: false,
      body: { username: 'Erin (Acme support)', avatar_url: 'https://example.com/erin.png', allowed_mentions: { parse: [] } },
    });
    expect(calls('POST', /\/webhooks$/)).toHaveLength(1);
    expect([...h.fake.world.webhooks.values()]).toEqual([expect.objectContaining({ name: 'Heimo', channel_id: h.fake.world.ids.help })]);
  });

  it('should split a 2,500-character text into two parts and return both ids in order', async () => {
    const thread = await questionThread();
    const text = longText();
    expect(text.length).toBe(2_500);

    const ids = await h.bot.delivery.postMessage(thread, outbound({ text }));

    const posted = h.fake.messagesIn(thread.threadId);
    expect(ids).toHaveLength(2);
    expect(posted.map((message) => message.id)).toEqual(ids);
    expect(posted.every((message) => message.content.length <= 2_000)).toBe(true);
    expect(posted.map((message) => message.content.trim()).join('\n')).toBe(text);
  });

  it('should not ping anyone when the text contains @everyone, @here or raw mention syntax', async () => {
    const thread = await questionThread();
    const staff = h.fake.world.roles.staff.id;

    await h.bot.delivery.postMessage(thread, outbound({ text: `@everyone @here look <@${h.fake.world.users.bob.id}> <@&${staff}>` }));

    const [message] = h.fake.messagesIn(thread.threadId);
    expect(message?.content).not.toMatch(/@everyone|@here/);
    expect(message).toMatchObject({ mention_everyone: false, mentions: [], mention_roles: [] });
  });

  it('should post as the bot with a bold name prefix and a nonce when creating a webhook is forbidden', async () => {
    const thread = await questionThread();
    h.fake.failNext(/^POST \/channels\/\d+\/webhooks$/, { status: 403, code: 50013, message: 'Missing Permissions' });

    const ids = await h.bot.delivery.postMessage(thread, outbound());

    const [message] = h.fake.messagesIn(thread.threadId);
    expect(message).toMatchObject({ id: ids[0], content: '**Erin (Acme support)**: Thanks, we are looking into it.', author: { id: h.fake.world.botUser.id } });
    expect(message?.webhook_id).toBeUndefined();
    const post = calls('POST', /^\/channels\/\d+\/messages$/).at(-1);
    expect(post?.body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(String((post?.body as { nonce?: string }).nonce).length).toBeLessThanOrEqual(25);
    expect(h.logs.some((line) => line.msg === 'discord: cannot use a webhook here; posting as the bot')).toBe(true);
  });

  it('should let Discord drop a repeated bot post when the same delivery is sent again with its nonce', async () => {
    const thread = await questionThread();
    h.fake.permissions.manageWebhooks = false;
    h.fake.failNext('POST /channels/', { status: 503, afterHandling: true });

    const lost = await h.bot.delivery.postMessage(thread, outbound()).catch((error: unknown) => error);
    const again = await h.bot.delivery.postMessage(thread, outbound());

    expect(lost).toMatchObject({ code: 'PLATFORM_UNAVAILABLE' });
    expect(h.fake.messagesIn(thread.threadId).map((message) => message.id)).toEqual(again);
  });

  it('should find the parts already posted and post only the rest when a webhook delivery is retried', async () => {
    const thread = await questionThread();
    h.fake.failNext(/^POST \/webhooks\//, { status: 500, afterHandling: true });

    const firstTry = await h.bot.delivery.postMessage(thread, outbound({ text: longText() })).catch((error: unknown) => error);
    expect(h.fake.messagesIn(thread.threadId)).toHaveLength(1);
    const retried = await h.bot.delivery.postMessage(thread, outbound({ text: longText(), isRetry: true }));

    expect(firstTry).toBeInstanceOf(HeimoError);
    const posted = h.fake.messagesIn(thread.threadId).map((message) => message.id);
    expect(posted).toHaveLength(2);
    expect(retried).toEqual(posted);
  });

  it('should fall back to the bot and later make a new webhook when the cached webhook was deleted', async () => {
    const thread = await questionThread();
    await h.bot.delivery.postMessage(thread, outbound({ text: 'one' }));
    h.fake.world.webhooks.clear();

    await h.bot.delivery.postMessage(thread, outbound({ text: 'two', idempotencyKey: 'k2' }));
    await h.bot.delivery.postMessage(thread, outbound({ text: 'three', idempotencyKey: 'k3' }));

    const posted = h.fake.messagesIn(thread.threadId);
    expect(posted.map((message) => [message.content, message.webhook_id !== undefined])).toEqual([
      ['one', true],
      ['**Erin (Acme support)**: two', false],
      ['three', true],
    ]);
  });

  it('should post that message as the bot when Discord refuses the author name for a webhook', async () => {
    const thread = await questionThread();

    await h.bot.delivery.postMessage(thread, outbound({ author: { displayName: 'Discord Dan' }, text: 'hi' }));
    await h.bot.delivery.postMessage(thread, outbound({ text: 'next', idempotencyKey: 'k2' }));

    expect(h.fake.messagesIn(thread.threadId).map((message) => [message.content, message.webhook_id !== undefined])).toEqual([
      ['**Discord Dan**: hi', false],
      ['next', true],
    ]);
    expect(calls('POST', /\/webhooks$/)).toHaveLength(1);
  });

  it('should refuse an internal note when one is handed to the Discord delivery', async () => {
    const thread = await questionThread();

    await expect(h.bot.delivery.postMessage(thread, outbound({ internal: true }))).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(h.fake.messagesIn(thread.threadId)).toEqual([]);
  });
});

describe('discord delivery: failures', () => {
  it('should wait and succeed when Discord answers 429 with a short Retry-After', async () => {
    const thread = await questionThread();
    h.fake.failNext(/^POST \/webhooks\//, { status: 429, retryAfterSeconds: 0.3 });
    const started = Date.now();

    const ids = await h.bot.delivery.postMessage(thread, outbound());

    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(ids).toHaveLength(1);
    expect(calls('POST', /^\/webhooks\//).map((request) => request.status)).toEqual([429, 200]);
  });

  it('should throw RateLimitedError with the wait when Discord answers 429 with a long Retry-After', async () => {
    const thread = await questionThread();
    h.fake.failNext(/^POST \/webhooks\//, { status: 429, retryAfterSeconds: 7 });

    const error = await h.bot.delivery.postMessage(thread, outbound()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ platform: 'discord', code: 'RATE_LIMITED' });
    expect((error as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(7_000);
    expect(h.fake.messagesIn(thread.threadId)).toEqual([]);
  });

  it('should throw a retryable PLATFORM_UNAVAILABLE without the webhook token when Discord answers 500', async () => {
    const thread = await questionThread();
    h.fake.failNext(/^POST \/webhooks\//, { status: 500 });

    const error = await h.bot.delivery.postMessage(thread, outbound()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(HeimoError);
    expect(error).not.toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', context: { method: 'POST', status: 500, path: expect.stringMatching(/^\/webhooks\/\d+\/:token$/) } });
    const token = [...h.fake.world.webhooks.values()][0]?.token ?? 'missing';
    expect(JSON.stringify({ message: (error as Error).message, context: (error as HeimoError).context })).not.toContain(token);
    expect(calls('POST', /^\/webhooks\//)).toHaveLength(1);
  });

  it('should throw PlatformRejectedError with the Discord code when the bot may not post in the thread', async () => {
    const thread = await questionThread();
    h.fake.permissions.manageWebhooks = false;
    h.fake.failNext('POST /channels/', { status: 403, code: 50013, message: 'Missing Permissions' });

    const error = await h.bot.delivery.postMessage(thread, outbound()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ context: { method: 'POST', path: `/channels/${thread.threadId}/messages`, status: 403, discordCode: 50013 } });
  });
});

describe('discord delivery: edits and deletes', () => {
  it('should add a part when an edit makes the text longer and delete the extra part when it gets shorter', async () => {
    const thread = await questionThread();
    const [firstId] = await h.bot.delivery.postMessage(thread, outbound({ text: 'short' }));

    const grown = await h.bot.delivery.editMessage(thread, [firstId ?? ''], outbound({ text: longText(), idempotencyKey: 'edit-1' }));
    expect(grown).toHaveLength(2);
    expect(grown[0]).toBe(firstId);
    expect(h.fake.messagesIn(thread.threadId).map((message) => message.id)).toEqual(grown);

    const shrunk = await h.bot.delivery.editMessage(thread, grown, outbound({ text: 'short again', idempotencyKey: 'edit-2' }));

    expect(shrunk).toEqual([firstId]);
    expect(h.fake.messagesIn(thread.threadId).map((message) => [message.id, message.content])).toEqual([[firstId, 'short again']]);
    expect(calls('PATCH', /^\/webhooks\/\d+\/[^/]+\/messages\/\d+$/).at(-1)?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('should keep the name prefix when it edits a part the bot posted itself', async () => {
    const thread = await questionThread();
    h.fake.permissions.manageWebhooks = false;
    const ids = await h.bot.delivery.postMessage(thread, outbound({ text: 'before' }));

    await h.bot.delivery.editMessage(thread, ids, outbound({ text: 'after' }));

    expect(h.fake.messagesIn(thread.threadId).map((message) => message.content)).toEqual(['**Erin (Acme support)**: after']);
  });

  it('should delete every part and accept a part that is already gone', async () => {
    const thread = await questionThread();
    const ids = await h.bot.delivery.postMessage(thread, outbound({ text: longText() }));
    h.fake.userDeletes({ channelId: thread.threadId, messageId: ids[1] ?? '' });

    await h.bot.delivery.deleteMessage(thread, ids);

    expect(h.fake.messagesIn(thread.threadId)).toEqual([]);
    expect(calls('DELETE', /^\/webhooks\/\d+\/[^/]+\/messages\/\d+$/).map((request) => request.query.thread_id)).toEqual([thread.threadId]);
  });
});
