import type { Destination } from '../../core/domain/types.ts';
import type { EmployeeDelivery, ReviewCardView } from '../../core/ports/delivery.ts';
import type { FakeSlack, FakeSlackConfig, FakeSlackUser, FakeSlackView } from '../fakes/slack/fake-slack.ts';
import { eventually } from '../support/eventually.ts';
import type { CommandPersona, CommandSide, QuestionPlace, SeenForm, SeenReply } from './command-side.ts';

/**
 * Slack people per persona. Their rights come from user groups named as in TEST_PERMISSIONS
 * (moderators `S-mods`, staff `S-support`): the network file of a contract run must use those ids.
 * Slack has no asker: questions are asked on Discord, so `asker` is a person with no group (the
 * runner sees them as the asker only where the questions service links their accounts).
 */
export const SLACK_PERSONAS: Record<CommandPersona, FakeSlackUser> = {
  moderator: { id: 'U0CMOD', name: 'mod', displayName: 'Moderator Mia', locale: 'en-US' },
  staff: { id: 'U0CSTAFF', name: 'staff', displayName: 'Staff Sami', locale: 'en-US' },
  asker: { id: 'U0CASKER', name: 'asker', displayName: 'Asker Aaro', locale: 'en-US' },
  member: { id: 'U0CMEMBER', name: 'member', displayName: 'Member Meri', locale: 'en-US' },
};

/** What the fake Slack needs for the personas: the people and their user groups. */
export const SLACK_COMMAND_WORLD: Pick<FakeSlackConfig, 'users' | 'userGroups'> = {
  users: Object.values(SLACK_PERSONAS),
  userGroups: [
    { id: 'S-mods', users: [SLACK_PERSONAS.moderator.id] },
    { id: 'S-support', users: [SLACK_PERSONAS.staff.id, SLACK_PERSONAS.moderator.id] },
  ],
};

/** Where the side runs channel-level commands, and who the personas are (default SLACK_PERSONAS). */
export interface SlackCommandSideOptions {
  channelId: string;
  personas?: Partial<Record<CommandPersona, string>>;
  /** How long to wait for Heimo's answer. */
  timeoutMs?: number;
  /** Where review cards are posted, by the bot's own delivery (the contract presses their buttons). */
  review?: { delivery: Pick<EmployeeDelivery, 'postReviewCard'>; destination: Destination };
}

// `name=value`, quoted when the value has spaces (parseCommandText keeps quoted phrases whole).
const argText = (args: Record<string, string>): string =>
  Object.entries(args).map(([name, value]) => (/\s/.test(value) ? `"${name}=${value}"` : `${name}=${value}`)).join(' ');

/**
 * The command side of the contract on Slack: `/heimo` in the card's channel naming the question
 * by id (Slack has no slash commands in threads), message shortcuts on a reply in the card's
 * thread, and the card's buttons. Answers are read from response_url, ephemerals and the thread.
 * The fake belongs to its creator (the employee side closes it).
 */
