import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlBackfillStore } from '../../../core/backfill/sql-backfill-store.ts';
import { createSqlOutboxStore } from '../../../core/outbox/sql-outbox-store.ts';
import { createSqlRelayStore } from '../../../core/conversations/sql-relay-store.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';

describe('backfill store', () => {
  // Migrating a fresh PGlite takes seconds on a busy machine: the hook's longer limit covers it.
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('should resume after the last message Heimo received when its own later post is in the same thread', async () => {
    const relay = createSqlRelayStore(db);
    const outbox = createSqlOutboxStore(db);
    const backfill = createSqlBackfillStore(db);
    const author = { platform: 'discord' as const, externalId: 'u1', displayName: 'Ann', isBot: false };
    const opened = await relay.openConversation({
      communityId: 'com', title: 'T', destination: { platform: 'slack', channelId: 'S1' },
      message: { platform: 'discord', channelId: 'help', externalId: '1000', author, text: 'question', internal: false },
      links: [{ platform: 'discord', side: 'customer', channelId: 'thread-1', threadId: 'thread-1', cardMessageId: null, url: null }],
      deliveries: ({ messageId }) => [{ platform: 'slack', kind: 'message.post', payload: { messageId } }],
    });
    const conversationId = opened?.conversationId ?? '';
    await relay.appendMessage({ conversationId, expectedStatus: 'open', message: { platform: 'discord', channelId: 'thread-1', externalId: '2000', author, text: 'follow-up', internal: false }, deliveries: () => [] });
    // An employee's answer, delivered into the Discord thread after the follow-up: Heimo's own post.
    const answer = await relay.appendMessage({
      conversationId, expectedStatus: 'open',
      message: { platform: 'slack', channelId: 'S1', externalId: '1.000001', author: { platform: 'slack', externalId: 'U1', displayName: 'Erin', isBot: false }, text: 'answer', internal: false },
      deliveries: (messageId) => [{ platform: 'discord', kind: 'message.post', payload: { messageId } }],
    });
    const answerId = answer.status === 'stored' ? answer.messageId : '';
    await outbox.complete((await outbox.claimNext({ conversationId, platform: 'discord' }))?.entry.id ?? '', [{ type: 'copies', messageId: answerId, platform: 'discord', channelId: 'thread-1', partIds: ['3000'] }]);

    // What customers wrote between 2000 and Heimo's post 3000 is still to be read.
    expect(await backfill.lastSeen({ platform: 'discord', channelId: 'thread-1' })).toBe('2000');
    expect(await backfill.lastSeen({ platform: 'discord', channelId: 'help' })).toBe('1000');
  });

  it('should resume after the last message stored before the connection was lost when the new session stored a later one first', async () => {
    const relay = createSqlRelayStore(db);
    const backfill = createSqlBackfillStore(db);
    const author = { platform: 'discord' as const, externalId: 'u2', displayName: 'Bo', isBot: false };
    const opened = await relay.openConversation({
      communityId: 'com', title: 'T2', destination: { platform: 'slack', channelId: 'S1' },
      message: { platform: 'discord', channelId: 'help-2', externalId: '5000', author, text: 'question', internal: false },
      links: [{ platform: 'discord', side: 'customer', channelId: 'thread-2', threadId: 'thread-2', cardMessageId: null, url: null }],
      deliveries: () => [],
    });
    const conversationId = opened?.conversationId ?? '';
    await relay.appendMessage({ conversationId, expectedStatus: 'open', message: { platform: 'discord', channelId: 'thread-2', externalId: '6000', author, text: 'before the drop', internal: false }, deliveries: () => [] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const lostAt = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // 7000 was written during the drop (missed); 8000 came live on the new session before the catch-up.
    await relay.appendMessage({ conversationId, expectedStatus: 'open', message: { platform: 'discord', channelId: 'thread-2', externalId: '8000', author, text: 'live again', internal: false }, deliveries: () => [] });
    expect(await backfill.lastSeen({ platform: 'discord', channelId: 'thread-2', storedBefore: lostAt })).toBe('6000');
    expect(await backfill.lastSeen({ platform: 'discord', channelId: 'thread-2' })).toBe('8000');
  });
});
