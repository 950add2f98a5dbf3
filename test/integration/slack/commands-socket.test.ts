import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardView, waitFor } from './harness.ts';
import { CARDS, type CommandHarness, PEOPLE, responseTo, startCommandHarness } from './command-world.ts';

describe('slack /heimo, buttons and shortcuts over Socket Mode', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await startCommandHarness({ socketMode: true });
  });
  afterEach(async () => {
    await h.close();
  });

  it('should acknowledge the slash_commands envelope and answer through response_url when staff run a command', async () => {
    const sent = await h.fake.userRunsCommand({ user: PEOPLE.staff.id, channel: CARDS, text: 'status conv-1' });

    expect(sent.status).toBe(200);
    expect(h.fake.envelopes.at(-1)).toMatchObject({ type: 'slash_commands', acked: true });
    expect(await responseTo(h, sent.responseId)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Login fails') });
  });

  it('should acknowledge within 3 seconds when the services are slow', async () => {
    h.commands.delayMs = 3_500;
    const sent = await h.fake.userRunsCommand({ user: PEOPLE.staff.id, channel: CARDS, text: 'queue' });

    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(1_000);
    expect(String((await responseTo(h, sent.responseId))['text'])).toContain('Support');
  });

  it('should run a card button and a shortcut when they arrive as interactive envelopes', async () => {
    const card = await h.bot.delivery.postCard({ platform: 'slack', channelId: CARDS }, cardView({ actions: [{ command: 'resolve', label: 'Resolve' }] }));
    h.commands.threads.add(card.cardMessageId);
    const reply = await h.fake.userPosts({ channel: CARDS, user: 'U0ALICE', text: 'This fixes it', threadTs: card.cardMessageId });

    const pressed = await h.fake.userPresses({ user: PEOPLE.staff.id, channel: CARDS, messageTs: card.cardMessageId, actionId: 'heimo_resolve' });
    const marked = await h.fake.userShortcut({ user: PEOPLE.staff.id, channel: CARDS, messageTs: reply.ts, callbackId: 'heimo_mark_solution' });

    expect([pressed.status, marked.status]).toEqual([200, 200]);
    await waitFor(() => h.commands.calls.length === 2, 'both resolves');
    expect(h.commands.calls.map((call) => call.request)).toEqual([
      expect.objectContaining({ conversationId: 'conv-1' }),
      expect.objectContaining({ conversationId: 'conv-1', solution: { platform: 'slack', channelId: CARDS, messageId: reply.ts, authorId: 'U0ALICE' } }),
    ]);
  });
});
