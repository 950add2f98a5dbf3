import type { InvokingPerson } from '../../../core/commands/index.ts';
import { describeCommandContract } from '../../contracts/command-contract.ts';
import type { CommandPersona, CommandSide, SeenReply } from '../../contracts/command-side.ts';
import { createTestDatabase } from '../../support/database.ts';
import { SUPPORT, servicesFixture } from './services-fixture.ts';

// The suite's own logic, checked without a platform: a side that hands commands straight to the
// real command port as Slack people (their user groups make them moderator or staff).
const PEOPLE: Record<CommandPersona, InvokingPerson> = {
  moderator: { userId: 'U-mona', displayName: 'Mona', userGroupIds: ['S-mods'] },
  staff: { userId: 'U-ann', displayName: 'Ann', userGroupIds: ['S-support'] },
  asker: { userId: 'U-asker', displayName: 'Asker' },
  member: { userId: 'U-joe', displayName: 'Joe' },
};

describeCommandContract('the command port without a platform', async () => {
  const db = await createTestDatabase();
  const f = servicesFixture(db);
  const seen = (reply: { visibility: string; text: string }): SeenReply => ({ text: reply.text, private: reply.visibility === 'private' });
  const run = async (command: string, as: CommandPersona, args: Record<string, string>, question?: { channelId: string; threadId: string }, messageId?: string) =>
    seen(await f.port.run({
      platform: 'slack', actor: PEOPLE[as], command, args, channelId: question?.channelId ?? SUPPORT.destination.channelId,
      ...(question === undefined ? {} : { question: { platform: 'slack', channelId: question.channelId, threadId: question.threadId } }),
      ...(messageId === undefined || question === undefined ? {} : { targetMessage: { platform: 'slack', channelId: question.channelId, messageId } }),
    }));
  const side: CommandSide = {
    platform: 'slack',
    run: ({ command, args = {}, as, question }) => run(command, as, args, question),
    markSolution: ({ messageId, as, question }) => run('mark-solution', as, {}, question, messageId),
    press: ({ action, as, question }) => run(action, as, {}, question),
    close: async () => undefined,
  };
  return {
    side,
    db,
    otherTeam: 'Billing',
    userIdOf: (persona) => PEOPLE[persona].userId,
    async ask(title) {
      const seeded = await f.seed({ title });
      return {
        question: { conversationId: seeded.conversationId, channelId: SUPPORT.destination.channelId, threadId: seeded.cardTs, cardMessageId: seeded.cardTs },
        answerMessageId: seeded.answerExternalId,
      };
    },
    close: () => db.dispose(),
  };
});
