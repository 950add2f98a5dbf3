import { createDiscordBot } from '../../../bots/discord/create-discord-bot.ts';
import { createCommandRegistry, createCommandRunner, type CommandServices } from '../../../core/commands/index.ts';
import type { InboundEvent } from '../../../core/domain/events.ts';
import type { CommandInvocation } from '../../../core/commands/index.ts';
import { translator } from '../../../core/i18n/index.ts';
import { createLogger } from '../../../core/logger.ts';
import type { CommandPort, CommandRequest } from '../../../core/ports/commands.ts';
import { createFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';
import type { FakeInteraction } from '../../fakes/discord/interactions.ts';
import { createRecordingServices, TEST_PERMISSIONS, type ServiceCall } from '../../support/command-fixtures.ts';
import { eventually } from '../../support/eventually.ts';

/** Heimo's moderator role in the fake guild (a role id only the permissions name). */
export const MODERATOR_ROLE = '1100000000000000001';

/** The answer a person sees to an interaction. */
export interface SeenAnswer {
  text: string;
  private: boolean;
}

/** The real bot with the real command runner (over recording services) against the fake Discord. */
export interface CommandHarness {
  fake: FakeDiscord;
  bot: ReturnType<typeof createDiscordBot>;
  /** What the bot handed the command port, in order. */
  requests: CommandRequest[];
  /** Service calls the commands made (resolve, claim...). */
  calls: ServiceCall[];
  logs: Array<Record<string, unknown>>;
  /** The next run takes this long before the runner answers (a slow service). */
  slowNextRun(ms: number): void;
  /** Makes `threadId` the thread of the services' one question (conv-1); bob is its asker. */
  useQuestionThread(threadId: string): void;
  close(): Promise<void>;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the fake and the bot, registering the commands at start (HEIMO_REGISTER_COMMANDS). */
export async function startCommandHarness(options: { deferAfterMs?: number; interactionWindowMs?: number; beforeStart?: (fake: FakeDiscord) => void } = {}): Promise<CommandHarness> {
  const fake = createFakeDiscord({ heartbeatIntervalMs: 1_000, ...(options.interactionWindowMs === undefined ? {} : { interactionWindowMs: options.interactionWindowMs }) });
  await fake.start();
  options.beforeStart?.(fake);
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  const recording = createRecordingServices();
  let questionThread: string | undefined;
  // The recording services know thread `thread-1` and the asker `asker`: the fake's ids map onto them.
  const services: CommandServices = {
    ...recording.services,
    questions: {
      find: (communityId, ref) => recording.services.questions.find(communityId, 'threadId' in ref && ref.threadId === questionThread ? { ...ref, threadId: 'thread-1' } : ref),
      isAsker: (id, person) => recording.services.questions.isAsker(id, person.userId === fake.world.users.bob.id ? { ...person, userId: 'asker' } : person),
    },
  };
  const registry = createCommandRegistry();
  const runner = createCommandRunner({
    registry,
    services,
    permissions: () => ({ ...TEST_PERMISSIONS, discord: { moderatorRoleIds: [MODERATOR_ROLE], staffRoleIds: [fake.world.roles.staff.id] } }),
    audit: { record: async () => undefined },
    translator: (locale) => translator(locale, 'en'),
    logger,
  });
  const requests: CommandRequest[] = [];
  let slowMs = 0;
  const commands: CommandPort = {
    definitions: registry.definitions,
    groups: registry.groups,
    run: async (request) => {
      requests.push(request);
      const wait = slowMs;
      slowMs = 0;
      if (wait > 0) await delay(wait);
      const invocation: CommandInvocation = { ...request, communityId: 'acme' };
      return runner.run(invocation);
    },
    text: (key, locale) => translator(locale)(key),
  };
  const bot = createDiscordBot({
    token: fake.token, apiUrl: fake.apiUrl, watchedChannelIds: [fake.world.ids.help, fake.world.ids.forum], logger,
    registerCommands: true, commandGuildIds: () => [fake.world.guildId],
    ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
  });
  await bot.start(async (_event: InboundEvent) => ({ status: 'accepted', conversationId: 'conv-1' }), commands);
  return {
    fake, bot, requests, calls: recording.calls, logs,
    slowNextRun: (ms) => {
      slowMs = ms;
    },
    useQuestionThread: (threadId) => {
      questionThread = threadId;
    },
    close: async () => {
      await bot.stop();
      await fake.close();
    },
  };
}

/** Waits for Heimo's final answer to an interaction: the follow-up that replaced a deleted answer, else the original. */
export async function answerOf(interaction: FakeInteraction, timeoutMs = 6_000): Promise<SeenAnswer> {
  return eventually(() => {
    const last = interaction.followUps.at(-1);
    if (last !== undefined) return { text: last.content, private: last.ephemeral };
    if (interaction.originalDeleted || interaction.original === null) return undefined;
    return { text: interaction.original.content, private: interaction.original.ephemeral };
  }, `an answer to interaction ${interaction.id}`, timeoutMs);
}
