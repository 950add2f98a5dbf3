import type { AuditLog, AuditOutcome } from '../audit/index.ts';
import type { PermissionsConfig } from '../domain/network.ts';
import { HeimoError } from '../errors.ts';
import type { MessageKey, Translator } from '../i18n/index.ts';
import type { Logger } from '../ports/logger.ts';
import { FORGOTTEN_NAME } from '../privacy/index.ts';
import { checkArguments, describeProblem } from './arguments.ts';
import { formatHelp } from './definitions/ops-commands.ts';
import { isAllowed, privilegeOf } from './permissions.ts';
import type { CommandRegistry } from './registry.ts';
import type { CommandServices, PersonActor, QuestionInfo, QuestionRef } from './services.ts';
import type { CommandInvocation, CommandPermission, CommandReply } from './types.ts';

/** What the runner needs: the commands, the capabilities they call, who is privileged, the audit, the catalogue. */
export interface CommandRunnerConfig {
  registry: CommandRegistry;
  services: CommandServices;
  /** The community's permissions from the network file (read per run: a reload applies at once). */
  permissions: (communityId: string) => PermissionsConfig;
  audit: Pick<AuditLog, 'record'>;
  /** A translator for the person's locale, falling back to the community's default (see core/i18n `translator`). */
  translator: (personLocale: string | undefined, communityId: string) => Translator;
  logger: Logger;
  clock?: () => Date;
}

/** Runs commands: checks permission and arguments, finds the question, calls the handler, audits every run. */
export interface CommandRunner {
  run(invocation: CommandInvocation): Promise<CommandReply>;
}

// Who a run that forgot its actor was by, in the audit: nobody (the forget's reference is in its log line).
const FORGOTTEN_ACTOR_ID = 'forgotten';

// Refusals a service explains (unknown team, a transition the status forbids): the person reads why.
const EXPLAINED: Record<string, 'error.notFound' | 'error.conflict'> = { NOT_FOUND: 'error.notFound', CONFLICT: 'error.conflict', BAD_INPUT: 'error.conflict' };

// How a denial names what was needed ('anyone' is never denied; it reads as staff if it ever were).
const LEVEL_KEYS: Record<CommandPermission, MessageKey> = {
  anyone: 'error.level.staff',
  staff: 'error.level.staff',
  moderator: 'error.level.moderator',
  asker: 'error.level.asker',
  'asker-or-staff': 'error.level.asker-or-staff',
};

const describeRef = (ref: QuestionRef): string =>
  'conversationId' in ref ? ref.conversationId : 'text' in ref ? ref.text : `${ref.platform}:${ref.channelId}/${ref.threadId}`;

// `anonymous`: the run forgot the person who ran it, so its audit row must not name them again.
type Ended = { outcome: AuditOutcome; reply: CommandReply; detail: string | null; anonymous?: boolean };
const privately = (text: string): CommandReply => ({ visibility: 'private', text });

/** Creates the command runner every platform's adapter hands its invocations to. */
export function createCommandRunner(config: CommandRunnerConfig): CommandRunner {
  const { registry, services, audit, logger } = config;
  const clock = config.clock ?? (() => new Date());

  async function decide(invocation: CommandInvocation, t: Translator, found: { question: QuestionInfo | null }): Promise<Ended> {
    const { command, platform, actor: person } = invocation;
    const definition = registry.get(command);
    if (definition === undefined) {
      // `kb` alone (or `kb frob`): what the group has is the useful answer.
      const group = registry.group(command.trim().split(/\s+/)[0] ?? '');
      const text = group === undefined ? t('error.unknownCommand', { command }) : formatHelp(registry.definitions, t, group.name);
      return { outcome: 'invalid', reply: privately(text), detail: 'unknown command' };
    }
    const { permission } = definition;
    const privilege = privilegeOf(config.permissions(invocation.communityId), platform, person);
    const denied = (): Ended => ({
      outcome: 'denied',
      reply: privately(t('error.denied', { command: definition.name, level: t(LEVEL_KEYS[permission]) })),
      detail: `needs ${permission}, has ${privilege}`,
    });
    // Staff and moderator commands are refused before anything is looked up or validated.
    if (!(await isAllowed(permission, privilege, async () => true))) return denied();

    const checked = checkArguments(definition, invocation.args);
    if (!checked.ok) return { outcome: 'invalid', reply: privately(describeProblem(checked.problem, t)), detail: checked.problem.key };
    if (definition.scope === 'channel' && invocation.channelId === undefined) {
      return { outcome: 'invalid', reply: privately(t('error.needsChannel', { command: definition.name })), detail: 'error.needsChannel' };
    }
    if (definition.scope === 'question') {
      const typed = checked.args['question'];
      const ref = invocation.question ?? (typeof typed === 'string' ? { text: typed } : undefined);
      if (ref === undefined) return { outcome: 'invalid', reply: privately(t('error.needsQuestion', { command: definition.name })), detail: 'error.needsQuestion' };
      found.question = await services.questions.find(invocation.communityId, ref);
      if (found.question === null) return { outcome: 'invalid', reply: privately(t('error.questionNotFound', { ref: describeRef(ref) })), detail: 'error.questionNotFound' };
    }
    const question = found.question;
    const askedIt = async (): Promise<boolean> => question !== null && (await services.questions.isAsker(question.conversationId, { platform, userId: person.userId }));
    if (!(await isAllowed(permission, privilege, askedIt))) return denied();

    const actor: PersonActor = { kind: 'person', platform, userId: person.userId, displayName: person.displayName };
    const reply = await definition.handler({ invocation, actor, args: checked.args, question, services, privilege, t, now: clock(), definitions: registry.definitions });
    return { outcome: 'allowed', reply, detail: null, anonymous: definition.forgetsActor?.(checked.args) === true };
  }

  return {
    async run(invocation) {
      const t = config.translator(invocation.actor.locale, invocation.communityId);
      const found: { question: QuestionInfo | null } = { question: null };
      let ended: Ended;
      try {
        ended = await decide(invocation, t, found);
      } catch (error) {
        const key = error instanceof HeimoError ? EXPLAINED[error.code] : undefined;
        const message = error instanceof Error ? error.message : String(error);
        if (key === undefined) logger.error('command failed', { command: invocation.command, communityId: invocation.communityId, error });
        ended = {
          outcome: 'failed',
          reply: privately(key === undefined ? t('error.failed') : t(key, { detail: message })),
          detail: error instanceof HeimoError ? `${error.code}: ${message}` : message,
        };
      }
      const args: Record<string, unknown> = Object.fromEntries(Object.entries(invocation.args).filter(([, value]) => value !== undefined));
      if (invocation.targetMessage !== undefined) args['targetMessage'] = invocation.targetMessage;
      try {
        await audit.record({
          at: clock(),
          communityId: invocation.communityId,
          platform: invocation.platform,
          actorId: ended.anonymous === true ? FORGOTTEN_ACTOR_ID : invocation.actor.userId,
          actorName: ended.anonymous === true ? FORGOTTEN_NAME : invocation.actor.displayName,
          command: invocation.command,
          args,
          conversationId: found.question?.conversationId ?? null,
          outcome: ended.outcome,
          detail: ended.detail,
        });
      } catch (error) {
        // The command has happened (or been refused) either way; the person still gets the answer.
        logger.error('command audit write failed', { command: invocation.command, outcome: ended.outcome, error });
      }
      return ended.reply;
    },
  };
}
