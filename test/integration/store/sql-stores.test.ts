import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../support/database.ts';
import { createSqlRelayStore } from '../../../core/conversations/sql-relay-store.ts';
import { createSqlOutboxStore } from '../../../core/outbox/sql-outbox-store.ts';

describe('SQL relay and outbox stores', () => {
  it('should store, deduplicate, order, claim and complete deliveries when driven through the SQL stores', async () => {
    const db = await createTestDatabase();
    try {
      const relay = createSqlRelayStore(db);
      const outbox = createSqlOutboxStore(db);
      const author = { platform: 'discord' as const, externalId: 'u1', displayName: 'Ann', isBot: false };
      const message = { platform: 'discord' as const, channelId: 'c1', externalId: 'm1', author, text: 'hello', internal: false };
      const opened = await relay.openConversation({
        communityId: 'com', title: 'T', destination: { platform: 'slack', channelId: 'S1' }, message,
        links: [{ platform: 'discord', side: 'customer', channelId: 'c1', threadId: 't1', cardMessageId: null, url: 'http://x' }],
        deliveries: ({ conversationId, messageId }) => [{ platform: 'slack', kind: 'card.post', payload: { conversationId, messageId } }, { platform: 'slack', kind: 'message.post', payload: { messageId } }],
      });
      expect(opened).not.toBeNull();
      const again = await relay.openConversation({
        communityId: 'com', title: 'T', destination: { platform: 'slack', channelId: 'S1' }, message, links: [], deliveries: () => [],
      });
      expect(again).toBeNull();
      const convId = opened!.conversationId;
      const context = await relay.threadContext({ platform: 'discord', channelId: 'c1', threadId: 't1', externalId: 'm9' });
      expect(context).toMatchObject({ isCopy: false, link: { conversationId: convId, side: 'customer', url: 'http://x' }, state: { status: 'open', employeePlatform: 'slack' } });
      expect(await relay.threadContext({ platform: 'discord', channelId: 'c1', threadId: 'nope', externalId: 'm9' })).toEqual({ isCopy: false, link: null, state: null });
      expect(await relay.conversationState(convId)).toEqual({ status: 'open', employeePlatform: 'slack', communityId: 'com' });
      const q = await relay.findMessage('discord', 'c1', 'm1');
      expect(q).toMatchObject({ isQuestion: true, text: 'hello', deleted: false, author: { displayName: 'Ann' } });
      // append with changed author name and status answered
      const appended = await relay.appendMessage({
        conversationId: convId, expectedStatus: 'open', status: 'answered',
        message: { ...message, externalId: 'm2', author: { ...author, displayName: 'Ann B', avatarUrl: 'http://a' }, text: 'two' },
        deliveries: (messageId) => [{ platform: 'slack', kind: 'message.post', payload: { messageId } }],
      });
      expect(appended.status).toBe('stored');
      const appendedId = appended.status === 'stored' ? appended.messageId : '';
      expect(await relay.appendMessage({ conversationId: convId, expectedStatus: 'answered', message: { ...message, externalId: 'm2', author: { ...author, displayName: 'Ann B', avatarUrl: 'http://a' } }, deliveries: () => [] })).toEqual({ status: 'duplicate' });
      // Decided from a status the conversation has left: nothing is stored.
      expect(await relay.appendMessage({ conversationId: convId, expectedStatus: 'open', message: { ...message, externalId: 'm3' }, deliveries: () => [{ platform: 'slack', kind: 'message.post', payload: {} }] })).toEqual({ status: 'stale' });
      expect(await relay.findMessage('discord', 'c1', 'm3')).toBeNull();
      expect(await relay.conversationState(convId)).toEqual({ status: 'answered', employeePlatform: 'slack', communityId: 'com' });
      const m2 = await outbox.message(appendedId);
      expect(m2).toMatchObject({ isQuestion: false, author: { displayName: 'Ann B', avatarUrl: 'http://a' } });
      // concurrent new person
      const p2 = { platform: 'discord' as const, externalId: 'u2', displayName: 'Bob', isBot: false };
      const both = await Promise.all([0, 1].map((n) => relay.appendMessage({ conversationId: convId, expectedStatus: 'answered', message: { ...message, externalId: `c${n}`, author: p2 }, deliveries: () => [] })));
      expect(both.map((r) => r.status)).toEqual(['stored', 'stored']);
      // outbox
      const stream = { conversationId: convId, platform: 'slack' as const };
      const claimed = await outbox.claimNext(stream);
      expect(claimed).toMatchObject({ entry: { seq: 1, kind: 'card.post', attempts: 1, payload: { conversationId: convId } }, link: null, message: { id: opened!.messageId } });
      const first = claimed!.entry;
      await outbox.releaseAttempt(first.id);
      expect((await outbox.claimNext(stream))?.entry).toMatchObject({ id: first.id, attempts: 1 });
      expect(await outbox.complete(first.id, [{ type: 'link', link: { platform: 'slack', side: 'employee', channelId: 'S1', threadId: 'ts1', cardMessageId: 'ts1', url: null } }])).toEqual({ morePending: true });
      expect((await relay.threadContext({ platform: 'slack', channelId: 'S1', threadId: 'ts1', externalId: 'x' })).link).toMatchObject({ conversationId: convId, cardMessageId: 'ts1' });
      await outbox.complete(first!.id, [{ type: 'link', link: { platform: 'slack', side: 'employee', channelId: 'S1', threadId: 'ts2', cardMessageId: 'ts2', url: null } }]);
      expect((await relay.threadContext({ platform: 'slack', channelId: 'S1', threadId: 'ts2', externalId: 'x' })).link).toMatchObject({ conversationId: convId });
      const secondClaim = await outbox.claimNext(stream);
      expect(secondClaim).toMatchObject({
        entry: { seq: 2, kind: 'message.post', attempts: 1 },
        link: { platform: 'slack', threadId: 'ts2' },
        message: { id: opened!.messageId, isQuestion: true, text: 'hello', author: { displayName: 'Ann B' } },
      });
      const second = secondClaim!.entry;
      await outbox.complete(second!.id, [{ type: 'copies', messageId: opened!.messageId, platform: 'slack', channelId: 'S1', partIds: ['a', 'b'] }]);
      expect(await outbox.copies(opened!.messageId, 'slack')).toEqual({ channelId: 'S1', partIds: ['a', 'b'] });
      expect((await relay.threadContext({ platform: 'slack', channelId: 'S1', threadId: 'ts2', externalId: 'a' })).isCopy).toBe(true);
      // A copy Heimo posted, arriving as an inbound message: refused inside the append.
      expect(await relay.appendMessage({ conversationId: convId, expectedStatus: 'answered', message: { ...message, platform: 'slack', channelId: 'S1', externalId: 'a' }, deliveries: () => [] })).toEqual({ status: 'echo' });
      expect((await relay.threadContext({ platform: 'slack', channelId: 'S1', threadId: 'ts2', externalId: 'z' })).isCopy).toBe(false);
      await outbox.complete(second!.id, [{ type: 'copies', messageId: opened!.messageId, platform: 'slack', channelId: 'S1', partIds: ['b', 'c'] }]);
      expect(await outbox.copies(opened!.messageId, 'slack')).toEqual({ channelId: 'S1', partIds: ['b', 'c'] });
      await outbox.complete(second!.id, [{ type: 'copies', messageId: opened!.messageId, platform: 'slack', channelId: 'S1', partIds: [] }]);
      expect(await outbox.copies(opened!.messageId, 'slack')).toEqual({ channelId: '', partIds: [] });
      await expect(outbox.complete('nope', [])).rejects.toThrow();
      const third = (await outbox.claimNext(stream))?.entry;
      expect(third).toMatchObject({ seq: 3 });
      await outbox.fail(third!.id, 'boom', true);
      expect((await outbox.listDead()).map((d) => d.lastError)).toEqual(['boom']);
      await relay.changeMessage(opened!.messageId, { text: 'edited' }, [{ platform: 'slack', kind: 'message.edit', payload: { messageId: opened!.messageId } }]);
      const edit = await outbox.claimNext(stream);
      expect(edit).toMatchObject({ entry: { seq: 4, kind: 'message.edit' }, message: { text: 'edited' } });
      expect(await outbox.complete(edit!.entry.id, [])).toEqual({ morePending: false });
      expect(await outbox.claimNext(stream)).toBeNull();
      await relay.changeMessage(opened!.messageId, { deleted: true }, [{ platform: 'slack', kind: 'message.delete', payload: { messageId: opened!.messageId } }]);
      expect(await outbox.message(opened!.messageId)).toMatchObject({ deleted: true, text: 'edited' });
      expect(await outbox.conversationView(convId)).toMatchObject({
        id: convId, communityId: 'com', title: 'T', status: 'answered', destination: { platform: 'slack', channelId: 'S1' },
        asker: { displayName: 'Ann B', avatarUrl: 'http://a' }, customerThreadUrl: 'http://x',
      });
      expect((await outbox.conversationView(convId)).questionText).toContain('deleted');
      await expect(outbox.conversationView('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await outbox.pendingStreams(new Date(Date.now() + 1000))).length).toBe(1);
      expect((await outbox.pendingStreams(new Date(Date.now() - 60_000))).length).toBe(0);
      await expect(relay.changeMessage('nope', { deleted: true }, [])).rejects.toThrow();
    } finally {
      await db.dispose();
    }
  }, 60_000);
});
