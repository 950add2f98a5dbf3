import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlOutboxStore } from '../../../core/outbox/sql-outbox-store.ts';
import { CUSTOMER as customer, EMPLOYEE as employee, relayOn } from '../../support/relay-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';


// Many relays on one database stand for several Heimo processes storing replies to one busy thread
// at once: customers' follow-ups reopen it, employees' answers mark it answered.
describe('relay under concurrent status changes', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.dispose();
  });

  const relay = () => relayOn(db);

  it('should store every reply when other processes keep changing the thread status while it is stored', async () => {
    const first = relay();
    const asked = await first.ingest({ type: 'question.asked', platform: 'discord', channelId: 'help', threadId: 'T1', messageId: 'q', author: customer, title: 'Help', text: 'help', url: 'u' });
    if (asked.status !== 'accepted') throw new Error(`question not stored: ${asked.status}`);
    const outbox = createSqlOutboxStore(db);
    const card = await outbox.claimNext({ conversationId: asked.conversationId, platform: 'slack' });
    await outbox.complete(card!.entry.id, [{ type: 'link', link: { platform: 'slack', side: 'employee', channelId: 'C1', threadId: 'ts1', cardMessageId: 'ts1', url: null } }]);
    const relays = Array.from({ length: 16 }, relay);
    // Every relay caches the thread first ("open"), as a process that has seen it does.
    await Promise.all(relays.map((each, index) => each.ingest({ type: 'message.posted', platform: 'discord', channelId: 'T1', threadId: 'T1', messageId: `warm${index}`, author: customer, text: 'still there?' })));
    for (let wave = 0; wave < 3; wave += 1) {
      const outcomes = await Promise.all(
        relays.map((each, index) =>
          index % 2 === 0
            ? each.ingest({ type: 'message.posted', platform: 'slack', channelId: 'C1', threadId: 'ts1', messageId: `a${wave}.${index}`, author: employee, text: 'try this' })
            : each.ingest({ type: 'message.posted', platform: 'discord', channelId: 'T1', threadId: 'T1', messageId: `f${wave}.${index}`, author: customer, text: 'did not work' }),
        ),
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(relays.map(() => 'accepted'));
    }
  });
});
