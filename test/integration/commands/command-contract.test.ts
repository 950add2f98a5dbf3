import type { InvokingPerson } from '../../../core/commands/index.ts';
import type { CommandPort } from '../../../core/ports/commands.ts';
import { describeCommandContract } from '../../contracts/command-contract.ts';
import type { CommandPersona, CommandSide, SeenForm, SeenReply } from '../../contracts/command-side.ts';
import type { ReviewCardView } from '../../../core/ports/delivery.ts';
import { createSeededWorld, type PlaceMaker } from '../../contracts/command-world.ts';
import { createTestDatabase } from '../../support/database.ts';
import { NETWORK, SUPPORT } from './services-fixture.ts';

// The suite's own logic, checked without a platform: a side that hands commands straight to the
// real command port as Slack people (their user groups make them moderator or staff).
const PEOPLE: Record<CommandPersona, InvokingPerson> = {
  moderator: { userId: 'U-mona', displayName: 'Mona', userGroupIds: ['S-mods'] },
  staff: { userId: 'U-ann', displayName: 'Ann', userGroupIds: ['S-support'] },
  asker: { userId: 'U-asker', displayName: 'Asker' },
  member: { userId: 'U-joe', displayName: 'Joe' },
};

function directSide(port: CommandPort): CommandSide & PlaceMaker {
  let cards = 0;
  const seen = (reply: { visibility: string; text: string }): SeenReply => ({ text: reply.text, private: reply.visibility === 'private' });
  const request = (command: string, as: CommandPersona, args: Record<string, string>, question?: { channelId: string; threadId: string }, messageId?: string) =>
    port.run({
      platform: 'slack', actor: PEOPLE[as], command, args, channelId: question?.channelId ?? SUPPORT.destination.channelId,
      ...(question === undefined ? {} : { question: { platform: 'slack', channelId: question.channelId, threadId: question.threadId } }),
      ...(messageId === undefined || question === undefined ? {} : { targetMessage: { platform: 'slack', channelId: question.channelId, messageId } }),
    });
  const run = async (...args: Parameters<typeof request>) => seen(await request(...args));
  // A form as a platform would show it: submitting sends its carried arguments and every field.
  const formOf = async (command: string, as: CommandPersona, args: Record<string, string>): Promise<SeenForm> => {
    const { form } = await request(command, as, args);
    if (form === undefined) throw new Error(`${command} opened no form`);
    const values = Object.fromEntries(form.fields.map((field) => [field.name, field.value]));
    return { values, submit: (changes) => run(form.command, as, { ...form.args, ...values, ...changes }) };
  };
  const buttonArgs = (card: ReviewCardView, action: string): Record<string, string> => ({ ...card.actions.find((candidate) => candidate.command === action)?.args });
  return {
    platform: 'slack',
    run: ({ command, args = {}, as, question }) => run(command, as, args, question),
    markSolution: ({ messageId, as, question }) => run('mark-solution', as, {}, question, messageId),
    press: ({ action, as, question }) => run(action, as, {}, question),
    addToKnowledgeBase: ({ messageId, as, question }) => run('add-to-kb', as, {}, question, messageId),
    runForm: ({ command, args = {}, as }) => formOf(command, as, args),
    pressReview: ({ action, card, as }) => run(action, as, buttonArgs(card, action)),
    pressReviewForm: ({ action, card, as }) => formOf(action, as, buttonArgs(card, action)),
    close: async () => undefined,
    // A card as Slack would have it: its ts is the thread's.
    place: async () => {
      const ts = `1800000000.${String(++cards).padStart(6, '0')}`;
      return { place: { channelId: SUPPORT.destination.channelId, threadId: ts, cardMessageId: ts } };
    },
    answer: async (place) => `${place.threadId}-answer`,
    userIdOf: (persona) => PEOPLE[persona].userId,
  };
}

describeCommandContract('the command port without a platform', async () =>
  createSeededWorld({ db: await createTestDatabase(), network: NETWORK, communityId: 'acme', team: SUPPORT, otherTeam: 'Billing', createSide: async (port) => directSide(port) }),
);
