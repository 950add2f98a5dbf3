import { createFakeSlack, type FakeSlackMessage } from '../fakes/slack/fake-slack.ts';
import { sendSlackEvent } from '../fakes/slack/sign.ts';
import type { EmployeeSide, RecordedPost } from './employee-side.ts';

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

/** The Slack stand-in as the employee side of the contract suite. */
export async function createSlackSide(): Promise<EmployeeSide & { fake: Awaited<ReturnType<typeof createFakeSlack>> }> {
  const fake = await createFakeSlack({ users: [EMPLOYEE], channels: [CHANNEL] });
  let eventsUrl = '';
  const isCard = (message: FakeSlackMessage): boolean => message.channel === CHANNEL && message.threadTs === undefined && message.metadata?.event_type === 'heimo_card';
  const toPost = (message: FakeSlackMessage): RecordedPost => ({ id: message.ts, text: message.text, author: message.username ?? '' });
  return {
    fake,
    platform: 'slack',
    env: { SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl },
    destination: { platform: 'slack', channelId: CHANNEL },
    attach: async (heimoUrl) => {
      eventsUrl = `${heimoUrl}/slack/events`;
      fake.setEvents(eventsUrl, SECRET);
    },
    bold: (text) => `*${text}*`,
    cards: () => fake.messages.filter(isCard).map((message) => ({ id: message.ts, text: `${message.text} ${flatten(message.blocks)}` })),
    threadPosts: (cardId) => fake.thread(CHANNEL, cardId).filter((message) => message.ts !== cardId && message.botId !== undefined).map(toPost),
    reply: async (cardId, text) => (await fake.userPosts({ channel: CHANNEL, user: EMPLOYEE.id, text, threadTs: cardId })).ts,
    edit: async (_cardId, messageId, text) => {
      await fake.userEdits(CHANNEL, messageId, text);
    },
    remove: async (_cardId, messageId) => {
      await fake.userDeletes(CHANNEL, messageId);
    },
    redeliverLast: async () => {
      const last = [...fake.deliveries].reverse().find((delivery) => (delivery.event as { bot_id?: unknown }).bot_id === undefined);
      if (!last) throw new Error('no employee event to redeliver');
      await sendSlackEvent(eventsUrl, last.event, SECRET, { eventId: last.eventId, retryNum: 1 });
    },
    failNextPost: (status) => fake.failNext('chat.postMessage', status === 429 ? { status, retryAfterSeconds: 1 } : { status }),
    postAttempts: () => fake.callsTo('chat.postMessage').length,
    close: () => fake.close(),
  };
}
