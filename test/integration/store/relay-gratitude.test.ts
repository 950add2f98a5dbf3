import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuestionFlow, createRelay, createSqlRelayStore } from '../../../core/conversations/index.ts';
import { isThanks, isThanksEmoji } from '../../../core/credits/index.ts';
import type { GratitudeExpressedEvent } from '../../../core/domain/domain-events.ts';
import type { InboundEvent, MessagePostedEvent } from '../../../core/domain/events.ts';
import type { QueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';
import { createJobs, type Jobs } from '../../../core/jobs/index.ts';
import { createLifecycle, createSqlLifecycleStore } from '../../../core/lifecycle/index.ts';
import { createLogger } from '../../../core/logger.ts';
import { createSqlOutboxStore, createSqlOutboxWriter } from '../../../core/outbox/index.ts';
import { createSqlRoutingStore } from '../../../core/routing/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestQueues } from '../../support/queue.ts';
import { defineCommunity, type NetworkConfig } from '../../../core/domain/network.ts';
import { CUSTOMER, EMPLOYEE } from '../../support/relay-fixture.ts';

const HELPER = { platformUserId: 'u2', displayName: 'Hugo', isBot: false };
// Help goes to Slack, help-teams to Teams (where no bot can react: reactions are not mirrored there).
const NETWORK: NetworkConfig = {
  internalMarkers: ['//'],
  communities: [defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g', routes: [
    { discordChannelId: 'help', destination: { platform: 'slack', channelId: 'C1' } },
    { discordChannelId: 'help-teams', destination: { platform: 'teams', channelId: 'TC' } },
  ] })],
};
const gratitude = { isThanks: (text: string) => isThanks(text), isThanksEmoji: (emoji: string) => isThanksEmoji(emoji) };

