import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlRelayStore } from '../../../core/conversations/index.ts';
import { createSqlRoutingStore } from '../../../core/routing/sql-routing-store.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';

describe('routing store', () => {
  let db: TestDatabase;
  let seq = 0;

  // A real conversation: the route row belongs to one and goes with it.
  const openConversation = async (): Promise<string> => {
    seq += 1;
    const author = { platform: 'discord' as const, externalId: `u${seq}`, displayName: 'Ann', isBot: false };
    const opened = await createSqlRelayStore(db).openConversation({
      communityId: 'acme', title: 'T', destination: { platform: 'slack', channelId: 'S1' },
      message: { platform: 'discord', channelId: 'help', externalId: `m${seq}`, author, text: 'question', internal: false },
      links: [{ platform: 'discord', side: 'customer', channelId: `thread-${seq}`, threadId: `thread-${seq}`, cardMessageId: null, url: null }],
      deliveries: () => [],
    });
    if (opened === null) throw new Error('conversation not opened');
    return opened.conversationId;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('should give back the rule, team, tier and language when a question was routed', async () => {
    const store = createSqlRoutingStore(db);
    const conversationId = await openConversation();
    const routedAt = new Date('2026-12-03T09:10:11.123Z');
    await store.save({ conversationId, communityId: 'acme', teamId: 'billing', rule: 'billing', tierId: 'premium', language: 'fi', routedAt });
    expect(await store.find(conversationId)).toEqual({ conversationId, communityId: 'acme', teamId: 'billing', rule: 'billing', tierId: 'premium', language: 'fi', routedAt });
  });

  it('should keep one row with the latest route when a question is routed again', async () => {
    const store = createSqlRoutingStore(db);
    const conversationId = await openConversation();
    await store.save({ conversationId, communityId: 'acme', teamId: 'billing', rule: 'billing', tierId: 'premium', language: 'fi', routedAt: new Date('2026-12-03T09:00:00.000Z') });
    const moved = { conversationId, communityId: 'acme', teamId: 'channel:help', rule: 'channel-route', tierId: null, language: null, routedAt: new Date('2026-12-03T10:00:00.000Z') };
    await store.save(moved);
    expect(await store.find(conversationId)).toEqual(moved);
    const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "QuestionRoute" WHERE "conversationId" = $1::text`, [conversationId]);
    expect(rows[0]?.n).toBe(1);
  });

  it('should answer null when a question was never routed', async () => {
    expect(await createSqlRoutingStore(db).find(await openConversation())).toBeNull();
  });

  it('should refuse a route when no such conversation exists', async () => {
    const save = createSqlRoutingStore(db).save({ conversationId: 'no-such-conversation', communityId: 'acme', teamId: 't', rule: 'r', tierId: null, language: null, routedAt: new Date() });
    await expect(save).rejects.toThrow(/foreign key/i);
  });
});
