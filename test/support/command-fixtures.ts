import { HeimoError } from '../../core/errors.ts';
import { defineCommunity, type PermissionsConfig } from '../../core/domain/network.ts';
import type { CommandServices, PersonRef, QuestionInfo, QuestionView } from '../../core/commands/index.ts';
import type { Logger } from '../../core/ports/logger.ts';
import { DEFAULT_CHOICES } from '../../core/privacy/index.ts';
import { createKnowledgeDouble } from './knowledge-doubles.ts';

/** Roles that make someone a moderator or staff on each platform, in the tests. */
export const TEST_PERMISSIONS: PermissionsConfig = {
  discord: { moderatorRoleIds: ['role-mod'], staffRoleIds: ['role-staff'] },
  slack: { moderatorUserGroupIds: ['S-mods'], staffUserGroupIds: ['S-support'], staffChannelIds: ['C-support'] },
  teams: { moderatorTeamIds: ['team-mods'], staffTeamIds: ['team-support'] },
};

/** A community in Finnish by default, with the test permissions. */
export const TEST_COMMUNITY = defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g1', routes: [], locale: 'fi', permissions: TEST_PERMISSIONS });

/** The one question the services know: asked on Discord by user `asker`. */
export const QUESTION: QuestionInfo = { conversationId: 'conv-1', communityId: 'acme', title: 'Login fails', status: 'open' };

/** A call a test double received: the method and its request. */
export interface ServiceCall {
  method: string;
  request: unknown;
}

/**
 * In-memory CommandServices for tests of the registry alone: one question (thread `thread-1`, link
 * text `conv-1`), the asker `asker` on Discord, teams `billing` and `support`, no articles (add
 * them to `services.knowledge.articles`); records every call.
 */
export function createRecordingServices(): { services: CommandServices & { knowledge: ReturnType<typeof createKnowledgeDouble> }; calls: ServiceCall[] } {
  const calls: ServiceCall[] = [];
  const record = (method: string, request: unknown): void => void calls.push({ method, request });
  const view = (now = new Date('2026-12-03T08:00:00Z')): QuestionView => ({
    ...QUESTION,
    askedAt: new Date(now.getTime() - 3 * 3_600_000),
    assignee: null,
    team: { id: 'support', name: 'Support' },
    clocks: [{ kind: 'first-response', dueAt: new Date(now.getTime() - 3_600_000), breached: true }],
  });
  const teamName = (team: string): string => {
    const names: Record<string, string> = { billing: 'Billing', support: 'Support' };
    const name = names[team];
    if (name === undefined) throw new HeimoError('NOT_FOUND', `no team "${team}"`);
    return name;
  };
  const services = {
    questions: {
      find: async (_communityId, ref) => {
        const known = ('threadId' in ref && ref.threadId === 'thread-1') || ('text' in ref && ref.text.includes('conv-1')) || ('conversationId' in ref && ref.conversationId === 'conv-1');
        return known ? QUESTION : null;
      },
      isAsker: async (_id, person: PersonRef) => person.platform === 'discord' && person.userId === 'asker',
    },
    lifecycle: {
      status: async () => view(),
      resolve: async (request) => record('resolve', request),
      reopen: async (request) => record('reopen', request),
      close: async (request) => record('close', request),
    },
    owners: {
      claim: async (request) => record('claim', request),
      assign: async (request) => (record('assign', request), { displayName: `name-of-${request.assignee.userId}` }),
      onDuty: async (request) => (record('onDuty', request), { onDuty: request.onDuty ?? false }),
    },
    routing: { move: async (request) => (record('move', request), { teamName: teamName(request.team) }) },
    queue: {
      list: async (request) => (record('queue', request), { team: { id: 'support', name: 'Support' }, questions: [view(), { ...view(), conversationId: 'conv-0', title: 'Older one', askedAt: new Date('2026-12-01T08:00:00Z'), clocks: [] }] }),
    },
    deliveries: {
      listDead: async () => [],
      retry: async (request) => (record('retry', request), { streams: request.ids?.length ?? 0 }),
    },
    privacy: {
      choices: async (person) => (record('privacy.choices', person), { ...DEFAULT_CHOICES }),
      setChoices: async (person, changes) => (record('privacy.setChoices', { person, changes }), { ...DEFAULT_CHOICES, ...changes }),
      forget: async (person) => (record('privacy.forget', person), { reference: 'forgotten-test', erased: [] }),
    },
    knowledge: createKnowledgeDouble(calls),
  } satisfies CommandServices;
  return { services, calls };
}

/** A logger that keeps its lines for assertions. */
export function createRecordingLogger(): { logger: Logger; lines: Array<{ level: string; message: string }> } {
  const lines: Array<{ level: string; message: string }> = [];
  const at = (level: string) => (message: string): void => void lines.push({ level, message });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return { logger, lines };
}