// The relay with the question flow on the real job system: events are DomainEvent rows written in
// the message's transaction. `transactions` counts the flow transactions the relay opened.
describe('gratitude.expressed from the relay on the real database', () => {
  let db: TestDatabase;
  let queues: QueueFactory;
  let jobs: Jobs;
  let transactions = 0;
  let failPublish = false;
  let ingest: (event: InboundEvent) => Promise<Awaited<ReturnType<ReturnType<typeof createRelay>['ingest']>>>;
  let conversationId = '';
  let answerId = '';

  const discord = (messageId: string, text: string, extra: Partial<MessagePostedEvent> = {}): MessagePostedEvent =>
    ({ type: 'message.posted', platform: 'discord', channelId: 'q1', threadId: 'q1', messageId, author: CUSTOMER, text, ...extra });
  const gratitudeEvents = async (): Promise<GratitudeExpressedEvent[]> =>
    (await db.pool.query<{ payload: GratitudeExpressedEvent }>(`SELECT "payload" FROM "DomainEvent" WHERE "type" = 'gratitude.expressed' ORDER BY "createdAt", "id"`)).rows.map((row) => row.payload);
  const stored = async (externalId: string): Promise<number> =>
    (await db.pool.query(`SELECT 1 FROM "Message" WHERE "externalId" = $1::text`, [externalId])).rows.length;

  beforeAll(async () => {
    db = await createTestDatabase();
    queues = await createTestQueues(db);
    jobs = createJobs({ database: db, queues, logger: createLogger({ level: 'silent' }), sweepIntervalMs: 0 });
    const counted: Jobs = {
      ...jobs,
      transaction: (work) => {
        transactions += 1;
        return jobs.transaction(work);
      },
      publish: (tx, event) => (failPublish && event.type === 'gratitude.expressed' ? Promise.reject(new Error('publish failed')) : jobs.publish(tx, event)),
    };
    const lifecycle = createLifecycle({ jobs: counted, store: createSqlLifecycleStore(), network: () => NETWORK, outbox: createSqlOutboxWriter() });
    const questions = createQuestionFlow({ jobs: counted, routes: createSqlRoutingStore(db), lifecycle, gratitude });
    const relay = createRelay({ network: NETWORK, store: createSqlRelayStore(db), schedule: async () => undefined, logger: createLogger({ level: 'silent' }), questions });
    ingest = relay.ingest;

    const asked = await ingest({ type: 'question.asked', platform: 'discord', channelId: 'help', threadId: 'q1', messageId: 'q1', author: CUSTOMER, title: 'Help', text: 'It crashes', url: 'u' });
    if (asked.status !== 'accepted') throw new Error(`question not stored: ${asked.status}`);
    conversationId = asked.conversationId;
    const outbox = createSqlOutboxStore(db);
    const card = await outbox.claimNext({ conversationId, platform: 'slack' });
    await outbox.complete(card!.entry.id, [{ type: 'link', link: { platform: 'slack', side: 'employee', channelId: 'C1', threadId: 'card.ts', cardMessageId: 'card.ts', url: null } }]);
    const answer = await ingest({ type: 'message.posted', platform: 'slack', channelId: 'C1', threadId: 'card.ts', messageId: 'answer.ts', author: EMPLOYEE, text: 'Restart it' });
    if (answer.status !== 'accepted' || answer.messageId === undefined) throw new Error('answer not stored');
    answerId = answer.messageId;
    // The answer's copy in the Discord thread, as a completed delivery records it.
    const post = await outbox.claimNext({ conversationId, platform: 'discord' });
    await outbox.complete(post!.entry.id, [{ type: 'copies', messageId: answerId, platform: 'discord', channelId: 'q1', partIds: ['copy1'] }]);
  });
  afterAll(async () => {
    await jobs?.close();
    await queues?.close();
    await db?.dispose();
  });

  it('should store a follow-up without a transaction or an event when it thanks nobody', async () => {
    await ingest(discord('d0', 'Still crashes, see the log'));
    const before = transactions;
    // The question is open again: another follow-up moves nothing, so it is one statement.
    expect(await ingest(discord('d1', 'Here is the full log'))).toMatchObject({ status: 'accepted' });
    expect(transactions).toBe(before);
    expect(await stored('d1')).toBe(1);
    expect(await gratitudeEvents()).toEqual([]);
  });

  it('should store a thanks and its event together when it replies to a relayed answer and mentions someone', async () => {
    const before = transactions;
    const outcome = await ingest(discord('d2', 'Thanks, that fixed it! @Hugo 🎉', { replyToMessageId: 'copy1', mentionedUserIds: ['u2', 'u1'] }));
    expect(outcome).toMatchObject({ status: 'accepted' });
    expect(transactions).toBe(before + 1);
    const messageId = outcome.status === 'accepted' ? outcome.messageId : undefined;
    const events = await gratitudeEvents();
    expect(events).toHaveLength(1);
    // The giver mentioning themselves thanks nobody: only Hugo and the Slack author of the answer.
    expect(events[0]).toMatchObject({
      type: 'gratitude.expressed', conversationId, communityId: 'acme', via: 'message', messageId,
      giver: { platform: 'discord', userId: 'u1' },
      to: [{ platform: 'discord', userId: 'u2' }, { platform: 'slack', userId: 'E1' }],
    });
  });

  it('should publish once when the same Discord thanks is delivered twice', async () => {
    expect(await ingest(discord('d2', 'Thanks, that fixed it! @Hugo 🎉', { replyToMessageId: 'copy1', mentionedUserIds: ['u2'] }))).toMatchObject({ status: 'duplicate' });
    expect(await gratitudeEvents()).toHaveLength(1);
  });

  it('should thank the author of a Discord message when a thanks replies to it', async () => {
    await ingest({ ...discord('h1', 'Try the safe mode'), author: HELPER });
    await ingest(discord('d3', 'kiitos!', { replyToMessageId: 'h1' }));
    expect((await gratitudeEvents()).at(-1)).toMatchObject({ giver: { userId: 'u1' }, to: [{ platform: 'discord', userId: 'u2' }], via: 'message' });
  });

  it('should publish with an empty to when a thanks names nobody', async () => {
    await ingest(discord('d4', 'ďakujem pekne'));
    expect((await gratitudeEvents()).at(-1)).toMatchObject({ to: [], via: 'message', giver: { userId: 'u1' } });
  });

  it('should store neither the message nor the event when publishing fails', async () => {
    const count = (await gratitudeEvents()).length;
    failPublish = true;
    try {
      await expect(ingest(discord('d5', 'thank you!!'))).rejects.toThrow('publish failed');
    } finally {
      failPublish = false;
    }
    expect(await stored('d5')).toBe(0);
    expect(await gratitudeEvents()).toHaveLength(count);
  });

  it('should never publish for internal notes or bots when they say thanks', async () => {
    const count = (await gratitudeEvents()).length;
    expect(await ingest({ type: 'message.posted', platform: 'slack', channelId: 'C1', threadId: 'card.ts', messageId: 'note.ts', author: EMPLOYEE, text: '// thanks, team' })).toMatchObject({ status: 'accepted', internal: true });
    expect(await ingest({ ...discord('b1', 'Thanks for your question!'), author: { platformUserId: 'bot', displayName: 'Bot', isBot: true } })).toMatchObject({ status: 'accepted' });
    expect(await gratitudeEvents()).toHaveLength(count);
  });

  it('should publish once when a thank-you reaction on a relayed answer arrives twice', async () => {
    const count = (await gratitudeEvents()).length;
    const reaction = { type: 'reaction.added', platform: 'discord', channelId: 'q1', threadId: 'q1', messageId: 'copy1', userId: 'u1', emoji: '🙏🏽' } as const;
    expect(await ingest(reaction)).toMatchObject({ status: 'accepted' });
    expect(await ingest(reaction)).toMatchObject({ status: 'duplicate' });
    const events = await gratitudeEvents();
    expect(events).toHaveLength(count + 1);
    expect(events.at(-1)).toMatchObject({ via: 'reaction', messageId: answerId, emoji: '🙏🏽', giver: { platform: 'discord', userId: 'u1' }, to: [{ platform: 'slack', userId: 'E1' }] });
  });

  it('should record a thank-you and publish once when the answer it is on came from Teams, where no mirror can go', async () => {
    const asked = await ingest({ type: 'question.asked', platform: 'discord', channelId: 'help-teams', threadId: 't1', messageId: 't1', author: CUSTOMER, title: 'Teams', text: 'Login fails', url: 'u' });
    if (asked.status !== 'accepted') throw new Error('question not stored');
    const outbox = createSqlOutboxStore(db);
    const card = await outbox.claimNext({ conversationId: asked.conversationId, platform: 'teams' });
    await outbox.complete(card!.entry.id, [{ type: 'link', link: { platform: 'teams', side: 'employee', channelId: 'TC', threadId: 'root', cardMessageId: 'root', url: null } }]);
    const answer = await ingest({ type: 'message.posted', platform: 'teams', channelId: 'TC', threadId: 'root', messageId: 'tanswer', author: { platformUserId: 'aad-olli', displayName: 'Olli', isBot: false }, text: 'Reset the password' });
    if (answer.status !== 'accepted') throw new Error('answer not stored');
    const post = await outbox.claimNext({ conversationId: asked.conversationId, platform: 'discord' });
    await outbox.complete(post!.entry.id, [{ type: 'copies', messageId: answer.messageId!, platform: 'discord', channelId: 't1', partIds: ['tcopy'] }]);
    const count = (await gratitudeEvents()).length;
    const reaction = (emoji: string) => ({ type: 'reaction.added', platform: 'discord', channelId: 't1', threadId: 't1', messageId: 'tcopy', userId: 'u1', emoji } as const);
    expect(await ingest(reaction('👍'))).toMatchObject({ status: 'unrouted' });
    expect(await ingest(reaction('🙌'))).toMatchObject({ status: 'accepted' });
    expect(await ingest(reaction('🙌'))).toMatchObject({ status: 'duplicate' });
    const events = await gratitudeEvents();
    expect(events).toHaveLength(count + 1);
    expect(events.at(-1)).toMatchObject({ conversationId: asked.conversationId, via: 'reaction', messageId: answer.messageId, to: [{ platform: 'teams', userId: 'aad-olli' }] });
    // Nothing was queued for Teams.
    const queued = await db.pool.query(`SELECT 1 FROM "OutboxEntry" WHERE "conversationId" = $1::text AND "kind" LIKE 'reaction.%'`, [asked.conversationId]);
    expect(queued.rows).toEqual([]);
  });

  it('should publish nothing when a reaction is agreement or a thank-you is taken back', async () => {
    const count = (await gratitudeEvents()).length;
    const before = transactions;
    await ingest({ type: 'reaction.added', platform: 'discord', channelId: 'q1', threadId: 'q1', messageId: 'copy1', userId: 'u1', emoji: '👍' });
    await ingest({ type: 'reaction.removed', platform: 'discord', channelId: 'q1', threadId: 'q1', messageId: 'copy1', userId: 'u1', emoji: '🙏🏽' });
    expect(transactions).toBe(before);
    expect(await gratitudeEvents()).toHaveLength(count);
  });
});
