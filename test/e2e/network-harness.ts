import { writeFile } from 'node:fs/promises';
import type { Env } from '../../config/env-read.ts';
import { defineCommunity, type CommunityDraft, type NetworkConfig } from '../../core/domain/network.ts';
import { createLogger } from '../../core/logger.ts';
import { createHeimo, type Heimo, type HeimoConfig } from '../../bots/app/create-heimo.ts';
import { STATUS_LINE_PREFIX } from '../../bots/discord/status.ts';
import type { QueueFactory } from '../../core/infra/queue/create-queue-factory.ts';
import type { EmployeeSide } from '../contracts/employee-side.ts';
import { createFakeDiscord, type FakeDiscord, type FakeMessage } from '../fakes/discord/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { createTestQueues } from '../support/queue.ts';

/** One parsed log line from Heimo. */
export type LogLine = Record<string, unknown> & { level: string; msg: string };

/** Heimo between a Discord stand-in and one employee-side stand-in, on a fresh database and queue. */
export interface Network {
  heimo: Heimo;
  discord: FakeDiscord;
  side: EmployeeSide;
  db: TestDatabase;
  queues: QueueFactory;
  /** The environment Heimo was started with. */
  env: Env;
  logs: LogLine[];
  /** A customer asks in the help channel; resolves once Heimo opened the thread and the card exists. */
  ask(text: string, author?: 'alice' | 'bob' | 'carol'): Promise<{ question: FakeMessage; threadId: string; cardId: string }>;
  /** Heimo's posts in a Discord thread (webhook or bot), oldest first. */
  relayedToDiscord(threadId: string): FakeMessage[];
  /** Stops Heimo (not the stand-ins, database or queue) and starts a new one on the same state. */
  restart(overrides?: Partial<HeimoConfig>): Promise<void>;
  close(): Promise<void>;
}

/** Options of startNetwork. */
export interface NetworkOptions {
  delivery?: HeimoConfig['delivery'];
  /** Variables added to Heimo's environment. */
  env?: Env;
  /** Write the network to this file and let Heimo read it through HEIMO_CONFIG (so it can be reloaded). */
  networkFile?: string;
  /** Sections added to the community (teams, tiers, rules, permissions, lifecycle), from the fake Discord's world (its roles). */
  community?: (world: FakeDiscord['world']) => Omit<Partial<CommunityDraft>, 'id' | 'discordGuildId'>;
  /** The job system's settings (short sweeps in tests). */
  jobs?: HeimoConfig['jobs'];
}

/** Starts the whole network: stand-ins, a fresh database and queue, and Heimo wired to them. */
export async function startNetwork(side: EmployeeSide, options: NetworkOptions = {}): Promise<Network> {
  const discord = createFakeDiscord({ heartbeatIntervalMs: 5_000 });
  await discord.start();
  const db = await createTestDatabase();
  const queues = await createTestQueues(db);
  const world = discord.world;
  const network: NetworkConfig = {
    internalMarkers: ['//', 'note:'],
    communities: [
      defineCommunity({
        id: 'acme',
        name: 'Acme Community',
        discordGuildId: world.guildId,
        routes: [
          { discordChannelId: world.ids.help, destination: side.destination },
          { discordChannelId: world.ids.forum, destination: side.destination },
        ],
        ...options.community?.(world),
      }),
    ],
  };
  const env: Env = { PORT: '0', HOST: '127.0.0.1', DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, ...side.env, ...options.env };
  if (options.networkFile !== undefined) {
    await writeFile(options.networkFile, JSON.stringify(network));
    env['HEIMO_CONFIG'] = options.networkFile;
  }
  const logs: LogLine[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as LogLine) });
  const config = (overrides: Partial<HeimoConfig> = {}): HeimoConfig => ({
    env,
    ...(options.networkFile === undefined ? { network } : {}),
    logger,
    database: db,
    queues,
    delivery: { lockDurationMs: 2_000, sweepIntervalMs: 0, maxAttempts: 4, ...options.delivery },
    ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
    ...overrides,
  });
  let heimo = await createHeimo(config());
  await side.attach(heimo.url);

  // Heimo's posts in a thread, without the status line it keeps there (it is not a relayed message).
  const relayedToDiscord = (threadId: string): FakeMessage[] =>
    discord
      .messagesIn(threadId)
      .filter((message) => (message.webhook_id !== undefined || message.author.id === world.botUser.id) && !message.content.startsWith(STATUS_LINE_PREFIX));

  return {
    get heimo() {
      return heimo;
    },
    discord,
    side,
    db,
    queues,
    env,
    logs,
    relayedToDiscord,
    async ask(text, author = 'bob') {
      const before = new Set(side.cards().map((card) => card.id));
      const question = discord.userSends({ channelId: world.ids.help, content: text, author: world.users[author] });
      const threadId = await eventually(() => (world.channels.has(question.id) ? question.id : undefined), 'Discord thread opened');
      const card = await eventually(() => side.cards().find((candidate) => !before.has(candidate.id)), 'employee card posted');
      // The card is visible a moment before Heimo records its thread; a person cannot reply sooner.
      await eventually(async () => (await db.prisma.threadLink.count({ where: { platform: side.platform, threadId: card.id } })) > 0, 'card thread recorded');
      return { question, threadId, cardId: card.id };
    },
    async restart(overrides) {
      await heimo.stop();
      heimo = await createHeimo(config(overrides));
      await side.attach(heimo.url);
    },
    async close() {
      if (process.env['HEIMO_TEST_DUMP']) {
        const rows = await db.prisma.outboxEntry.findMany({ orderBy: [{ conversationId: 'asc' }, { seq: 'asc' }] });
        console.log(rows.map((r) => `${r.conversationId.slice(0, 8)} ${r.seq} ${r.platform} ${r.kind} ${r.status} ${r.attempts} ${r.lastError ?? ''}`).join('\n'));
        console.log(logs.filter((l) => l.level !== 'debug').map((l) => JSON.stringify(l)).join('\n'));
      }
      await heimo.stop();
      await side.close();
      await discord.close();
      await queues.close();
      await db.dispose();
    },
  };
}
