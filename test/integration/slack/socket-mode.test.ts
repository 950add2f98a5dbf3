import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestOutcome } from '../../../core/domain/events.ts';
import type { CardRef } from '../../../core/ports/delivery.ts';
import type { FakeSlackEnvelope } from '../../fakes/slack/fake-slack.ts';
import { cardView, type SlackHarness, startSlackHarness, waitFor, waitForLog } from './harness.ts';

const CHANNEL = 'C0TRIAGE';
const ACCEPTED: IngestOutcome = { status: 'accepted', conversationId: 'conv-1' };

describe('slack events over Socket Mode', () => {
  let h: SlackHarness;
  let card: CardRef;

  beforeEach(async () => {
    h = await startSlackHarness({ socketMode: true, ackTimeoutMs: 1_000 });
    card = await h.bot.delivery.postCard({ platform: 'slack', channelId: CHANNEL }, cardView());
  });
  afterEach(async () => h.close());

  const envelopeOf = (eventId: string): FakeSlackEnvelope | undefined => h.fake.envelopes.find((envelope) => envelope.eventId === eventId);
  const reply = (text: string) => h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text, threadTs: card.threadId });

  it('should hand the core an employee reply and ack its envelope when the reply arrives over the socket', async () => {
    const { ts, delivery } = await reply('Hi <@U0BOB>, can you check?');
    expect(delivery?.status).toBe(200);
    expect(h.events).toEqual([
      {
        type: 'message.posted',
        platform: 'slack',
        channelId: CHANNEL,
        threadId: card.threadId,
        messageId: ts,
        author: { platformUserId: 'U0ALICE', displayName: 'alice.l', avatarUrl: 'https://avatars.example/alice-72.png', isBot: false },
        text: 'Hi @Bob Virtanen, can you check?',
        mentionedUserIds: ['U0BOB'],
      },
    ]);
    expect(h.bot.routes).toEqual([]);
    expect(h.fake.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it('should leave the envelope unacknowledged when the core fails, and handle its redelivery once', async () => {
    let failing = true;
    h.outcome = () => {
      if (failing) throw new Error('database down');
      return ACCEPTED;
    };
    const { delivery } = await reply('first');
    expect(delivery?.status).toBe(0);
    const line = await waitForLog(h, 'handling a slack message failed');
    expect(line).toMatchObject({ level: 'error', redeliver: true, error: { message: 'database down' } });
    await waitForLog(h, 'slack event left unacknowledged so that Slack redelivers it');
    const first = h.fake.envelopes.at(-1);
    expect(first?.acked).toBe(false);

    failing = false;
    const retry = await h.fake.redeliver(first?.envelopeId ?? '');
    expect(retry.status).toBe(200);
    expect(h.fake.envelopes.at(-1)).toMatchObject({ eventId: first?.eventId, retryAttempt: 1, acked: true });
    await waitForLog(h, 'slack message handled', { eventId: first?.eventId, retryNum: 1 });
    expect(h.events).toHaveLength(2);
    expect(h.events[1]).toEqual(h.events[0]);
  });

  it('should ignore its own posts, edits, deletes and reactions when Slack echoes them over the socket', async () => {
    const thread = { channelId: CHANNEL, threadId: card.threadId };
    const message = { author: { displayName: 'Dana' }, text: 'still broken', internal: false, idempotencyKey: 'outbox-9', isRetry: false };
    const [partId = ''] = await h.bot.delivery.postMessage(thread, message);
    await h.bot.delivery.editMessage(thread, [partId], { ...message, text: 'still broken, sorry' });
    await h.bot.delivery.react({ channelId: CHANNEL, messageId: partId }, '👍', true);
    await h.bot.delivery.deleteMessage(thread, [partId]);
    await h.fake.settled();
    // card post + relay post + edit + reaction + delete: all delivered over the socket and acknowledged
    expect(h.fake.envelopes.map((envelope) => envelope.acked)).toEqual([true, true, true, true, true]);
    await waitFor(() => h.logs.filter((line) => line.msg === 'slack message ignored' && String(line['reason']).startsWith('own post')).length === 4, 'four echoes ignored');
    await waitForLog(h, 'slack reaction ignored', { reason: 'own reaction' });
    expect(h.events).toEqual([]);
  });

  it('should hand the core a reaction and ack it when an employee reacts over the socket', async () => {
    const { ts } = await reply('looking into it');
    const delivery = await h.fake.userReacts({ channel: CHANNEL, ts, user: 'U0BOB', name: '+1::skin-tone-4' });
    expect(delivery?.status).toBe(200);
    expect(h.events[1]).toEqual({ type: 'reaction.added', platform: 'slack', channelId: CHANNEL, messageId: ts, userId: 'U0BOB', emoji: '👍🏽' });
  });

  it('should ack the card link button at once when Slack sends the click over the socket', async () => {
    const result = await h.fake.userClicks({
      type: 'block_actions',
      team: { id: 'T0FAKE' },
      user: { id: 'U0ALICE' },
      api_app_id: 'A0HEIMO',
      channel: { id: CHANNEL },
      container: { type: 'message', message_ts: card.cardMessageId, channel_id: CHANNEL },
      trigger_id: 'trig-1',
      actions: [{ type: 'button', action_id: 'heimo_open_discord', block_id: 'b1', action_ts: '1700000010.000001', url: 'https://discord.com/channels/1/2/3' }],
    });
    expect(result?.status).toBe(200);
    expect(h.fake.envelopes.at(-1)).toMatchObject({ type: 'interactive', acked: true });
  });

  it('should leave the envelope for redelivery when the socket is down once the core finished', async () => {
    let release: (outcome: IngestOutcome) => void = () => undefined;
    h.outcome = () => new Promise<IngestOutcome>((resolve) => (release = resolve));
    const posting = reply('slow one');
    await waitFor(() => h.events.length === 1, 'the core got the reply');
    // Reconnects fail until cleared, so the ack surely finds no socket.
    for (let attempt = 0; attempt < 10; attempt += 1) h.fake.failNext('apps.connections.open', { status: 500 });
    h.fake.dropSocket();
    await waitFor(() => !h.bot.health().ok, 'the bot saw the socket go');
    release(ACCEPTED);
    await waitForLog(h, 'slack event handled but its ack could not be sent; Slack will redeliver it');
    expect((await posting).delivery?.status).toBe(0);

    h.outcome = () => ACCEPTED;
    h.fake.clearFailures('apps.connections.open');
    await waitFor(() => h.bot.health().ok && h.fake.sockets().open === 1, 'reconnected');
    const lost = h.fake.envelopes.at(-1);
    expect(lost?.acked).toBe(false);
    expect((await h.fake.redeliver(lost?.envelopeId ?? '')).status).toBe(200);
    expect(h.events).toHaveLength(2);
  });
});
