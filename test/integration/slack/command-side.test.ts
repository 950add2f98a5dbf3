import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackCommandSide } from '../../contracts/slack-command-side.ts';
import type { CommandSide, QuestionPlace } from '../../contracts/command-side.ts';
import { cardView } from './harness.ts';
import { CARDS, type CommandHarness, PEOPLE, startCommandHarness } from './command-world.ts';

// The contract's Slack driver against the bot with the real runner: what the contract suite will rely on.
describe('slack command side', () => {
  let h: CommandHarness;
  let side: CommandSide;
  let question: QuestionPlace;
  beforeEach(async () => {
    h = await startCommandHarness();
    side = createSlackCommandSide(h.fake, { channelId: CARDS, personas: { moderator: PEOPLE.moderator.id, staff: PEOPLE.staff.id, asker: PEOPLE.member.id, member: PEOPLE.member.id } });
    const card = await h.bot.delivery.postCard({ platform: 'slack', channelId: CARDS }, cardView({ actions: [{ command: 'claim', label: 'Claim' }] }));
    h.commands.threads.add(card.cardMessageId);
    question = { conversationId: 'conv-1', channelId: CARDS, threadId: card.threadId, cardMessageId: card.cardMessageId };
  });
  afterEach(async () => {
    await h.close();
  });

  it('should read a public answer and a private refusal when personas run commands on the question', async () => {
    const closed = await side.run({ command: 'close', args: { reason: 'duplicate of 12' }, as: 'staff', question });
    const refused = await side.run({ command: 'claim', as: 'member', question });

    expect(closed).toEqual({ private: false, text: expect.stringContaining('duplicate of 12') });
    expect(refused).toEqual({ private: true, text: expect.stringContaining('You may not use `claim`') });
    expect(h.commands.calls[0]).toMatchObject({ method: 'close', request: { conversationId: 'conv-1', reason: 'duplicate of 12' } });
  });

  it('should read the answer in the thread when a persona presses a button or marks a solution', async () => {
    const reply = await h.fake.userPosts({ channel: CARDS, user: 'U0ALICE', text: 'Fixed in 2.4', threadTs: question.threadId });

    expect(await side.press({ action: 'claim', as: 'staff', question })).toEqual({ private: false, text: expect.stringContaining('Stan took this question') });
    expect(await side.markSolution({ messageId: reply.ts, as: 'member', question })).toEqual({ private: true, text: expect.stringContaining('You may not use `mark-solution`') });
    expect(await side.markSolution({ messageId: reply.ts, as: 'moderator', question })).toEqual({ private: false, text: expect.stringContaining('marked a message as the solution') });
  });
});
