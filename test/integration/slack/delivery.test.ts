import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeimoError, PlatformRejectedError, RateLimitedError } from '../../../core/errors.ts';
import type { CardRef, OutboundMessage } from '../../../core/ports/delivery.ts';
import { cardView, type SlackHarness, startSlackHarness } from './harness.ts';

const CHANNEL = 'C0TRIAGE';
const destination = { platform: 'slack', channelId: CHANNEL } as const;
const message = (overrides: Partial<OutboundMessage> = {}): OutboundMessage => ({
  author: { displayName: 'Dana', avatarUrl: 'https://cdn.discord.example/dana.png' },
  text: 'It still fails.',
  internal: false,
  idempotencyKey: 'outbox-msg-1',
  isRetry: false,
  ...overrides,
});
// 7,000 characters of short lines: more than two 3,000-character parts can hold.
const longText = Array.from({ length: 80 }, (_, line) => `Line ${line} ${'x'.repeat(90)}`).join('\n').slice(0, 7_000);

describe('slack delivery', () => {
  let h: SlackHarness;
  let card: CardRef;
  const thread = () => ({ channelId: card.channelId, threadId: card.threadId });

  beforeEach(async () => {
    h = await startSlackHarness();
    card = await h.bot.delivery.postCard(destination, cardView());
  });
  afterEach(async () => h.close());

  it('should post a Block Kit card with title, asker, community, question, status and link when a card is posted', () => {
    const posted = h.fake.message(CHANNEL, card.cardMessageId);
    expect(card).toEqual({ channelId: CHANNEL, threadId: card.cardMessageId, cardMessageId: card.cardMessageId });
    expect(posted?.metadata).toEqual({ event_type: 'heimo_card', event_payload: { conversation_id: 'conv-1', key: 'outbox-card-1' } });
    const blocks = JSON.stringify(posted?.blocks);
    for (const piece of ['Login fails after update', 'Dana', 'Acme Community', '403', 'Open in Discord', 'https://discord.com/channels/1/2/3', ':large_blue_circle: Open']) {
      expect(blocks).toContain(piece);
    }
    expect(posted?.text).toContain('Login fails after update');
    expect(posted?.sent).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
  });

  it('should replace the blocks in place when the card is updated', async () => {
    await h.bot.delivery.updateCard(destination, card, cardView({ status: 'resolved', title: 'Login fixed' }));
    const updated = h.fake.message(CHANNEL, card.cardMessageId);
    expect(JSON.stringify(updated?.blocks)).toContain(':white_check_mark: Resolved');
    expect(JSON.stringify(updated?.blocks)).toContain('Login fixed');
    expect(h.fake.messages.filter((m) => m.channel === CHANNEL && m.threadTs === undefined)).toHaveLength(1);
  });

  it('should reuse the card an earlier attempt posted when the card post is retried', async () => {
    const again = await h.bot.delivery.postCard(destination, cardView({ isRetry: true }));
    expect(again).toEqual(card);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('should post as the author with their avatar when relaying a message', async () => {
    const ids = await h.bot.delivery.postMessage(thread(), message());
    expect(ids).toHaveLength(1);
    const posted = h.fake.message(CHANNEL, ids[0] ?? '');
    expect(posted).toMatchObject({ threadTs: card.threadId, username: 'Dana', iconUrl: 'https://cdn.discord.example/dana.png', text: 'It still fails.' });
    expect(posted?.metadata).toEqual({ event_type: 'heimo_relay', event_payload: { key: 'outbox-msg-1', part: 0 } });
    expect(posted?.sent).toMatchObject({ parse: 'none', link_names: 'false', unfurl_links: 'false', mrkdwn: 'true' });
  });

  it('should split a 7,000-character message into three parts in order when it is relayed', async () => {
    const ids = await h.bot.delivery.postMessage(thread(), message({ text: longText }));
    expect(ids).toHaveLength(3);
    const texts = ids.map((id) => h.fake.message(CHANNEL, id)?.text ?? '');
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3_000);
    expect(texts.join('').replace(/\s/g, '')).toBe(longText.replace(/\s/g, ''));
    expect(ids.map((id) => h.fake.message(CHANNEL, id)?.metadata?.event_payload['part'])).toEqual([0, 1, 2]);
  });

  it('should neutralise <!channel> and escape markup when a customer types them', async () => {
    const [id = ''] = await h.bot.delivery.postMessage(thread(), message({ text: 'hey <!channel> @here look <b>now</b> & fast' }));
    const text = h.fake.message(CHANNEL, id)?.text ?? '';
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<!here>');
    expect(text).not.toMatch(/(^|\s)@here/);
    expect(text).toContain('&lt;');
    expect(text).toContain('&amp;');
  });

  it('should mark the text as an internal note when an internal message reaches delivery', async () => {
    const [id = ''] = await h.bot.delivery.postMessage(thread(), message({ internal: true, text: 'VIP customer' }));
    expect(h.fake.message(CHANNEL, id)?.text).toMatch(/^:lock: \*Internal note\*\n/);
  });

  it('should throw RateLimitedError with retryAfterMs when Slack answers 429', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 7 });
    const error = await h.bot.delivery.postMessage(thread(), message()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', platform: 'slack', retryAfterMs: 7_000, context: { method: 'chat.postMessage' } });
    expect(h.fake.callsTo('chat.postMessage').filter((call) => call.status === 429)).toHaveLength(1);
  });

  it('should throw a retryable PLATFORM_UNAVAILABLE error when Slack answers 500', async () => {
    h.fake.failNext('chat.postMessage', { status: 500 });
    const error = await h.bot.delivery.postMessage(thread(), message()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HeimoError);
    expect(error).not.toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', context: { method: 'chat.postMessage', status: 500 } });
  });

  it('should throw PlatformRejectedError with the method and Slack error when the channel is gone', async () => {
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const error = await h.bot.delivery.postCard(destination, cardView({ idempotencyKey: 'outbox-card-2' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ code: 'PLATFORM_REJECTED', context: { method: 'chat.postMessage', error: 'channel_not_found' } });
    expect(JSON.stringify((error as HeimoError).context)).not.toContain(h.fake.token);
  });

  it('should post nothing again when a retried message had fully reached Slack', async () => {
    const ids = await h.bot.delivery.postMessage(thread(), message({ text: longText }));
    const replay = await h.bot.delivery.postMessage(thread(), message({ text: longText, isRetry: true }));
    expect(replay).toEqual(ids);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1 + 3); // the card, then three parts once
    expect(h.fake.callsTo('conversations.replies').at(-1)?.params).toMatchObject({ ts: card.threadId, include_all_metadata: 'true' });
  });

  it('should reuse parts already posted and post only the missing one when a split message is retried', async () => {
    h.fake.failNext('chat.postMessage', { status: 500 }, { afterCalls: 2 });
    const first = await h.bot.delivery.postMessage(thread(), message({ text: longText })).catch((caught: unknown) => caught);
    expect(first).toMatchObject({ code: 'PLATFORM_UNAVAILABLE' });
    expect(h.fake.thread(CHANNEL, card.threadId)).toHaveLength(1 + 2);
    const ids = await h.bot.delivery.postMessage(thread(), message({ text: longText, isRetry: true }));
    expect(ids).toHaveLength(3);
    expect(h.fake.thread(CHANNEL, card.threadId).map((m) => m.ts)).toEqual([card.threadId, ...ids]);
    expect(h.fake.callsTo('chat.postMessage').filter((call) => call.status === 200)).toHaveLength(1 + 3);
  });

  it('should update, add and remove parts when a relayed message is edited', async () => {
    const ids = await h.bot.delivery.postMessage(thread(), message({ text: 'short' }));
    const grown = await h.bot.delivery.editMessage(thread(), ids, message({ text: longText, idempotencyKey: 'outbox-edit-1' }));
    expect(grown).toHaveLength(3);
    expect(grown[0]).toBe(ids[0]);
    expect(h.fake.message(CHANNEL, grown[0] ?? '')?.text.startsWith('Line 0 ')).toBe(true);
    const shrunk = await h.bot.delivery.editMessage(thread(), grown, message({ text: 'short again', idempotencyKey: 'outbox-edit-2' }));
    expect(shrunk).toEqual([ids[0]]);
    expect(h.fake.message(CHANNEL, ids[0] ?? '')?.text).toBe('short again');
    expect(h.fake.message(CHANNEL, grown[1] ?? '')).toBeUndefined();
    expect(h.fake.message(CHANNEL, grown[2] ?? '')).toBeUndefined();
  });

  it('should delete every part and accept parts already gone when a relayed message is deleted', async () => {
    const ids = await h.bot.delivery.postMessage(thread(), message({ text: longText }));
    await h.bot.delivery.deleteMessage(thread(), [ids[0] ?? '']);
    await expect(h.bot.delivery.deleteMessage(thread(), ids)).resolves.toBeUndefined();
    expect(ids.map((id) => h.fake.message(CHANNEL, id))).toEqual([undefined, undefined, undefined]);
    expect(h.fake.callsTo('chat.delete').filter((call) => call.error === 'message_not_found')).toHaveLength(1);
  });
});
