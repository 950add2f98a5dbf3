import { describe, expect, it } from 'vitest';
import { executeDelivery, type ExecuteContext } from '../../../core/outbox/execute-delivery.ts';
import { cardActions, cardDetails, type CardSources } from '../../../core/outbox/card-details.ts';
import { translator } from '../../../core/i18n/index.ts';
import type { CustomerDelivery, EmployeeDelivery, NoticeView, PromptView, StatusView } from '../../../core/ports/delivery.ts';
import type { ClaimedEntry, ConversationView, OutboxStore } from '../../../core/outbox/port.ts';
import type { DeliveryKind } from '../../../core/domain/outbox.ts';
import type { Platform } from '../../../core/domain/types.ts';

const VIEW: ConversationView = {
  id: 'c1', communityId: 'fi-com', title: 'Lasku', status: 'answered', destination: { platform: 'slack', channelId: 'C1' },
  asker: { displayName: 'Asker' }, questionText: 'Väärä summa', customerThreadUrl: null,
};

// The Finnish community's sources: Aino owns it, Tuki got it by the billing rule, one clock breached.
const SOURCES: CardSources = {
  locale: () => 'fi',
  owner: async () => ({ displayName: 'Aino' }),
  route: async () => ({ teamName: 'Tuki', rule: 'billing', moved: false }),
  clocks: async () => [
    { clock: 'first-response', dueAt: new Date('2026-12-03T10:00:00Z'), stopped: true, breached: true },
    { clock: 'resolution', dueAt: new Date('2026-12-04T09:00:00Z'), stopped: false, breached: false },
  ],
};

const claimed = (platform: Platform, kind: DeliveryKind, payload: Record<string, string>): ClaimedEntry => ({
  entry: { id: 'e1', conversationId: 'c1', seq: 1, platform, kind, payload, attempts: 1, createdAtMs: 0 },
  link: { conversationId: 'c1', platform, side: platform === 'discord' ? 'customer' : 'employee', channelId: 'T1', threadId: 'T1', cardMessageId: null, url: null },
  message: null,
});

function recorded() {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const chat = { maxFileBytes: 0, maxMessageFileBytes: 0, postMessage: async () => [], editMessage: async () => [], deleteMessage: async () => {}, react: async () => {}, fetchFile: async () => new Uint8Array() };
  const discord: CustomerDelivery = {
    ...chat, platform: 'discord', openThread: async () => ({ channelId: 't', threadId: 't' }),
    showStatus: async (thread, view: StatusView) => void calls.push({ method: 'showStatus', args: [thread, view] }),
    postPrompt: async (thread, view: PromptView) => (calls.push({ method: 'postPrompt', args: [thread, view] }), 'p1'),
  };
  const slack: EmployeeDelivery = {
    ...chat, platform: 'slack', postCard: async () => ({ channelId: 'C', threadId: 'T', cardMessageId: 'T' }), updateCard: async () => {},
    postDirect: async (userId, notice: NoticeView) => void calls.push({ method: 'postDirect', args: [userId, notice.text] }),
    postNotice: async (destination, notice: NoticeView) => (calls.push({ method: 'postNotice', args: [destination, notice.text, notice.mention] }), 'n1'),
  };
  const context: ExecuteContext = { store: { conversationView: async () => VIEW } as unknown as OutboxStore, deliveries: { discord, slack }, communityName: () => 'Acme', cards: SOURCES };
  return { calls, context };
}

