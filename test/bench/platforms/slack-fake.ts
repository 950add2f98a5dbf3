import { createFakeSlack, type FakeSlackUser } from '../../fakes/slack/fake-slack.ts';
import { tagOf } from '../lib/traffic.ts';
import type { EmployeeFake, EmployeeFakeFactory } from './employee-fake.ts';

const CHANNEL = 'C0BENCHSUPPORT';
const SECRET = 'bench-signing-secret';

/** The Slack stand-in as the benchmark's employee side. */
export const startSlackFake: EmployeeFakeFactory = async ({ employees, onDelivery }): Promise<EmployeeFake> => {
  const users: FakeSlackUser[] = Array.from({ length: employees }, (_, index) => ({
    id: `U0EMP${String(index).padStart(4, '0')}`,
    name: `employee${index}`,
    realName: `Employee ${index}`,
    displayName: `Emp ${index}`,
    image72: `https://avatars.example/emp${index}.png`,
  }));
  const fake = await createFakeSlack({
    users,
    channels: [CHANNEL],
    onRequest: ({ method, params }) => {
      // A relayed message is a post into a card's thread; cards themselves are thread roots.
      if (method === 'chat.postMessage' && typeof params['thread_ts'] === 'string' && typeof params['text'] === 'string') onDelivery(params['text']);
    },
  });
  return {
    endpoints: {
      platform: 'slack',
      env: { SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl },
      destination: { platform: 'slack', channelId: CHANNEL },
      bare: { apiUrl: fake.apiUrl, token: fake.token, signingSecret: SECRET, channel: CHANNEL, botId: fake.identity.botId, botUserId: fake.identity.botUserId },
    },
    attach: (relayUrl) => fake.setEvents(`${relayUrl}/slack/events`, SECRET),
    roots: () => {
      const found = new Map<number, string>();
      for (const message of fake.messages) {
        if (message.threadTs !== undefined || message.channel !== CHANNEL) continue;
        const tag = tagOf(message.text);
        if (tag !== undefined) found.set(tag, message.ts);
      }
      return found;
    },
    reply: (rootId, employee, text) => {
      const user = users[employee % users.length];
      if (user === undefined) throw new Error('no employees');
      void fake.userPosts({ channel: CHANNEL, user: user.id, text, threadTs: rootId }).catch(() => undefined);
    },
    prune: () => {
      const errors = fake.calls.filter((call) => call.status !== 200 || call.error !== undefined).length
        + fake.deliveries.filter((delivery) => delivery.status !== 200).length;
      const roots = fake.messages.filter((message) => message.threadTs === undefined);
      fake.messages.length = 0;
      fake.messages.push(...roots);
      fake.calls.length = 0;
      fake.deliveries.length = 0;
      return errors;
    },
    close: () => fake.close(),
  };
};
