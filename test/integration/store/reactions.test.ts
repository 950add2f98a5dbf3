import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createSqlRelayStore } from '../../../core/conversations/sql-relay-store.ts';
import { createSqlOutboxStore } from '../../../core/outbox/sql-outbox-store.ts';
import type { OutboxDraft } from '../../../core/domain/outbox.ts';
import type { OutboxStore } from '../../../core/outbox/port.ts';
import type { RelayStore } from '../../../core/conversations/port.ts';

const author = { platform: 'discord' as const, externalId: 'u1', displayName: 'Ann', isBot: false };

describe('reactions in the SQL relay store', () => {
  let db: TestDatabase;
  let relay: RelayStore;
  let outbox: OutboxStore;
  let conversationId = '';
  let questionId = '';
  let answerId = '';
  let internalId = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    relay = createSqlRelayStore(db);
    outbox = createSqlOutboxStore(db);
    const opened = await relay.openConversation({
      communityId: 'com', title: 'T', destination: { platform: 'slack', channelId: 'S1' },
      message: { platform: 'discord', channelId: 'help', externalId: 'q1', author, text: 'question', internal: false },
      links: [{ platform: 'discord', side: 'customer', channelId: 'q1', threadId: 'q1', cardMessageId: null, url: null }],
      deliveries: () => [{ platform: 'slack', kind: 'card.post', payload: {} }],
    });
    conversationId = opened!.conversationId;
    questionId = opened!.messageId;
    const card = (await outbox.claimNext({ conversationId, platform: 'slack' }))!;
    await outbox.complete(card.entry.id, [{ type: 'link', link: { platform: 'slack', side: 'employee', channelId: 'S1', threadId: 'card.ts', cardMessageId: 'card.ts', url: null } }]);
    const employee = { platform: 'slack' as const, externalId: 'UA', displayName: 'Alice', isBot: false };
    const append = async (externalId: string, internal: boolean) => {
      const result = await relay.appendMessage({ conversationId, expectedStatus: 'open', message: { platform: 'slack', channelId: 'S1', externalId, author: employee, text: 'answer', internal }, deliveries: () => [] });
      return result.status === 'stored' ? result.messageId : '';
    };
    internalId = await append('note.ts', true);
    answerId = await append('answer.ts', false);
    // The answer's copy in Discord, as a completed delivery records it.
    await relay.changeMessage(answerId, { text: 'answer' }, [{ platform: 'discord', kind: 'message.post', payload: { messageId: answerId } }]);
    const post = (await outbox.claimNext({ conversationId, platform: 'discord' }))!;
    await outbox.complete(post.entry.id, [{ type: 'copies', messageId: answerId, platform: 'discord', channelId: 'q1', partIds: ['copy1', 'copy2'] }]);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('should find the message as written, its copy and the card when each is reacted on', async () => {
    expect(await relay.reactedMessage({ platform: 'slack', channelId: 'S1', externalId: 'answer.ts' })).toEqual({
      conversationId, messageId: answerId, on: 'source', sourcePlatform: 'slack', internal: false, deleted: false, employeePlatform: 'slack',
    });
    expect(await relay.reactedMessage({ platform: 'discord', channelId: 'q1', externalId: 'copy2' })).toMatchObject({ messageId: answerId, on: 'copy', sourcePlatform: 'slack' });
    expect(await relay.reactedMessage({ platform: 'slack', channelId: 'S1', externalId: 'card.ts' })).toMatchObject({ messageId: questionId, on: 'copy', sourcePlatform: 'discord' });
    expect(await relay.reactedMessage({ platform: 'discord', channelId: 'help', externalId: 'q1' })).toMatchObject({ messageId: questionId, on: 'source' });
    expect(await relay.reactedMessage({ platform: 'slack', channelId: 'S1', externalId: 'note.ts' })).toMatchObject({ messageId: internalId, internal: true });
    expect(await relay.reactedMessage({ platform: 'slack', channelId: 'S1', externalId: 'unknown.ts' })).toBeNull();
    expect(await relay.reactedMessage({ platform: 'slack', channelId: 'S2', externalId: 'card.ts' })).toBeNull();
  });

  it('should queue a mirror only for the first to add and the last to take back when several people react', async () => {
    const draft = (kind: 'reaction.add' | 'reaction.remove', emoji = '👍'): OutboxDraft => ({ platform: 'slack', kind, payload: { messageId: answerId, emoji, onto: 'source' } });
    const reaction = (userId: string, added: boolean) => ({ conversationId, messageId: answerId, platform: 'discord' as const, userId, emoji: '👍', added });
    expect(await relay.recordReaction(reaction('bob', true), draft('reaction.add'))).toBe('mirrored');
    expect(await relay.recordReaction(reaction('bob', true), draft('reaction.add'))).toBe('duplicate');
    expect(await relay.recordReaction(reaction('eve', true), draft('reaction.add'))).toBe('recorded');
    // Another emoji, or the same emoji on the other side, is counted on its own.
    expect(await relay.recordReaction({ ...reaction('bob', true), emoji: '🎉' }, draft('reaction.add', '🎉'))).toBe('mirrored');
    expect(await relay.recordReaction({ ...reaction('UA', true), platform: 'slack' }, { ...draft('reaction.add'), platform: 'discord' })).toBe('mirrored');
    expect(await relay.recordReaction(reaction('bob', false), draft('reaction.remove'))).toBe('recorded');
    expect(await relay.recordReaction(reaction('bob', false), draft('reaction.remove'))).toBe('duplicate');
    expect(await relay.recordReaction(reaction('eve', false), draft('reaction.remove'))).toBe('mirrored');

    const kinds: string[] = [];
    for (let claimed = await outbox.claimNext({ conversationId, platform: 'slack' }); claimed; claimed = await outbox.claimNext({ conversationId, platform: 'slack' })) {
      kinds.push(`${claimed.entry.kind} ${String(claimed.entry.payload['emoji'])} ${claimed.message?.id === answerId}`);
      await outbox.complete(claimed.entry.id, []);
    }
    expect(kinds).toEqual(['reaction.add 👍 true', 'reaction.add 🎉 true', 'reaction.remove 👍 true']);
  });

  it('should queue exactly one mirror when many people add or take back the same emoji at once', async () => {
    const people = Array.from({ length: 12 }, (_, i) => `person-${i}`);
    for (const round of [1, 2, 3]) {
      const emoji = `🔥${round}`;
      const change = (userId: string, added: boolean) =>
        relay.recordReaction(
          { conversationId, messageId: answerId, platform: 'discord', userId, emoji, added },
          { platform: 'slack', kind: added ? 'reaction.add' : 'reaction.remove', payload: { messageId: answerId, emoji, onto: 'source' } },
        );
      // On PostgreSQL these run on separate pooled connections, truly at once.
      const adds = await Promise.all(people.map((person) => change(person, true)));
      expect(adds.filter((result) => result === 'mirrored')).toHaveLength(1);
      const removes = await Promise.all(people.map((person) => change(person, false)));
      expect(removes.filter((result) => result === 'mirrored')).toHaveLength(1);
    }
  });
});
