import type { AuditDraft } from '../../../core/audit/index.ts';
import { COMMANDS, createCommandRegistry, createCommandRunner } from '../../../core/commands/index.ts';
import { translator } from '../../../core/i18n/index.ts';
import type { CommandPort, CommandRequest } from '../../../core/ports/commands.ts';
import { createRecordingLogger, createRecordingServices, type ServiceCall, TEST_COMMUNITY, TEST_PERMISSIONS } from '../../support/command-fixtures.ts';
import type { Article } from '../../../core/knowledge/index.ts';

/** The real command runner over recording services, as the port the Slack bot is given. */
export interface TestCommandPort {
  port: CommandPort;
  /** Service calls the commands made. */
  calls: ServiceCall[];
  /** What the bot handed over, in order. */
  requests: CommandRequest[];
  audits: AuditDraft[];
  /** Delays every service call this long (a slow core). */
  delayMs: number;
  /** Slack threads (card ts) the questions service knows as conv-1's. */
  threads: Set<string>;
  /** The articles the knowledge commands find, by id. */
  articles: Map<string, Article>;
}

/**
 * Builds the port the composition root will build: every request belongs to the test community
 * (Finnish by default, TEST_PERMISSIONS: Slack user groups S-mods and S-support, channel C-support).
 */
export function createTestCommandPort(): TestCommandPort {
  const { services, calls } = createRecordingServices();
  const { logger } = createRecordingLogger();
  const registry = createCommandRegistry(COMMANDS);
  const state: TestCommandPort = { port: undefined as unknown as CommandPort, calls, requests: [], audits: [], delayMs: 0, threads: new Set(), articles: services.knowledge.articles };
  // The recording services know conv-1 by thread `thread-1`; a card posted in the fake has a real ts.
  const find = services.questions.find;
  services.questions.find = (communityId, ref) => find(communityId, 'threadId' in ref && state.threads.has(ref.threadId) ? { ...ref, threadId: 'thread-1' } : ref);
  const slow = <T>(value: T): T => {
    // Every service method waits `delayMs` first: a slow database or platform behind the command.
    if (typeof value !== 'object' || value === null) return value;
    return new Proxy(value as object, {
      get(target, key) {
        const inner = (target as Record<string | symbol, unknown>)[key];
        if (typeof inner === 'function') {
          return async (...args: unknown[]) => {
            if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
            return (inner as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return slow(inner);
      },
    }) as T;
  };
  const runner = createCommandRunner({
    registry,
    services: slow(services),
    permissions: () => TEST_PERMISSIONS,
    audit: { record: async (draft) => void state.audits.push(draft) },
    translator: (locale) => translator(locale, TEST_COMMUNITY.locale),
    logger,
  });
  state.port = {
    definitions: registry.definitions,
    groups: registry.groups,
    run: async (request) => {
      state.requests.push(request);
      return runner.run({ ...request, communityId: TEST_COMMUNITY.id });
    },
    text: (key, locale) => translator(locale)(key),
  };
  return state;
}
