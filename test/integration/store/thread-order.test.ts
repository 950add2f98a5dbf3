import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../core/logger.ts';
import { createDeliveryWorker, createSqlOutboxStore } from '../../../core/outbox/index.ts';
import type { CustomerDelivery, OutboundMessage } from '../../../core/ports/delivery.ts';
import type { DeliveryStream } from '../../../core/domain/outbox.ts';
import { CUSTOMER as customer, EMPLOYEE as employee, relayOn } from '../../support/relay-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { eventually } from '../../support/eventually.ts';
import { createTestQueues } from '../../support/queue.ts';

// The forum post's snowflake (2026-12-03) and two Slack replies written 40 ms apart after it.
const QUESTION_ID = String((BigInt(Date.UTC(2026, 11, 3, 8, 0, 0) - 1_420_070_400_000) << 22n));
const EARLIER_TS = '1796284860.000100';
const LATER_TS = '1796284860.040100';

// Two relays on one database stand for two Heimo processes; each reply reaches a different one.
describe('per-thread delivery order across processes', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.dispose();
  });

  const relay = () => relayOn(db);
  const reply = (ts: string, text: string) => ({ type: 'message.posted' as const, platform: 'slack' as const, channelId: 'C1', threadId: 'ts0', messageId: ts, author: employee, text });

  // A forum question whose card is in Slack (thread ts0), so Slack replies go to the Discord thread.
  const askAndCard = async (): Promise<DeliveryStream> => {
    const asked = await relay().ingest({ type: 'question.asked', platform: 'discord', channelId: 'help', threadId: 'T1', messageId: QUESTION_ID, author: customer, title: 'Help', text: 'help', url: 'u' });
    if (asked.status !== 'accepted') throw new Error(`question not accepted: ${asked.status}`);
    const outbox = createSqlOutboxStore(db);
    const card = await outbox.claimNext({ conversationId: asked.conversationId, platform: 'slack' });
    await outbox.complete(card!.entry.id, [{ type: 'link', link: { platform: 'slack', side: 'employee', channelId: 'C1', threadId: 'ts0', cardMessageId: 'ts0', url: null } }]);
    return { conversationId: asked.conversationId, platform: 'discord' };
  };

  // The later reply's process commits first, the earlier reply's process a moment after.
  const storeSwapped = async (): Promise<void> => {
    expect(await relay().ingest(reply(LATER_TS, 'second'))).toMatchObject({ status: 'accepted' });
    expect(await relay().ingest(reply(EARLIER_TS, 'first'))).toMatchObject({ status: 'accepted' });
  };

  it('should claim the replies in the order they were written when two processes committed them the other way round', async () => {
    const stream = await askAndCard();
    await storeSwapped();
    const outbox = createSqlOutboxStore(db);
    const texts: string[] = [];
    for (let claimed = await outbox.claimNext(stream); claimed; claimed = await outbox.claimNext(stream)) {
      texts.push(claimed.message?.text ?? '');
      await outbox.complete(claimed.entry.id, []);
    }
    expect(texts).toEqual(['first', 'second']);
  });

  it('should queue an edit after its message and before later messages when the edit comes last', async () => {
    const stream = await askAndCard();
    await storeSwapped();
    expect(await relay().ingest({ type: 'message.edited', platform: 'slack', channelId: 'C1', threadId: 'ts0', messageId: EARLIER_TS, text: 'first, edited' })).toMatchObject({ status: 'accepted' });
    const outbox = createSqlOutboxStore(db);
    const kinds: string[] = [];
    for (let claimed = await outbox.claimNext(stream); claimed; claimed = await outbox.claimNext(stream)) {
      kinds.push(`${claimed.entry.kind}:${claimed.message?.externalId ?? ''}`);
      await outbox.complete(claimed.entry.id, []);
    }
    expect(kinds).toEqual([`message.post:${EARLIER_TS}`, `message.edit:${EARLIER_TS}`, `message.post:${LATER_TS}`]);
  });

  it('should hold a message post back until it is settleMs old when the settle window is on', async () => {
    const stream = await askAndCard();
    expect(await relay().ingest(reply(EARLIER_TS, 'first'))).toMatchObject({ status: 'accepted' });
    const outbox = createSqlOutboxStore(db);
    const waiting = await outbox.claimSettled(stream, 400);
    expect(waiting).not.toBeNull();
    const waitMs = waiting !== null && 'waitMs' in waiting ? waiting.waitMs : -1;
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(400);
    await new Promise((resolve) => setTimeout(resolve, waitMs + 20));
    const claimed = await outbox.claimSettled(stream, 400);
    expect(claimed !== null && 'entry' in claimed ? claimed.message?.text : null).toBe('first');
  });

  // A loaded database: the relay stamped the entry a second before its transaction committed.
  const stampEarlier = async (conversationId: string, ms: number): Promise<void> => {
    await db.prisma.$executeRawUnsafe(`UPDATE "OutboxEntry" SET "createdAt" = "createdAt" - ($2::int * interval '1 millisecond') WHERE "conversationId" = $1::text AND "kind" = 'message.post'`, conversationId, ms);
  };

  it('should hold a message post back for the window after a drain first sees it when its transaction committed later than its stamp', async () => {
    const stream = await askAndCard();
    expect(await relay().ingest(reply(LATER_TS, 'second'))).toMatchObject({ status: 'accepted' });
    await stampEarlier(stream.conversationId, 1_000);
    const outbox = createSqlOutboxStore(db);
    const waiting = await outbox.claimSettled(stream, 400);
    const waitMs = waiting !== null && 'waitMs' in waiting ? waiting.waitMs : -1;
    expect(waitMs).toBeGreaterThan(300);
    expect(waitMs).toBeLessThanOrEqual(400);
    // The earlier reply commits inside the window: it goes first.
    expect(await relay().ingest(reply(EARLIER_TS, 'first'))).toMatchObject({ status: 'accepted' });
    await new Promise((resolve) => setTimeout(resolve, 450));
    const texts: string[] = [];
    for (let claimed = await outbox.claimSettled(stream, 400); claimed !== null; claimed = await outbox.claimSettled(stream, 400)) {
      if ('waitMs' in claimed) {
        await new Promise((resolve) => setTimeout(resolve, claimed.waitMs + 10));
        continue;
      }
      texts.push(claimed.message?.text ?? '');
      await outbox.complete(claimed.entry.id, []);
    }
    expect(texts).toEqual(['first', 'second']);
  });

  it('should claim an old backlog post at once when no drain saw it before', async () => {
    const stream = await askAndCard();
    expect(await relay().ingest(reply(EARLIER_TS, 'first'))).toMatchObject({ status: 'accepted' });
    await stampEarlier(stream.conversationId, 60_000);
    const claimed = await createSqlOutboxStore(db).claimSettled(stream, 400);
    expect(claimed !== null && 'entry' in claimed ? claimed.message?.text : null).toBe('first');
  });

  it('should claim a card at once when the settle window only holds message posts back', async () => {
    const asked = await relay().ingest({ type: 'question.asked', platform: 'discord', channelId: 'help', threadId: 'T1', messageId: QUESTION_ID, author: customer, title: 'Help', text: 'help', url: 'u' });
    const conversationId = asked.status === 'accepted' ? asked.conversationId : '';
    const claimed = await createSqlOutboxStore(db).claimSettled({ conversationId, platform: 'slack' }, 60_000);
    expect(claimed !== null && 'entry' in claimed ? claimed.entry.kind : null).toBe('card.post');
  });

  it('should deliver in the written order and come back for a settling entry when the worker drains a stream', async () => {
    const stream = await askAndCard();
    const queues = await createTestQueues(db);
    const posts: Array<{ text: string; at: number }> = [];
    const discord = {
      platform: 'discord',
      maxFileBytes: 1_000_000,
      maxMessageFileBytes: 1_000_000,
      postMessage: async (_thread: unknown, message: OutboundMessage) => {
        posts.push({ text: message.text, at: Date.now() });
        return [`copy-${posts.length}`];
      },
    } as unknown as CustomerDelivery;
    const settleMs = 500;
    const worker = createDeliveryWorker({
      store: createSqlOutboxStore(db),
      queues,
      deliveries: { discord },
      communityName: () => 'Acme',
      logger: createLogger({ level: 'silent' }),
      sweepIntervalMs: 0,
      orderSettleMs: settleMs,
    });
    try {
      await worker.start();
      const stored = Date.now();
      await storeSwapped();
      // Woken at once, as the relay does: the job finds the stream settling and must come back by itself.
      await worker.schedule([stream]);
      await eventually(() => posts.length === 2, 'both replies delivered', 10_000);
      expect(posts.map((post) => post.text)).toEqual(['first', 'second']);
      expect(posts[0]!.at - stored).toBeGreaterThanOrEqual(settleMs - 50);
    } finally {
      await worker.close();
      await queues.close();
    }
  }, 30_000);
});
