import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createSqlRelayStore } from '../../../core/conversations/sql-relay-store.ts';
import { createSqlOutboxStore } from '../../../core/outbox/sql-outbox-store.ts';

describe('message attachments in the SQL stores', () => {
  // Migrating a fresh database belongs to the hook's budget, not the test's.
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.dispose());

  it('should keep the files of a message and hand them to the delivery when a reply carries files', async () => {
    const relay = createSqlRelayStore(db);
    const outbox = createSqlOutboxStore(db);
    const customer = { platform: 'discord' as const, externalId: 'u1', displayName: 'Ann', isBot: false };
    const opened = await relay.openConversation({
      communityId: 'com', title: 'T', destination: { platform: 'slack', channelId: 'S1' },
      message: { platform: 'discord', channelId: 'help', externalId: 'q1', author: customer, text: 'question', internal: false },
      links: [{ platform: 'discord', side: 'customer', channelId: 'q1', threadId: 'q1', cardMessageId: null, url: null }],
      deliveries: () => [],
    });
    const conversationId = opened!.conversationId;
    const employee = { platform: 'slack' as const, externalId: 'UA', displayName: 'Alice', isBot: false };
    const files = [
      { name: 'screenshot.png', url: 'https://files.slack.com/files-pri/T1-F1/screenshot.png', mimeType: 'image/png', size: 2048 },
      { name: 'notes.txt', url: 'https://files.slack.com/files-pri/T1-F2/notes.txt' },
    ];
    const stored = await relay.appendMessage({
      conversationId, expectedStatus: 'open',
      message: { platform: 'slack', channelId: 'S1', externalId: 'r1', author: employee, text: '', internal: false, attachments: files },
      deliveries: (messageId) => [{ platform: 'discord', kind: 'message.post', payload: { messageId } }],
    });
    const plain = await relay.appendMessage({
      conversationId, expectedStatus: 'open',
      message: { platform: 'slack', channelId: 'S1', externalId: 'r2', author: employee, text: 'no files', internal: false },
      deliveries: () => [],
    });
    expect([stored.status, plain.status]).toEqual(['stored', 'stored']);

    expect((await relay.findMessage('slack', 'S1', 'r1'))?.attachments).toEqual(files);
    expect((await relay.findMessage('slack', 'S1', 'r2'))?.attachments).toEqual([]);
    const claimed = await outbox.claimNext({ conversationId, platform: 'discord' });
    expect(claimed?.message).toMatchObject({ text: '', attachments: files });
  });
});
