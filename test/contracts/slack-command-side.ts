import type { FakeSlack, FakeSlackConfig, FakeSlackUser } from '../fakes/slack/fake-slack.ts';
import { eventually } from '../support/eventually.ts';
import type { CommandPersona, CommandSide, QuestionPlace, SeenReply } from './command-side.ts';

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
    close: async () => undefined,
  };
}
