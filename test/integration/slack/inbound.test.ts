import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeimoError } from '../../../core/errors.ts';
import type { CardRef } from '../../../core/ports/delivery.ts';
import { sendSlackEvent } from '../../fakes/slack/sign.ts';
import { cardView, SIGNING_SECRET, type SlackHarness, startSlackHarness, waitFor, waitForLog } from './harness.ts';

const CHANNEL = 'C0TRIAGE';

describe('slack inbound events', () => {
  let h: SlackHarness;
  let card: CardRef;

  beforeEach(async () => {
    h = await startSlackHarness();
    card = await h.bot.delivery.postCard({ platform: 'slack', channelId: CHANNEL }, cardView());
  });
  afterEach(async () => h.close());

  it('should hand the core a message.posted with the resolved author and the mentioned ids when an employee replies in a card thread', async () => {
    const { ts, delivery } = await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'Hi <@U0BOB>, can you check?', threadTs: card.threadId });
    expect(delivery?.status).toBe(200);
    const event = await waitFor(() => h.events[0], 'message.posted');
    expect(event).toEqual({
      type: 'message.posted',
      platform: 'slack',
      channelId: CHANNEL,
      threadId: card.threadId,
      messageId: ts,
      author: { platformUserId: 'U0ALICE', displayName: 'alice.l', avatarUrl: 'https://avatars.example/alice-72.png', isBot: false },
      text: 'Hi @Bob Virtanen, can you check?',
      mentionedUserIds: ['U0BOB'],
    });
  });

  it('should look a user up once when the same person posts twice', async () => {
    await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'one', threadTs: card.threadId });
    await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'two', threadTs: card.threadId });
    await waitFor(() => h.events.length === 2, 'two events');
    expect(h.fake.callsTo('users.info').filter((call) => call.params['user'] === 'U0ALICE')).toHaveLength(1);
  });

  it('should ignore a message when it is posted at the top level of the channel', async () => {
    const { delivery } = await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'lunch anyone?' });
    expect(delivery?.status).toBe(200);
    await waitForLog(h, 'slack message ignored', { reason: 'not in a thread' });
    expect(h.events).toEqual([]);
  });

  it('should hand the core a message.edited with the thread id when an employee edits a reply', async () => {
    const { ts } = await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'teh fix', threadTs: card.threadId });
    await waitFor(() => h.events.length === 1, 'posted');
    await h.fake.userEdits(CHANNEL, ts, 'the fix');
    const edited = await waitFor(() => h.events[1], 'message.edited');
    expect(edited).toEqual({ type: 'message.edited', platform: 'slack', channelId: CHANNEL, threadId: card.threadId, messageId: ts, text: 'the fix' });
  });

  it('should hand the core a message.deleted with the thread id when an employee deletes a reply', async () => {
    const { ts } = await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'oops', threadTs: card.threadId });
    await waitFor(() => h.events.length === 1, 'posted');
    await h.fake.userDeletes(CHANNEL, ts);
    const deleted = await waitFor(() => h.events[1], 'message.deleted');
    expect(deleted).toEqual({ type: 'message.deleted', platform: 'slack', channelId: CHANNEL, threadId: card.threadId, messageId: ts });
  });

  it('should ignore its own posts, edits and deletes when Slack echoes them back', async () => {
    const thread = { channelId: CHANNEL, threadId: card.threadId };
    const message = { author: { displayName: 'Dana' }, text: 'still broken', internal: false, idempotencyKey: 'outbox-9', isRetry: false };
    const [partId = ''] = await h.bot.delivery.postMessage(thread, message);
    await h.bot.delivery.editMessage(thread, [partId], { ...message, text: 'still broken, sorry' });
    await h.bot.delivery.deleteMessage(thread, [partId]);
    await h.fake.settled();
    // card post + relay post + relay edit + relay delete: all delivered to the bot and acknowledged
    expect(h.fake.deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200]);
    await waitFor(() => h.logs.filter((line) => line.msg === 'slack message ignored' && String(line['reason']).startsWith('own post')).length === 4, 'four echoes ignored');
    expect(h.events).toEqual([]);
  });

  it('should ignore channel joins and other bots when they arrive as subtypes', async () => {
    await sendSlackEvent(h.eventsUrl, { type: 'message', subtype: 'channel_join', channel: CHANNEL, user: 'U0BOB', ts: '1.000001', text: '<@U0BOB> joined' }, SIGNING_SECRET);
    await sendSlackEvent(h.eventsUrl, { type: 'message', subtype: 'bot_message', channel: CHANNEL, bot_id: 'B0OTHER', ts: '1.000002', thread_ts: card.threadId, text: 'deployed' }, SIGNING_SECRET);
    await waitForLog(h, 'slack message ignored', { reason: 'subtype channel_join' });
    await waitForLog(h, 'slack message ignored', { reason: 'bot_message' });
    expect(h.events).toEqual([]);
  });

  it('should hand a redelivered event to the core again when Slack retries it (the core dedupes)', async () => {
    const event = { type: 'message', channel: CHANNEL, user: 'U0ALICE', text: 'retry me', ts: '1700000000.000100', thread_ts: card.threadId };
    const first = await sendSlackEvent(h.eventsUrl, event, SIGNING_SECRET, { eventId: 'Ev0RETRY' });
    const again = await sendSlackEvent(h.eventsUrl, event, SIGNING_SECRET, { eventId: 'Ev0RETRY', retryNum: 1, retryReason: 'http_timeout' });
    expect([first.status, again.status]).toEqual([200, 200]);
    await waitFor(() => h.events.length === 2, 'both deliveries');
    expect(h.events[0]).toEqual(h.events[1]);
    await waitForLog(h, 'slack message handled', { eventId: 'Ev0RETRY', retryNum: 1 });
  });

  it('should add a :lock: reaction when the core says the reply was an internal note', async () => {
    h.outcome = () => ({ status: 'accepted', conversationId: 'conv-1', messageId: 'm-1', internal: true });
    const { ts } = await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'note: customer is on the old plan', threadTs: card.threadId });
    await waitFor(() => h.fake.message(CHANNEL, ts)?.reactions.length === 1, 'lock reaction');
    expect(h.fake.message(CHANNEL, ts)?.reactions).toEqual([{ name: 'lock', user: h.fake.identity.botUserId }]);
  });

  it('should log and keep serving when the lock reaction fails', async () => {
    h.outcome = () => ({ status: 'accepted', conversationId: 'conv-1', internal: true });
    h.fake.failNext('reactions.add', { error: 'missing_scope' });
    await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'note: x', threadTs: card.threadId });
    await waitForLog(h, 'could not mark an internal note with :lock:');
    await h.fake.userPosts({ channel: CHANNEL, user: 'U0BOB', text: 'public', threadTs: card.threadId });
    await waitFor(() => h.events.length === 2, 'second event');
  });

  it('should answer 500 so Slack redelivers when the core handler throws, and take the redelivery', async () => {
    let failing = true;
    h.outcome = () => {
      if (failing) throw new Error('database down');
      return { status: 'accepted', conversationId: 'conv-1' };
    };
    const event = { type: 'message', channel: CHANNEL, user: 'U0ALICE', text: 'first', ts: '1700000000.000200', thread_ts: card.threadId };
    const first = await sendSlackEvent(h.eventsUrl, event, SIGNING_SECRET, { eventId: 'Ev0DBDOWN' });
    expect(first.status).toBe(500);
    const line = await waitForLog(h, 'handling a slack message failed');
    expect(line).toMatchObject({ level: 'error', eventId: 'Ev0DBDOWN', messageId: '1700000000.000200', redeliver: true, error: { message: 'database down' } });
    failing = false;
    const retry = await sendSlackEvent(h.eventsUrl, event, SIGNING_SECRET, { eventId: 'Ev0DBDOWN', retryNum: 1 });
    expect(retry.status).toBe(200);
    expect(h.events).toHaveLength(2);
  });

  it('should acknowledge without redelivery when the core rejects the input as bad', async () => {
    h.outcome = () => {
      throw new HeimoError('BAD_INPUT', 'text too long to store');
    };
    const { delivery } = await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'x', threadTs: card.threadId });
    expect(delivery?.status).toBe(200);
    await waitForLog(h, 'handling a slack message failed', { redeliver: false });
  });

  it('should fall back to the user id when users.info fails', async () => {
    h.fake.failNext('users.info', { status: 500 });
    await h.fake.userPosts({ channel: CHANNEL, user: 'U0BOB', text: 'hello', threadTs: card.threadId });
    const event = await waitFor(() => h.events[0], 'event');
    expect(event.type === 'message.posted' && event.author).toEqual({ platformUserId: 'U0BOB', displayName: 'U0BOB', isBot: false });
  });
});
