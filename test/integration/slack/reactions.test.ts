import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeimoError, PlatformRejectedError } from '../../../core/errors.ts';
import type { CardRef } from '../../../core/ports/delivery.ts';
import { sendSlackEvent } from '../../fakes/slack/sign.ts';
import { cardView, SIGNING_SECRET, type SlackHarness, startSlackHarness, waitFor, waitForLog } from './harness.ts';

const CHANNEL = 'C0TRIAGE';

describe('slack reactions', () => {
  let h: SlackHarness;
  let card: CardRef;
  /** An employee's reply in the card's thread, already handed to the core (events[0]). */
  let replyTs: string;

  beforeEach(async () => {
    h = await startSlackHarness();
    card = await h.bot.delivery.postCard({ platform: 'slack', channelId: CHANNEL }, cardView());
    replyTs = (await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'looking into it', threadTs: card.threadId })).ts;
    await waitFor(() => h.events.length === 1, 'the reply');
  });
  afterEach(async () => h.close());

  const reactionEvents = () => h.events.filter((event) => event.type === 'reaction.added' || event.type === 'reaction.removed');
  const botReactionDeliveries = () =>
    h.fake.deliveries.filter((delivery) => String(delivery.event['type']).startsWith('reaction_') && delivery.event['user'] === h.fake.identity.botUserId);

  describe('inbound', () => {
    it('should hand the core a reaction.added with every field when an employee reacts on a reply', async () => {
      const delivery = await h.fake.userReacts({ channel: CHANNEL, ts: replyTs, user: 'U0BOB', name: 'tada' });
      expect(delivery?.status).toBe(200);
      const event = await waitFor(() => h.events[1], 'reaction.added');
      expect(event).toEqual({ type: 'reaction.added', platform: 'slack', channelId: CHANNEL, messageId: replyTs, userId: 'U0BOB', emoji: '🎉' });
    });

    it('should hand the core the toned emoji when the reaction carries a skin tone', async () => {
      await h.fake.userReacts({ channel: CHANNEL, ts: card.cardMessageId, user: 'U0ALICE', name: '+1::skin-tone-4' });
      const event = await waitFor(() => h.events[1], 'reaction.added');
      expect(event).toMatchObject({ type: 'reaction.added', messageId: card.cardMessageId, emoji: '👍🏽' });
    });

    it('should hand the core a reaction.removed when an employee takes a reaction back', async () => {
      await h.fake.userReacts({ channel: CHANNEL, ts: replyTs, user: 'U0BOB', name: 'eyes' });
      await h.fake.userReacts({ channel: CHANNEL, ts: replyTs, user: 'U0BOB', name: 'eyes', added: false });
      await waitFor(() => h.events.length === 3, 'added and removed');
      expect(h.events[2]).toEqual({ type: 'reaction.removed', platform: 'slack', channelId: CHANNEL, messageId: replyTs, userId: 'U0BOB', emoji: '👀' });
      expect(h.fake.message(CHANNEL, replyTs)?.reactions).toEqual([]);
    });

    it('should hand the core nothing when Slack echoes the reactions Heimo itself adds and removes', async () => {
      await h.bot.delivery.react({ channelId: CHANNEL, messageId: replyTs }, '👍', true);
      await h.bot.delivery.react({ channelId: CHANNEL, messageId: replyTs }, '👍', false);
      await h.fake.settled();
      expect(botReactionDeliveries().map((delivery) => [delivery.event['type'], delivery.status])).toEqual([['reaction_added', 200], ['reaction_removed', 200]]);
      await waitFor(() => h.logs.filter((line) => line.msg === 'slack reaction ignored' && line['reason'] === 'own reaction').length === 2, 'both echoes ignored');
      expect(reactionEvents()).toEqual([]);
    });

    it('should hand the core nothing when Slack echoes the :lock: marker on an internal note', async () => {
      h.outcome = () => ({ status: 'accepted', conversationId: 'conv-1', messageId: 'm-2', internal: true });
      const { ts } = await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text: 'note: VIP', threadTs: card.threadId });
      await waitFor(() => botReactionDeliveries().length === 1, 'the :lock: echo');
      await h.fake.settled();
      expect(botReactionDeliveries()[0]).toMatchObject({ status: 200, event: { type: 'reaction_added', reaction: 'lock', item: { channel: CHANNEL, ts } } });
      await waitForLog(h, 'slack reaction ignored', { reason: 'own reaction' });
      expect(h.events.map((event) => event.type)).toEqual(['message.posted', 'message.posted']);
    });

    it('should hand the core nothing when the reaction is a custom workspace emoji', async () => {
      const delivery = await h.fake.userReacts({ channel: CHANNEL, ts: replyTs, user: 'U0BOB', name: 'partyparrot' });
      expect(delivery?.status).toBe(200);
      await waitForLog(h, 'slack reaction ignored', { reason: 'custom emoji partyparrot' });
      expect(reactionEvents()).toEqual([]);
    });

    it('should hand the core nothing when another bot reacts', async () => {
      await h.fake.userReacts({ channel: CHANNEL, ts: replyTs, user: 'U0OTHERBOT', name: 'white_check_mark' });
      await waitForLog(h, 'slack reaction ignored', { reason: 'reaction by a bot' });
      expect(reactionEvents()).toEqual([]);
    });

    it('should log, acknowledge and keep serving when a reaction event is malformed', async () => {
      const broken = await sendSlackEvent(h.eventsUrl, { type: 'reaction_added', user: 'U0BOB', reaction: 7, item: { type: 'message', channel: CHANNEL, ts: replyTs } }, SIGNING_SECRET);
      const noItem = await sendSlackEvent(h.eventsUrl, { type: 'reaction_removed', user: 'U0BOB', reaction: 'eyes' }, SIGNING_SECRET);
      expect([broken.status, noItem.status]).toEqual([200, 200]);
      expect(await waitForLog(h, 'malformed slack reaction event dropped', { reason: 'reaction is missing or not a string' })).toMatchObject({ level: 'error' });
      await waitForLog(h, 'malformed slack reaction event dropped', { reason: 'item is missing or not an object' });
      await h.fake.userReacts({ channel: CHANNEL, ts: replyTs, user: 'U0BOB', name: 'heart' });
      expect(await waitFor(() => reactionEvents()[0], 'a later reaction')).toMatchObject({ emoji: '❤️' });
    });

    it('should answer 500 so Slack redelivers when the core fails on a reaction, and take the redelivery', async () => {
      let failing = true;
      h.outcome = () => {
        if (failing) throw new Error('database down');
        return { status: 'accepted', conversationId: 'conv-1' };
      };
      const event = { type: 'reaction_added', user: 'U0BOB', reaction: 'eyes', item: { type: 'message', channel: CHANNEL, ts: replyTs }, event_ts: '1.000001' };
      const first = await sendSlackEvent(h.eventsUrl, event, SIGNING_SECRET, { eventId: 'Ev0REACT' });
      expect(first.status).toBe(500);
      expect(await waitForLog(h, 'handling a slack reaction failed')).toMatchObject({ level: 'error', eventId: 'Ev0REACT', messageId: replyTs, redeliver: true });
      failing = false;
      const retry = await sendSlackEvent(h.eventsUrl, event, SIGNING_SECRET, { eventId: 'Ev0REACT', retryNum: 1 });
      expect(retry.status).toBe(200);
      expect(reactionEvents()).toHaveLength(2);
    });

    it('should acknowledge without redelivery when the core rejects a reaction as bad input', async () => {
      h.outcome = () => {
        throw new HeimoError('BAD_INPUT', 'no such message');
      };
      const delivery = await h.fake.userReacts({ channel: CHANNEL, ts: replyTs, user: 'U0BOB', name: 'eyes' });
      expect(delivery?.status).toBe(200);
      await waitForLog(h, 'handling a slack reaction failed', { redeliver: false });
    });
  });

  describe('delivery', () => {
    const target = () => ({ channelId: CHANNEL, messageId: replyTs });
    const botNames = (ts: string) => (h.fake.message(CHANNEL, ts)?.reactions ?? []).filter((r) => r.user === h.fake.identity.botUserId).map((r) => r.name);

    it('should add and then remove its reaction when asked to react and to take it back', async () => {
      await h.bot.delivery.react(target(), '🎉', true);
      expect(botNames(replyTs)).toEqual(['tada']);
      await h.bot.delivery.react(target(), '🎉', false);
      expect(botNames(replyTs)).toEqual([]);
      expect(h.fake.callsTo('reactions.remove').map((call) => [call.params['name'], call.error])).toEqual([['tada', undefined]]);
    });

    it('should name the skin tone as Slack writes it when the emoji is toned', async () => {
      await h.bot.delivery.react({ channelId: CHANNEL, messageId: card.cardMessageId }, '👍🏽', true);
      expect(botNames(card.cardMessageId)).toEqual(['+1::skin-tone-4']);
    });

    it('should resolve when the reaction is already there', async () => {
      await h.bot.delivery.react(target(), '👍', true);
      await expect(h.bot.delivery.react(target(), '👍', true)).resolves.toBeUndefined();
      expect(botNames(replyTs)).toEqual(['+1']);
      expect(h.fake.callsTo('reactions.add').at(-1)?.error).toBe('already_reacted');
    });

    it('should resolve when removing a reaction Heimo does not have', async () => {
      await expect(h.bot.delivery.react(target(), '👍', false)).resolves.toBeUndefined();
      expect(h.fake.callsTo('reactions.remove').map((call) => call.error)).toEqual(['no_reaction']);
    });

    it('should resolve when the message is gone', async () => {
      const gone = { channelId: CHANNEL, messageId: '1.999999' };
      await expect(h.bot.delivery.react(gone, '👍', true)).resolves.toBeUndefined();
      await expect(h.bot.delivery.react(gone, '👍', false)).resolves.toBeUndefined();
      expect([...h.fake.callsTo('reactions.add'), ...h.fake.callsTo('reactions.remove')].map((call) => call.error)).toEqual(['message_not_found', 'message_not_found']);
    });

    it('should throw a retryable PLATFORM_UNAVAILABLE error when Slack answers 500', async () => {
      h.fake.failNext('reactions.add', { status: 500 });
      const error = await h.bot.delivery.react(target(), '👍', true).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HeimoError);
      expect(error).not.toBeInstanceOf(PlatformRejectedError);
      expect(error).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', context: { method: 'reactions.add', status: 500 } });
      h.fake.failNext('reactions.remove', { status: 500 });
      await expect(h.bot.delivery.react(target(), '👍', false)).rejects.toMatchObject({ code: 'PLATFORM_UNAVAILABLE', context: { method: 'reactions.remove' } });
    });

    it.each([
      { method: 'reactions.add', added: true, error: 'invalid_name' },
      { method: 'reactions.add', added: true, error: 'too_many_emoji' },
      { method: 'reactions.add', added: true, error: 'too_many_reactions' },
      { method: 'reactions.add', added: true, error: 'thread_locked' },
      { method: 'reactions.add', added: true, error: 'is_archived' },
      { method: 'reactions.remove', added: false, error: 'invalid_name' },
      { method: 'reactions.remove', added: false, error: 'is_archived' },
    ] as const)('should resolve and only warn when $method answers $error, which no retry can change', async ({ method, added, error }) => {
      if (!added) await h.bot.delivery.react(target(), '👀', true);
      h.fake.failNext(method, { error });
      await expect(h.bot.delivery.react(target(), '👀', added)).resolves.toBeUndefined();
      expect(h.fake.callsTo(method).at(-1)?.error).toBe(error);
      expect(await waitForLog(h, 'slack cannot show the reaction; not reacting')).toMatchObject({ level: 'warn', channelId: CHANNEL, messageId: replyTs, name: 'eyes', added, error });
      expect(botNames(replyTs)).toEqual(added ? [] : ['eyes']);
    });

    it('should throw PlatformRejectedError when Slack refuses for another reason', async () => {
      h.fake.failNext('reactions.add', { error: 'missing_scope' });
      const error = await h.bot.delivery.react(target(), '👍', true).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PlatformRejectedError);
      expect(error).toMatchObject({ context: { method: 'reactions.add', error: 'missing_scope' } });
    });

    it('should call Slack not at all and only warn when the emoji has no Slack shortcode', async () => {
      await expect(h.bot.delivery.react(target(), '\u{E000}', true)).resolves.toBeUndefined();
      expect([...h.fake.callsTo('reactions.add'), ...h.fake.callsTo('reactions.remove')]).toEqual([]);
      expect(await waitForLog(h, 'slack has no shortcode for a reaction emoji; not reacting')).toMatchObject({ level: 'warn', messageId: replyTs });
    });
  });
});
