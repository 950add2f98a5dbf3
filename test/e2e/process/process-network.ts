import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Env } from '../../../config/env-read.ts';
import { createFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';
import { createFakeSlack, type FakeSlack, type FakeSlackMessage } from '../../fakes/slack/fake-slack.ts';
import { eventually } from '../../support/eventually.ts';
import type { HeimoProcess } from './heimo-process.ts';

/** The Slack channel the fake help channel is routed to. */
export const SUPPORT_CHANNEL = 'C0SUPPORT';
const SIGNING_SECRET = 'process-e2e-signing-secret';

/** The Discord and Slack stand-ins a child Heimo talks to, and the network file routing between them. */
export interface ProcessNetwork {
  discord: FakeDiscord;
  slack: FakeSlack;
  /** Credentials, API URLs and HEIMO_CONFIG for the child. */
  env: Env;
  /** Points the Slack stand-in's Events API at a (re)started child. */
  attach(heimo: HeimoProcess): void;
  /** A customer asks in the help channel; resolves once Discord has the thread and Slack the card. */
  ask(text: string): Promise<{ threadId: string; cardTs: string }>;
  /** The customer writes again in their Discord thread. */
  followUp(threadId: string, text: string): void;
  /** Heimo's posts in the card's Slack thread that contain `text`. */
  postsContaining(cardTs: string, text: string): FakeSlackMessage[];
  close(): Promise<void>;
}

const isCard = (message: FakeSlackMessage): boolean =>
  message.channel === SUPPORT_CHANNEL && message.threadTs === undefined && message.metadata?.event_type === 'heimo_card';

/** Starts both stand-ins and writes the network file (help and forum channel -> SUPPORT_CHANNEL) into `dir`. */
export async function startProcessNetwork(dir: string): Promise<ProcessNetwork> {
  const discord = createFakeDiscord({ heartbeatIntervalMs: 5_000 });
  await discord.start();
  const slack = await createFakeSlack({ channels: [SUPPORT_CHANNEL] });
  const { world } = discord;
  const networkFile = join(dir, 'network.json');
  const destination = { platform: 'slack', channelId: SUPPORT_CHANNEL };
  await writeFile(
    networkFile,
    JSON.stringify({
      communities: [
        {
          id: 'acme',
          name: 'Acme Community',
          discordGuildId: world.guildId,
          routes: [
            { discordChannelId: world.ids.help, destination },
            { discordChannelId: world.ids.forum, destination },
          ],
        },
      ],
    }),
  );
  return {
    discord,
    slack,
    env: {
      HEIMO_CONFIG: networkFile,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    },
    attach: (heimo) => slack.setEvents(`${heimo.url}/slack/events`, SIGNING_SECRET),
    async ask(text) {
      const before = new Set(slack.messages.filter(isCard).map((card) => card.ts));
      const question = discord.userSends({ channelId: world.ids.help, content: text, author: world.users.bob });
      const threadId = await eventually(() => (world.channels.has(question.id) ? question.id : undefined), 'Discord thread opened', 20_000);
      const card = await eventually(() => slack.messages.find((message) => isCard(message) && !before.has(message.ts)), 'card posted in Slack', 20_000);
      return { threadId, cardTs: card.ts };
    },
    followUp: (threadId, text) => void discord.userSends({ channelId: threadId, content: text, author: world.users.bob }),
    postsContaining: (cardTs, text) => slack.thread(SUPPORT_CHANNEL, cardTs).filter((message) => message.ts !== cardTs && message.text.includes(text)),
    async close() {
      await slack.close();
      await discord.close();
    },
  };
}