describe('Heimo\'s own posts', () => {
  it('should show the status in the community\'s language when a status update is delivered to Discord', async () => {
    const { calls, context } = recorded();
    await executeDelivery(context, claimed('discord', 'status.update', { status: 'resolved', from: 'answered' }));
    expect(calls).toEqual([{ method: 'showStatus', args: [{ channelId: 'T1', threadId: 'T1' }, { status: 'resolved', label: 'Ratkaistu', idempotencyKey: 'e1' }] }]);
  });

  it('should post the idle prompt with its two buttons, and the window\'s ping mentioning the role, when prompts are delivered', async () => {
    const { calls, context } = recorded();
    await executeDelivery(context, claimed('discord', 'prompt.post', { prompt: 'idle', text: 'Did this solve it?' }));
    await executeDelivery(context, claimed('discord', 'prompt.post', { prompt: 'window', roleId: 'R1' }));
    expect(calls[0]?.args[1]).toMatchObject({ text: 'Ratkesiko asia?', actions: [{ command: 'resolve', label: 'Ratkesi' }, { command: 'reopen', label: 'Tarvitsen vielä apua' }] });
    expect(calls[1]?.args[1]).toMatchObject({ text: 'Uusi kysymys odottaa yhteisön vastausta.', actions: [], mentionRoleId: 'R1' });
  });

  it('should post the survey with five buttons running rate with scores 1 to 5 in the community\'s language when a survey prompt is delivered', async () => {
    const { calls, context } = recorded();
    await executeDelivery(context, claimed('discord', 'prompt.post', { prompt: 'survey' }));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[1]).toMatchObject({
      conversationId: 'c1', text: 'Miten onnistuimme? Arvioi saamasi apu', idempotencyKey: 'e1',
      actions: ['1 😞', '2 🙁', '3 😐', '4 🙂', '5 😄'].map((label, index) => ({ command: 'rate', label, args: { score: String(index + 1) } })),
    });
  });

  it('should word the assignee\'s message and the escalation in the community\'s language and leave the mention for the platform to write when those are delivered', async () => {
    const { calls, context } = recorded();
    await executeDelivery(context, claimed('slack', 'dm.post', { userId: 'U1', title: 'Lasku', url: 'https://discord.test/t/1', by: 'Aino' }));
    await executeDelivery(context, claimed('slack', 'dm.post', { userId: 'U1', title: 'Lasku', url: '' }));
    await executeDelivery(context, claimed('slack', 'escalation.post', { channelId: 'ESC', mention: 'S1', clock: 'first-response', title: 'Lasku', url: '' }));
    await executeDelivery(context, claimed('slack', 'escalation.post', { channelId: 'ESC', clock: 'resolution', title: 'Lasku', url: '' }));
    expect(calls).toEqual([
      { method: 'postDirect', args: ['U1', 'Aino antoi sinulle kysymyksen: Lasku\nhttps://discord.test/t/1'] },
      { method: 'postDirect', args: ['U1', 'Sinulle annettiin kysymys: Lasku'] },
      { method: 'postNotice', args: [{ platform: 'slack', channelId: 'ESC' }, 'Ensimmäisen vastauksen tavoiteaika ylittyi: Lasku', 'S1'] },
      { method: 'postNotice', args: [{ platform: 'slack', channelId: 'ESC' }, 'Ratkaisun tavoiteaika ylittyi: Lasku', undefined] },
    ]);
  });
});

describe('card details', () => {
  it('should word the owner, team and rule, a breached and a running clock, and the actions when a card is rendered', async () => {
    const details = await cardDetails(SOURCES, VIEW);
    expect(details.statusLabel).toBe('Vastattu');
    expect(details.facts).toEqual([
      { label: 'Omistaja', value: 'Aino' },
      { label: 'Tiimi', value: 'Tuki (Ohjattu säännöllä billing)' },
      { label: 'Ensimmäinen vastaus', value: expect.stringContaining('määräaika oli 3'), alert: true },
      { label: 'Ratkaisu', value: expect.stringMatching(/^määräaika 4\S* \S+ 09:00 UTC$/) },
    ]);
    expect(details.actions).toEqual([{ command: 'resolve', label: 'Ratkaise', style: 'primary' }]);
  });

  it('should offer claim while nobody owns an open question and only reopen once it is done', () => {
    const t = translator(undefined, 'en');
    expect(cardActions('open', false, t).map((action) => action.command)).toEqual(['claim', 'resolve']);
    expect(cardActions('resolved', true, t)).toEqual([{ command: 'reopen', label: 'Reopen', style: 'default' }]);
    expect(cardActions('closed', false, t).map((action) => action.command)).toEqual(['reopen']);
  });

  it('should say the question was moved when its route records a move', async () => {
    const details = await cardDetails({ ...SOURCES, locale: () => 'en', route: async () => ({ teamName: 'Billing', rule: 'moved', moved: true }) }, VIEW);
    expect(details.facts?.[1]).toEqual({ label: 'Team', value: 'Billing (Moved to Billing)' });
  });
});
