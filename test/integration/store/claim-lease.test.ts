import type { Job } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineCommunity, type NetworkConfig } from '../../../core/domain/network.ts';
import type { DeliveryStream } from '../../../core/domain/outbox.ts';
import { createSqlRelayStore } from '../../../core/conversations/sql-relay-store.ts';
import { createRelay } from '../../../core/conversations/create-relay.ts';
import { createLogger } from '../../../core/logger.ts';
import { NOOP_METRICS } from '../../../core/metrics/metrics.ts';
import { createCircuitBreaker } from '../../../core/outbox/circuit-breaker.ts';
import { createDrain } from '../../../core/outbox/drain-stream.ts';
import { createSqlOutboxStore } from '../../../core/outbox/sql-outbox-store.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';

const network: NetworkConfig = {
  internalMarkers: ['//'],
  communities: [defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g', routes: [{ discordChannelId: 'help', destination: { platform: 'slack', channelId: 'C1' } }] })],
};
const customer = { platformUserId: 'u1', displayName: 'Ann', isBot: false };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Two drains of one stream at once: what a drain job whose BullMQ lock expired under load (and was
// taken back by another worker while its first run still delivered) amounts to.
describe('claim lease', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.dispose();
  });

  // A question whose card is already in Slack, and one follow-up waiting to be posted there.
  const pendingFollowUp = async (): Promise<DeliveryStream> => {
    const relay = createRelay({ network, store: createSqlRelayStore(db), schedule: async () => undefined, logger: createLogger({ level: 'silent' }) });
    const asked = await relay.ingest({ type: 'question.asked', platform: 'discord', channelId: 'help', threadId: 'T1', messageId: 'q', author: customer, title: 'Help', text: 'help', url: 'u' });
    if (asked.status !== 'accepted') throw new Error(`question not stored: ${asked.status}`);
    const outbox = createSqlOutboxStore(db);
    const card = await outbox.claimNext({ conversationId: asked.conversationId, platform: 'slack' });
    await outbox.complete(card!.entry.id, [{ type: 'link', link: { platform: 'slack', side: 'employee', channelId: 'C1', threadId: 'ts1', cardMessageId: 'ts1', url: null } }]);
    expect(await relay.ingest({ type: 'message.posted', platform: 'discord', channelId: 'T1', threadId: 'T1', messageId: 'f1', author: customer, text: 'more' })).toMatchObject({ status: 'accepted' });
    return { conversationId: asked.conversationId, platform: 'slack' };
  };

  const drainWith = (postMessage: () => Promise<string[]>, scheduled: number[], claimLeaseMs?: number) =>
    createDrain({
      store: createSqlOutboxStore(db),
      deliveries: { slack: { postMessage } as never },
      communityName: () => 'Acme',
      logger: createLogger({ level: 'silent' }),
      metrics: NOOP_METRICS,
      retry: { horizonMs: 86_400_000, maxAttempts: 8 },
      batchSize: 10,
      breaker: () => createCircuitBreaker(),
      pause: async () => undefined,
      schedule: async (_streams, delayMs) => void scheduled.push(delayMs ?? 0),
      settleMs: 0,
      closing: () => false,
      ...(claimLeaseMs === undefined ? {} : { claimLeaseMs }),
    });

  it('should post an entry once when two drains of its stream run at the same time and the delivery is slow', async () => {
    const stream = await pendingFollowUp();
    let posts = 0;
    const slowPost = async (): Promise<string[]> => {
      posts += 1;
      await sleep(400);
      return [`p${posts}`];
    };
    const scheduled: number[] = [];
    const job = { id: 'j1', data: stream, attemptsStarted: 1 } as unknown as Job<DeliveryStream>;
    await Promise.all([drainWith(slowPost, scheduled)(job), sleep(50).then(() => drainWith(slowPost, scheduled)(job))]);
    expect(posts).toBe(1);
    // The drain that found the entry held comes back later (in case its holder died) instead of posting it.
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]).toBeGreaterThan(0);
    expect(await createSqlOutboxStore(db).claimNext(stream)).toBeNull();
  });

  it('should keep the entry held past its lease when the delivery renews the claim while it runs', async () => {
    const stream = await pendingFollowUp();
    let posts = 0;
    const slowPost = async (): Promise<string[]> => {
      posts += 1;
      await sleep(900);
      return [`p${posts}`];
    };
    const job = { id: 'j1', data: stream, attemptsStarted: 1 } as unknown as Job<DeliveryStream>;
    const scheduled: number[] = [];
    // A 300 ms lease: the second drain starts after it would have ended without renewal.
    await Promise.all([drainWith(slowPost, scheduled, 300)(job), sleep(500).then(() => drainWith(slowPost, scheduled, 300)(job))]);
    expect(posts).toBe(1);
  });

  it('should let another drain take the entry once the lease of a claim that ended without an answer ran out', async () => {
    const stream = await pendingFollowUp();
    const outbox = createSqlOutboxStore(db);
    // A drain that claimed and then died (SIGKILL): its lease is never renewed nor released.
    const first = await outbox.claimSettled(stream, 0, 200);
    expect(first).toMatchObject({ entry: { kind: 'message.post' } });
    expect(await outbox.claimSettled(stream, 0, 200)).toEqual({ waitMs: expect.any(Number) });
    await sleep(250);
    expect(await outbox.claimSettled(stream, 0, 200)).toMatchObject({ entry: { kind: 'message.post', attempts: 2 } });
  });
});
