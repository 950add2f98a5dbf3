import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuestionFlow, createRelay, createSqlRelayStore } from '../../../core/conversations/index.ts';
import { isThanks, isThanksEmoji } from '../../../core/credits/index.ts';
import type { StaffRoleSeenEvent } from '../../../core/domain/domain-events.ts';
import type { InboundEvent, IngestOutcome, MessagePostedEvent } from '../../../core/domain/events.ts';
import { defineCommunity, NO_PERMISSIONS, type NetworkConfig } from '../../../core/domain/network.ts';
import type { QueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';
import { createJobs, type Jobs } from '../../../core/jobs/index.ts';
import { createLifecycle, createSqlLifecycleStore } from '../../../core/lifecycle/index.ts';
import { createLogger } from '../../../core/logger.ts';
import { createSqlOutboxWriter } from '../../../core/outbox/index.ts';
import { createSqlRoutingStore } from '../../../core/routing/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestQueues } from '../../support/queue.ts';
import { CUSTOMER } from '../../support/relay-fixture.ts';

const STAFF = { platformUserId: 'u-staff', displayName: 'Sanna', isBot: false };
const NETWORK: NetworkConfig = {
  internalMarkers: ['//'],
  communities: [defineCommunity({
    id: 'acme', name: 'Acme', discordGuildId: 'g',
    routes: [{ discordChannelId: 'help', destination: { platform: 'slack', channelId: 'C1' } }],
    permissions: { ...NO_PERMISSIONS, discord: { moderatorRoleIds: ['r-mod'], staffRoleIds: ['r-staff'] } },
  })],
};
const gratitude = { isThanks: (text: string) => isThanks(text), isThanksEmoji: (emoji: string) => isThanksEmoji(emoji) };

// The relay with the question flow on the real job system: `staff.seen` is a DomainEvent row written
// in the transaction of the question or message whose author holds the community's Discord staff
// role. `transactions` counts the flow transactions the relay opened.
describe('staff.seen from the relay on the real database', () => {
  let db: TestDatabase;
  let queues: QueueFactory;
  let jobs: Jobs;
  let transactions = 0;
  let ingest: (event: InboundEvent) => Promise<IngestOutcome>;

  const discord = (messageId: string, text: string, extra: Partial<MessagePostedEvent> = {}): MessagePostedEvent =>
    ({ type: 'message.posted', platform: 'discord', channelId: 'q1', threadId: 'q1', messageId, author: CUSTOMER, text, ...extra });
  const seenEvents = async (): Promise<StaffRoleSeenEvent[]> =>
    (await db.pool.query<{ payload: StaffRoleSeenEvent }>(`SELECT "payload" FROM "DomainEvent" WHERE "type" = 'staff.seen' ORDER BY "createdAt", "id"`)).rows.map((row) => row.payload);
  const eventCount = async (type: string): Promise<number> => (await db.pool.query(`SELECT 1 FROM "DomainEvent" WHERE "type" = $1::text`, [type])).rows.length;

  beforeAll(async () => {
    db = await createTestDatabase();
    queues = await createTestQueues(db);
    jobs = createJobs({ database: db, queues, logger: createLogger({ level: 'silent' }), sweepIntervalMs: 0 });
    const counted: Jobs = { ...jobs, transaction: (work) => { transactions += 1; return jobs.transaction(work); } };
    const lifecycle = createLifecycle({ jobs: counted, store: createSqlLifecycleStore(), network: () => NETWORK, outbox: createSqlOutboxWriter() });
    const questions = createQuestionFlow({ jobs: counted, routes: createSqlRoutingStore(db), lifecycle, gratitude });
    ingest = createRelay({ network: NETWORK, store: createSqlRelayStore(db), schedule: async () => undefined, logger: createLogger({ level: 'silent' }), questions }).ingest;
    const asked = await ingest({ type: 'question.asked', platform: 'discord', channelId: 'help', threadId: 'q1', messageId: 'q1', author: CUSTOMER, title: 'Help', text: 'It crashes', url: 'u', authorRoleIds: ['r-other'] });
    if (asked.status !== 'accepted') throw new Error(`question not stored: ${asked.status}`);
  });
  afterAll(async () => {
    await jobs?.close();
    await queues?.close();
    await db?.dispose();
  });

  it('should store a follow-up in one statement and publish nothing when its author holds no staff role', async () => {
    const before = transactions;
    expect(await ingest(discord('d1', 'Here is the log', { authorRoleIds: ['r-other', 'r-mod'] }))).toMatchObject({ status: 'accepted' });
    expect(await ingest(discord('d2', 'And a screenshot'))).toMatchObject({ status: 'accepted' });
    expect(transactions).toBe(before);
    expect(await seenEvents()).toEqual([]);
  });

  it('should publish staff.seen with the message, once, when its author holds the community staff role', async () => {
    const before = transactions;
    const reply = discord('s1', 'Restart it in safe mode.', { author: STAFF, authorRoleIds: ['r-other', 'r-staff'] });
    expect(await ingest(reply)).toMatchObject({ status: 'accepted' });
    expect(transactions).toBe(before + 1);
    expect(await ingest(reply)).toMatchObject({ status: 'duplicate' });
    const events = await seenEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'staff.seen', communityId: 'acme', account: { platform: 'discord', userId: 'u-staff' } });
  });

  it('should publish both the thanks and staff.seen in one transaction when a staff member thanks someone', async () => {
    const before = transactions;
    const thanksBefore = await eventCount('gratitude.expressed');
    expect(await ingest(discord('s2', 'Thanks for the log!', { author: STAFF, authorRoleIds: ['r-staff'] }))).toMatchObject({ status: 'accepted' });
    expect(transactions).toBe(before + 1);
    expect(await eventCount('gratitude.expressed')).toBe(thanksBefore + 1);
    expect(await seenEvents()).toHaveLength(2);
  });

  it('should publish staff.seen with the question when its asker holds the community staff role', async () => {
    const asked = await ingest({ type: 'question.asked', platform: 'discord', channelId: 'help', threadId: 'q2', messageId: 'q2', author: STAFF, title: 'Test', text: 'Testing the bridge', url: 'u', authorRoleIds: ['r-staff'] });
    expect(asked).toMatchObject({ status: 'accepted' });
    expect(await seenEvents()).toHaveLength(3);
  });

  it('should never publish for a bot or for a role the network file does not name as staff', async () => {
    const count = (await seenEvents()).length;
    await ingest(discord('b1', 'Automated notice', { author: { platformUserId: 'bot', displayName: 'Bot', isBot: true }, authorRoleIds: ['r-staff'] }));
    await ingest(discord('m1', 'Moderator here', { authorRoleIds: ['r-mod'] }));
    expect(await seenEvents()).toHaveLength(count);
  });
});