export function createSlackCommandSide(fake: FakeSlack, options: SlackCommandSideOptions): CommandSide {
  const userOf = (persona: CommandPersona): string => options.personas?.[persona] ?? SLACK_PERSONAS[persona].id;
  const timeoutMs = options.timeoutMs ?? 8_000;

  // The first answer after `before`: an ephemeral for the person or a public post in the thread.
  const answerInThread = async (user: string, question: QuestionPlace, responseId: string, before: { ephemerals: number; posts: Set<string> }): Promise<SeenReply> =>
    eventually(() => {
      const shown = fake.ephemerals.slice(before.ephemerals).find((ephemeral) => ephemeral.user === user);
      if (shown !== undefined) return { text: shown.text, private: true };
      const post = fake.thread(question.channelId, question.threadId).find((message) => message.botId !== undefined && !before.posts.has(message.ts) && message.metadata === undefined);
      if (post !== undefined) return { text: post.text, private: false };
      const response = fake.responses.find((candidate) => candidate.id === responseId)?.body;
      return response === undefined ? undefined : { text: String(response['text'] ?? ''), private: response['response_type'] !== 'in_channel' };
    }, 'heimo to answer in the thread', timeoutMs);

  const snapshot = (question: QuestionPlace): { ephemerals: number; posts: Set<string> } => ({
    ephemerals: fake.ephemerals.length,
    posts: new Set(fake.thread(question.channelId, question.threadId).map((message) => message.ts)),
  });

  const acked = (status: number, what: string): void => {
    if (status !== 200) throw new Error(`slack command side: ${what} was not acknowledged within 3 s (status ${status})`);
  };

  // The modal Heimo opened for the person after `before` views, or the answer it gave instead.
  const formAfter = async (user: string, before: number, responseId: string): Promise<SeenForm> => {
    const opened = await eventually((): FakeSlackView | string | undefined =>
      fake.views.slice(before).find((view) => view.user === user) ?? (fake.responses.find((response) => response.id === responseId) ? 'answered' : undefined), 'a modal from heimo', timeoutMs);
    if (typeof opened === 'string') throw new Error(`Heimo answered with a message, not a form: ${JSON.stringify(fake.responses.find((response) => response.id === responseId)?.body)}`);
    return {
      values: Object.fromEntries(opened.inputs.map((input) => [input.actionId, input.initialValue])),
      async submit(changes) {
        const shown = fake.ephemerals.length;
        acked((await fake.userSubmitsView({ view: opened, values: changes })).status, 'the form');
        const answer = await eventually(() => fake.ephemerals.slice(shown).find((ephemeral) => ephemeral.user === user), 'heimo to answer the form', timeoutMs);
        return { text: answer.text, private: true };
      },
    };
  };

  // The review card the bot posts for `card`, and the button of `action` on it (its action id names the command).
  const reviewButton = async (card: ReviewCardView, action: string): Promise<{ channel: string; ts: string; actionId: string }> => {
    if (options.review === undefined) throw new Error('slack command side: no review delivery to post review cards with');
    const { delivery, destination } = options.review;
    if (delivery.postReviewCard === undefined) throw new Error('the Slack bot posts no review cards');
    const ts = await delivery.postReviewCard(destination, card);
    const blocks = (fake.message(destination.channelId, ts)?.blocks ?? []) as Array<{ elements?: Array<{ action_id?: string }> }>;
    const wanted = `heimo_${action.replace(/ /g, '.')}`;
    const actionId = blocks.flatMap((block) => block.elements ?? []).map((element) => element.action_id).find((id) => id === wanted || id?.startsWith(`${wanted}~`));
    if (actionId === undefined) throw new Error(`the review card has no ${action} button`);
    return { channel: destination.channelId, ts, actionId };
  };

  return {
    platform: 'slack',
    async run({ command, args = {}, as, question }) {
      const text = [command, argText(args), question === undefined ? '' : `question=${question.conversationId}`].filter(Boolean).join(' ');
      const sent = await fake.userRunsCommand({ user: userOf(as), channel: question?.channelId ?? options.channelId, text });
      acked(sent.status, `/heimo ${text}`);
      const body = await eventually(() => fake.responses.find((response) => response.id === sent.responseId)?.body, `an answer to /heimo ${text}`, timeoutMs);
      return { text: String(body['text'] ?? ''), private: body['response_type'] !== 'in_channel' };
    },
    async markSolution({ messageId, as, question }) {
      const before = snapshot(question);
      const sent = await fake.userShortcut({ user: userOf(as), channel: question.channelId, messageTs: messageId, callbackId: 'heimo_mark_solution' });
      acked(sent.status, 'Mark as solution');
      return answerInThread(userOf(as), question, sent.responseId, before);
    },
    async press({ action, as, question }) {
      const before = snapshot(question);
      const sent = await fake.userPresses({ user: userOf(as), channel: question.channelId, messageTs: question.cardMessageId, actionId: `heimo_${action}` });
      acked(sent.status, `the ${action} button`);
      return answerInThread(userOf(as), question, sent.responseId, before);
    },
    async addToKnowledgeBase({ messageId, as, question }) {
      const before = snapshot(question);
      const sent = await fake.userShortcut({ user: userOf(as), channel: question.channelId, messageTs: messageId, callbackId: 'heimo_add_to_kb' });
      acked(sent.status, 'Add to knowledge base');
      return answerInThread(userOf(as), question, sent.responseId, before);
    },
    async runForm({ command, args = {}, as }) {
      const before = fake.views.length;
      const text = [command, argText(args)].filter(Boolean).join(' ');
      const sent = await fake.userRunsCommand({ user: userOf(as), channel: options.channelId, text });
      acked(sent.status, `/heimo ${text}`);
      return formAfter(userOf(as), before, sent.responseId);
    },
    async pressReview({ action, card, as }) {
      const button = await reviewButton(card, action);
      const place = { conversationId: '', channelId: button.channel, threadId: button.ts, cardMessageId: button.ts };
      const before = snapshot(place);
      const sent = await fake.userPresses({ user: userOf(as), channel: button.channel, messageTs: button.ts, actionId: button.actionId });
      acked(sent.status, `the review card's ${action} button`);
      return answerInThread(userOf(as), place, sent.responseId, before);
    },
    async pressReviewForm({ action, card, as }) {
      const button = await reviewButton(card, action);
      const before = fake.views.length;
      const sent = await fake.userPresses({ user: userOf(as), channel: button.channel, messageTs: button.ts, actionId: button.actionId });
      acked(sent.status, `the review card's ${action} button`);
      return formAfter(userOf(as), before, sent.responseId);
    },
    close: async () => undefined,
  };
}
