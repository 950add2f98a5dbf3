import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlOutboxStore } from '../../../core/outbox/sql-outbox-store.ts';
import { CUSTOMER as customer, EMPLOYEE as employee, relayOn } from '../../support/relay-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';


// Two relays on one database stand for two Heimo processes: each caches the threads it has seen.
describe('relay thread cache', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.dispose();
  });

  const relay = () => relayOn(db);
  type Relay = ReturnType<typeof relay>;

  // A forum question and one follow-up through `asker` (which caches the Discord thread as "open").
  const askWithFollowUp = async (asker: Relay): Promise<string> => {
    const asked = await asker.ingest({ type: 'question.asked', platform: 'discord', channelId: 'help', threadId: 'T1', messageId: 'q', author: customer, title: 'Help', text: 'help', url: 'u' });
    expect(asked.status).toBe('accepted');
    expect(await asker.ingest({ type: 'message.posted', platform: 'discord', channelId: 'T1', threadId: 'T1', messageId: 'f1', author: customer, text: 'more' })).toMatchObject({ status: 'accepted' });
    return asked.status === 'accepted' ? asked.conversationId : '';
  };

  // The card lands in Slack (thread ts1), then an employee answers there through `answerer`.
  const answerInSlack = async (answerer: Relay, conversationId: string): Promise<void> => {
    const outbox = createSqlOutboxStore(db);
    const card = await outbox.claimNext({ conversationId, platform: 'slack' });
    await outbox.complete(card!.entry.id, [{ type: 'link', link: { platform: 'slack', side: 'employee', channelId: 'C1', threadId: 'ts1', cardMessageId: 'ts1', url: null } }]);
    expect(await answerer.ingest({ type: 'message.posted', platform: 'slack', channelId: 'C1', threadId: 'ts1', messageId: 'a1', author: employee, text: 'try this' })).toMatchObject({ status: 'accepted' });
  };

  it('should reopen the card when another process answered since this one cached the thread', async () => {
    const first = relay();
    const conversationId = await askWithFollowUp(first);
    // The second process stores the employee answer: "answered".
    await answerInSlack(relay(), conversationId);
    const outbox = createSqlOutboxStore(db);
    // A follow-up through the first process: its cache still says "open", the database says "answered".
    expect(await first.ingest({ type: 'message.posted', platform: 'discord', channelId: 'T1', threadId: 'T1', messageId: 'f2', author: customer, text: 'did not work' })).toMatchObject({ status: 'accepted' });
    expect((await outbox.conversationView(conversationId)).status).toBe('open');
    const kinds: string[] = [];
    for (let entry = await outbox.claimNext({ conversationId, platform: 'slack' }); entry; entry = await outbox.claimNext({ conversationId, platform: 'slack' })) {
      kinds.push(entry.entry.kind);
      await outbox.complete(entry.entry.id, []);
    }
    // f1; the answer's card update ("answered"); f2 with the card update that shows it open again.
    expect(kinds).toEqual(['message.post', 'card.update', 'message.post', 'card.update']);
  });

  it('should treat a message as an echo when it is a copy Heimo posted into a cached thread', async () => {
    const only = relay();
    const conversationId = await askWithFollowUp(only);
    await answerInSlack(only, conversationId);
    // Heimo posts the answer into the Discord thread as message "copy1".
    const outbox = createSqlOutboxStore(db);
    const answer = await outbox.claimNext({ conversationId, platform: 'discord' });
    expect(answer?.entry.kind).toBe('message.post');
    await outbox.complete(answer!.entry.id, [{ type: 'copies', messageId: answer!.message!.id, platform: 'discord', channelId: 'T1', partIds: ['copy1'] }]);
    expect(await only.ingest({ type: 'message.posted', platform: 'discord', channelId: 'T1', threadId: 'T1', messageId: 'copy1', author: customer, text: 'answer' })).toMatchObject({ status: 'echo' });
  });
});
