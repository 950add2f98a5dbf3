import { describe, expect, it } from 'vitest';
import type { MessagePostedEvent } from '../../../core/domain/events.ts';
import type { Destination } from '../../../core/domain/types.ts';
import { PlatformRejectedError } from '../../../core/errors.ts';
import { channelReaction, channelReply, nextMessageId, sendActivity } from '../../fakes/teams/send-activity.ts';
import { message, view } from './delivery-fixtures.ts';
import { EMPLOYEE, eachTeamsHarness, type TeamsHarness } from './harness.ts';

describe('Teams bot reactions (real teams-ai over HTTP, authentication ON)', () => {
  let h: TeamsHarness;
  let destination: Destination;
  eachTeamsHarness((harness, channel) => {
    h = harness;
    destination = channel;
  });

  const send = async (activity: Record<string, unknown>): Promise<number> => (await sendActivity(h.botUrl, activity, await h.token())).status;

  it('should key reaction.added exactly like the reply’s message.posted when an employee reacts on a reply', async () => {
    const rootId = nextMessageId();
    const reply = channelReply(h.scene, { rootId, from: EMPLOYEE, html: '<p>Restart the service</p>' });
    await send(reply);
    const posted = h.events[0] as MessagePostedEvent;

    const status = await send(channelReaction(h.scene, { rootId, messageId: String(reply['id']), from: EMPLOYEE, added: ['like'] }));

    expect(status).toBe(200);
    expect(posted.type).toBe('message.posted');
    expect(h.events[1]).toEqual({
      type: 'reaction.added',
      platform: 'teams',
      channelId: posted.channelId,
      threadId: posted.threadId,
      messageId: posted.messageId,
      userId: posted.author.platformUserId,
      emoji: '👍',
    });
    expect(h.events[1]).toMatchObject({ channelId: h.scene.channelId, threadId: rootId, messageId: reply['id'], userId: 'aad-erin' });
  });

  it('should key the reaction like the card and the copy the delivery recorded when an employee reacts on Heimo’s posts', async () => {
    const card = await h.bot.delivery.postCard(destination, view());
    const [copyId] = await h.bot.delivery.postMessage(card, message({ text: 'It fails on login' }));

    await send(channelReaction(h.scene, { rootId: card.threadId, messageId: card.cardMessageId, from: EMPLOYEE, added: ['heart'] }));
    await send(channelReaction(h.scene, { rootId: card.threadId, messageId: copyId ?? '', from: EMPLOYEE, added: ['laugh'] }));

    expect(copyId).toBeDefined();
    expect(h.events).toEqual([
      { type: 'reaction.added', platform: 'teams', channelId: card.channelId, threadId: card.threadId, messageId: card.cardMessageId, userId: 'aad-erin', emoji: '❤️' },
      { type: 'reaction.added', platform: 'teams', channelId: card.channelId, threadId: card.threadId, messageId: copyId, userId: 'aad-erin', emoji: '😆' },
    ]);
  });

  it('should relay reaction.removed when Teams reports a reaction taken back', async () => {
    const rootId = nextMessageId();

    const status = await send(channelReaction(h.scene, { rootId, messageId: rootId, from: EMPLOYEE, removed: ['surprised'] }));

    expect(status).toBe(200);
    expect(h.events).toEqual([
      { type: 'reaction.removed', platform: 'teams', channelId: h.scene.channelId, threadId: rootId, messageId: rootId, userId: 'aad-erin', emoji: '😮' },
    ]);
  });

  it('should pass the emoji through when Teams sends an emoji as the reaction type', async () => {
    const rootId = nextMessageId();

    await send(channelReaction(h.scene, { rootId, messageId: rootId, from: EMPLOYEE, added: ['👍🏽', '🇫🇮'] }));

    expect(h.events.map((event) => (event.type === 'reaction.added' ? event.emoji : event.type))).toEqual(['👍🏽', '🇫🇮']);
  });

  it('should relay nothing and log the type at debug when the reaction type is unknown', async () => {
    const rootId = nextMessageId();

    const status = await send(channelReaction(h.scene, { rootId, messageId: rootId, from: EMPLOYEE, added: ['partyparrot'] }));

    expect(status).toBe(200);
    expect(h.events).toEqual([]);
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 'debug', msg: 'Teams reaction types without a Unicode emoji not relayed', types: ['partyparrot'] }));
  });

  it('should relay one event per known reaction, removals first, when one activity carries several', async () => {
    const rootId = nextMessageId();
    const messageId = nextMessageId();

    await send(channelReaction(h.scene, { rootId, messageId, from: EMPLOYEE, added: ['like', 'partyparrot', 'angry'], removed: ['sad'] }));

    expect(h.events.map((event) => [event.type, event.type === 'reaction.added' || event.type === 'reaction.removed' ? event.emoji : '', event.messageId])).toEqual([
      ['reaction.removed', '😢', messageId],
      ['reaction.added', '👍', messageId],
      ['reaction.added', '😠', messageId],
    ]);
  });

  it('should relay nothing when the reaction is the bot’s own', async () => {
    const rootId = nextMessageId();

    const status = await send(channelReaction(h.scene, { rootId, messageId: rootId, from: { id: `28:${h.appId}`, name: 'Heimo' }, added: ['like'] }));

    expect(status).toBe(200);
    expect(h.events).toEqual([]);
  });

  it('should relay nothing when the reaction is in a conversation Heimo does not serve', async () => {
    const messageId = nextMessageId();
    const personal = channelReaction(h.scene, { rootId: messageId, messageId, from: EMPLOYEE, added: ['like'] });
    personal['conversation'] = { id: 'a:1personal-chat', conversationType: 'personal', tenantId: h.scene.tenantId };

    const status = await send(personal);

    expect(status).toBe(200);
    expect(h.events).toEqual([]);
  });

  it('should answer 500 so Teams resends it when the core cannot take a reaction', async () => {
    h.outcome = () => {
      throw new Error('database is down');
    };
    const rootId = nextMessageId();

    const status = await send(channelReaction(h.scene, { rootId, messageId: rootId, from: EMPLOYEE, added: ['like'] }));

    expect(status).toBe(500);
  });

  it('should refuse for good without calling the connector when asked to react', async () => {
    const card = await h.bot.delivery.postCard(destination, view());
    const callsBefore = h.connector.calls.length;

    const attempt = h.bot.delivery.react({ channelId: card.channelId, messageId: card.cardMessageId }, '👍', true);

    await expect(attempt).rejects.toBeInstanceOf(PlatformRejectedError);
    await expect(attempt).rejects.toMatchObject({ code: 'PLATFORM_REJECTED', platform: 'teams', context: { method: 'react', messageId: card.cardMessageId } });
    expect(h.connector.calls).toHaveLength(callsBefore);
  });
});
