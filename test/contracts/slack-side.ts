import { emojiFromShortcode, shortcodeFromEmoji } from '../../core/format/index.ts';
import { createFakeSlack, type FakeSlackMessage } from '../fakes/slack/fake-slack.ts';
import { sendSlackEvent } from '../fakes/slack/sign.ts';
import type { EmployeeSide, RecordedPost } from './employee-side.ts';
import { SLACK_COMMAND_WORLD } from './slack-command-side.ts';

const SECRET = 'contract-signing-secret';
const CHANNEL = 'C0SUPPORT';
const EMPLOYEE = { id: 'U0ALICE', name: 'alice', realName: 'Alice Lindqvist', displayName: 'Alice', image72: 'https://avatars.example/alice.png' };

// Everything a Block Kit card shows, flattened: texts, button urls, fallbacks.
const flatten = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flatten).join(' ');
  if (value && typeof value === 'object') return Object.values(value).map(flatten).join(' ');
  return '';
};

// A Unicode emoji as a Slack client writes the reaction name (`+1::skin-tone-4`), and back.
const reactionName = (emoji: string): string => {
  const shortcode = shortcodeFromEmoji(emoji);
  if (shortcode === undefined) throw new Error(`slack side: no Slack shortcode for ${emoji}`);
  return shortcode.skinTone === undefined ? shortcode.name : `${shortcode.name}::${shortcode.skinTone}`;
};
const emojiOf = (name: string): string | undefined => {
  const [base = '', tone] = name.split('::');
  return emojiFromShortcode(base, tone);
};

/** How the Slack side reaches Heimo: `socketMode` sends events over Socket Mode instead of HTTP posts. */
export interface SlackSideOptions {
  socketMode?: boolean;
  /** Adds the command personas and their user groups (see slack-command-side.ts) to the workspace. */
  commandWorld?: boolean;
  /** More channels in the workspace (teams' and escalation channels). */
  channels?: string[];
}

/** The Slack stand-in as the employee side of the contract suite. */
export async function createSlackSide(options: SlackSideOptions = {}): Promise<EmployeeSide & { fake: Awaited<ReturnType<typeof createFakeSlack>> }> {
  const socketMode = options.socketMode === true;
  const world = options.commandWorld === true ? SLACK_COMMAND_WORLD : { users: [] };
  const fake = await createFakeSlack({ ...world, users: [EMPLOYEE, ...(world.users ?? [])], channels: [CHANNEL, ...(options.channels ?? [])], socketMode });
  let eventsUrl = '';
  const isCard = (message: FakeSlackMessage): boolean => message.channel === CHANNEL && message.threadTs === undefined && message.metadata?.event_type === 'heimo_card';
  const toPost = (message: FakeSlackMessage): RecordedPost => ({ id: message.ts, text: message.text, author: message.username ?? '' });
  return {
    fake,
    platform: 'slack',
    env: { SLACK_BOT_TOKEN: fake.token, SLACK_API_URL: fake.apiUrl, ...(socketMode ? { SLACK_APP_TOKEN: fake.appToken } : { SLACK_SIGNING_SECRET: SECRET }) },
    destination: { platform: 'slack', channelId: CHANNEL },
    attach: async (heimoUrl) => {
      // In Socket Mode Heimo dials out to the fake; there is no URL to give it.
      if (socketMode) return;
      eventsUrl = `${heimoUrl}/slack/events`;
      fake.setEvents(eventsUrl, SECRET);
    },
    bold: (text) => `*${text}*`,
    cards: () => fake.messages.filter(isCard).map((message) => ({ id: message.ts, text: `${message.text} ${flatten(message.blocks)}` })),
    threadPosts: (cardId) => fake.thread(CHANNEL, cardId).filter((message) => message.ts !== cardId && message.botId !== undefined).map(toPost),
    reply: async (cardId, text, files) => (await fake.userPosts({ channel: CHANNEL, user: EMPLOYEE.id, text, threadTs: cardId, ...(files === undefined ? {} : { files }) })).ts,
    edit: async (_cardId, messageId, text) => {
      await fake.userEdits(CHANNEL, messageId, text);
    },
    remove: async (_cardId, messageId) => {
      await fake.userDeletes(CHANNEL, messageId);
    },
    canReact: true,
    react: async (_cardId, messageId, emoji, added) => {
      await fake.userReacts({ channel: CHANNEL, ts: messageId, user: EMPLOYEE.id, name: reactionName(emoji), added });
    },
    botReactions: (_cardId, messageId) =>
      (fake.message(CHANNEL, messageId)?.reactions ?? [])
        .filter((reaction) => reaction.user === fake.identity.botUserId)
        .map((reaction) => emojiOf(reaction.name))
        .filter((emoji): emoji is string => emoji !== undefined),
    redeliverLast: async () => {
      // Heimo's own posts and reactions are echoed too (bot_id, or the bot user): skip those.
      const isEmployees = (event: { bot_id?: unknown; user?: unknown }): boolean => event.bot_id === undefined && event.user !== fake.identity.botUserId;
      const last = [...fake.deliveries].reverse().find((delivery) => isEmployees(delivery.event));
      if (!last) throw new Error('no employee event to redeliver');
      if (last.envelopeId !== undefined) await fake.redeliver(last.envelopeId);
      else await sendSlackEvent(eventsUrl, last.event, SECRET, { eventId: last.eventId, retryNum: 1 });
    },
    failNextPost: (status) => fake.failNext('chat.postMessage', status === 429 ? { status, retryAfterSeconds: 1 } : { status }),
    postAttempts: () => fake.callsTo('chat.postMessage').length,
    close: () => fake.close(),
  };
}
