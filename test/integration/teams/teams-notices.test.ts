import { describe, expect, it } from 'vitest';
import type { Destination } from '../../../core/domain/types.ts';
import type { NoticeView } from '../../../core/ports/delivery.ts';
import { directChatId } from '../../fakes/teams/fake-connector.ts';
import { eachTeamsHarness, type TeamsHarness } from './harness.ts';

const notice = (overrides: Partial<NoticeView> = {}): NoticeView => ({ text: 'Question **Login fails** breached its SLA', idempotencyKey: 'notice-1', isRetry: false, ...overrides });

describe('Teams notices and direct messages (real botbuilder against the fake connector)', () => {
  let h: TeamsHarness;
  let destination: Destination;
  eachTeamsHarness((harness, where) => {
    h = harness;
    destination = where;
  });

  it('should post a new channel message, once, when a notice has no thread and is retried', async () => {
    const id = await h.bot.delivery.postNotice?.(destination, notice());
    const again = await h.bot.delivery.postNotice?.(destination, notice({ isRetry: true }));

    expect(again).toBe(id);
    const created = h.connector.callsTo('createConversation');
    expect(created).toHaveLength(1);
    expect(created[0]?.body).toMatchObject({ isGroup: true, channelData: { channel: { id: h.scene.channelId } }, activity: { text: 'Question <b>Login fails</b> breached its SLA' } });
    expect(h.connector.thread(h.scene.channelId, id ?? '')).toHaveLength(1);
  });

  it('should reply in the card chain when a notice names the thread', async () => {
    const id = await h.bot.delivery.postNotice?.(destination, notice({ text: 'Moved here from Billing', idempotencyKey: 'notice-2' }), { channelId: h.scene.channelId, threadId: 'root-7' });

    expect(h.connector.thread(h.scene.channelId, 'root-7').map((held) => [held.id, held.activity['text']])).toEqual([[id, 'Moved here from Billing']]);
    expect(h.connector.callsTo('createConversation')).toEqual([]);
  });

  it('should open the person\'s 1:1 chat and send once when a direct message is retried', async () => {
    await h.bot.delivery.postDirect?.('aad-aino', notice({ text: 'You were given **Login fails**', idempotencyKey: 'direct-1' }));
    await h.bot.delivery.postDirect?.('aad-aino', notice({ text: 'You were given **Login fails**', idempotencyKey: 'direct-1', isRetry: true }));

    expect(h.connector.callsTo('createConversation')).toMatchObject([{ body: { isGroup: false, members: [{ id: 'aad-aino' }], tenantId: h.scene.tenantId } }]);
    expect(h.connector.direct('aad-aino').map((held) => held.activity['text'])).toEqual(['You were given <b>Login fails</b>']);
    expect(h.connector.callsTo('sendToConversation').map((call) => call.conversationId)).toEqual([directChatId('aad-aino')]);
  });

  it('should retry the send without a duplicate when the 1:1 send failed after the chat was opened', async () => {
    h.connector.failNext({ status: 503 }, 1, 1);

    await expect(h.bot.delivery.postDirect?.('aad-aino', notice({ idempotencyKey: 'direct-2' }))).rejects.toMatchObject({ code: expect.any(String) });
    await h.bot.delivery.postDirect?.('aad-aino', notice({ idempotencyKey: 'direct-2', isRetry: true }));

    expect(h.connector.direct('aad-aino')).toHaveLength(1);
  });
});
