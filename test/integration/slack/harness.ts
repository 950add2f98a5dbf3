import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSlackBot } from '../../../bots/slack/create-slack-bot.ts';
import type { InboundEvent, IngestOutcome } from '../../../core/domain/events.ts';
import { createLogger } from '../../../core/logger.ts';
import type { Bot } from '../../../core/ports/bot.ts';
import type { CommandPort } from '../../../core/ports/commands.ts';
import type { CardView, EmployeeDelivery } from '../../../core/ports/delivery.ts';
import { createFakeSlack, type FakeSlack, type FakeSlackConfig, type FakeSlackUser } from '../../fakes/slack/fake-slack.ts';
import { eventually } from '../../support/eventually.ts';

/** The signing secret both the fake and the bot use. */
export const SIGNING_SECRET = 'test-signing-secret-8f2c';

/** Employees the fake workspace knows. */
export const USERS: FakeSlackUser[] = [
  { id: 'U0ALICE', name: 'alice', realName: 'Alice Lindqvist', displayName: 'alice.l', image72: 'https://avatars.example/alice-72.png' },
  { id: 'U0BOB', name: 'bob', realName: 'Bob Virtanen', displayName: '', image72: 'https://avatars.example/bob-72.png' },
  { id: 'U0OTHERBOT', name: 'deploybot', realName: 'Deploy Bot', isBot: true },
];

/** One parsed log line. */
export type LogLine = Record<string, unknown> & { level: string; msg: string };

/** A running Slack bot on a real express server, wired to the fake Slack. */
export interface SlackHarness {
  fake: FakeSlack;
  bot: Bot<EmployeeDelivery>;
  /** The events URL Slack would call. */
  eventsUrl: string;
  /** What the bot handed to the core, in order. */
  events: InboundEvent[];
  logs: LogLine[];
  /** Decides the core's answer per event (it may take its time); accepted by default. */
  outcome: (event: InboundEvent) => IngestOutcome | Promise<IngestOutcome>;
  close(): Promise<void>;
}

/** How the harness runs the bot: started or not, and over HTTP (default) or Socket Mode. */
export interface SlackHarnessOptions {
  start?: boolean;
  socketMode?: boolean;
  /** Socket Mode: how long the fake waits for an ack before a delivery resolves unacknowledged. */
  ackTimeoutMs?: number;
  /** The command port the bot is started with (`/heimo`, buttons, shortcuts). */
  commands?: CommandPort;
  /** More of the fake workspace: user groups, channel members, more users. */
  fake?: Pick<FakeSlackConfig, 'userGroups' | 'members' | 'users' | 'channels'>;
}

/** Starts fake Slack, the bot, and an express server mounting the bot's routes the way Heimo does. */
export async function startSlackHarness(options: SlackHarnessOptions = {}): Promise<SlackHarness> {
  const socketMode = options.socketMode === true;
  const fake = await createFakeSlack({ users: USERS, ...options.fake, socketMode, socketAckTimeoutMs: options.ackTimeoutMs ?? 3_000 });
  const logs: LogLine[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as LogLine) });
  // Socket Mode reconnects at once in tests; Slack itself would wait for the bot's backoff.
  const mode = socketMode ? { appToken: fake.appToken, socketReconnectDelayMs: 50 } : { signingSecret: SIGNING_SECRET };
  const bot = createSlackBot({ botToken: fake.token, ...mode, apiUrl: fake.apiUrl, logger });

  const app = express();
  // Another bot's JSON parser on its own route must not disturb Slack's raw-body signature check.
  app.use('/api/messages', express.json(), (_req, res) => void res.status(200).json({ ok: true }));
  for (const route of bot.routes) app.use(route.path, route.handler);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  if (!socketMode) fake.setEvents(eventsUrl, SIGNING_SECRET);

  const harness: SlackHarness = {
    fake,
    bot,
    eventsUrl,
    events: [],
    logs,
    outcome: () => ({ status: 'accepted', conversationId: 'conv-1' }),
    async close() {
      await bot.stop();
      await fake.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  if (options.start !== false) {
    await bot.start(async (event) => {
      harness.events.push(event);
      return harness.outcome(event);
    }, options.commands);
  }
  return harness;
}

/** Polls until `check` returns something other than undefined/false, or fails after `timeoutMs`. */
export function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 5_000): Promise<T> {
  return eventually(check, what, timeoutMs);
}

/** Waits for a log line with this message (and, if given, these fields). */
export function waitForLog(harness: SlackHarness, msg: string, fields: Record<string, unknown> = {}): Promise<LogLine> {
  return waitFor(
    () => harness.logs.find((line) => line.msg === msg && Object.entries(fields).every(([key, value]) => line[key] === value)),
    `log "${msg}" ${JSON.stringify(fields)}`,
  );
}

/** A card as the core would hand it to the delivery. */
export const cardView = (overrides: Partial<CardView> = {}): CardView => ({
  conversationId: 'conv-1',
  communityName: 'Acme Community',
  asker: { displayName: 'Dana', avatarUrl: 'https://cdn.discord.example/dana.png' },
  title: 'Login fails after update',
  text: 'Since 2.3 I get **403** on login.',
  status: 'open',
  customerThreadUrl: 'https://discord.com/channels/1/2/3',
  idempotencyKey: 'outbox-card-1',
  isRetry: false,
  ...overrides,
});
