import { HeimoError } from '../../errors.ts';
import { formatStatus } from '../format-view.ts';
import type { QuestionInfo } from '../services.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { CommandContext, CommandDefinition, CommandOption, CommandPermission } from '../types.ts';

/** Names the question by id or link where the command is not run in its thread (Slack slash commands). */
export const QUESTION_OPTION: CommandOption = { name: 'question', descriptionKey: 'option.question.description', type: 'string', required: false };

// The runner resolves the question before a question-scoped handler runs; this only narrows the type.
const questionOf = (context: CommandContext): QuestionInfo => {
  if (context.question === null) throw new HeimoError('BAD_INPUT', `${context.invocation.command} ran without its question`);
  return context.question;
};

const text = (context: CommandContext, name: string): string | undefined => {
  const value = context.args[name];
  return typeof value === 'string' ? value : undefined;
};

// A command whose only option is the question: it asks one service to act and says who did it.
const questionAction = (
  name: string,
  keys: { description: MessageKey; reply: MessageKey },
  permission: CommandPermission,
  act: (context: CommandContext, conversationId: string) => Promise<unknown>,
): CommandDefinition => ({
  name, kind: 'command', descriptionKey: keys.description, options: [QUESTION_OPTION], permission, scope: 'question',
  handler: async (context) => {
    await act(context, questionOf(context).conversationId);
    return { visibility: 'public', text: context.t(keys.reply, { name: context.invocation.actor.displayName }) };
  },
});

/** Commands on one question: status, claim, assign, resolve, reopen, close, move, and the "Mark as solution" action. */
export const QUESTION_COMMANDS: CommandDefinition[] = [
  {
    name: 'status', kind: 'command', descriptionKey: 'command.status.description', options: [QUESTION_OPTION], permission: 'anyone', scope: 'question',
    handler: async (context) => {
      const view = await context.services.lifecycle.status(questionOf(context).conversationId);
      return { visibility: 'private', text: formatStatus(view, context.now, context.t) };
    },
  },
  questionAction('claim', { description: 'command.claim.description', reply: 'reply.claim' }, 'staff', (context, conversationId) =>
    context.services.owners.claim({ conversationId, actor: context.actor })),
  {
    name: 'assign', kind: 'command', descriptionKey: 'command.assign.description', permission: 'staff', scope: 'question',
    options: [{ name: 'user', descriptionKey: 'option.user.description', type: 'user', required: true }, QUESTION_OPTION],
    handler: async (context) => {
      const assignee = { platform: context.invocation.platform, userId: text(context, 'user') ?? '' };
      const { displayName } = await context.services.owners.assign({ conversationId: questionOf(context).conversationId, actor: context.actor, assignee });
      return { visibility: 'public', text: context.t('reply.assign', { actor: context.invocation.actor.displayName, name: displayName }) };
    },
  },
  questionAction('resolve', { description: 'command.resolve.description', reply: 'reply.resolve' }, 'asker-or-staff', (context, conversationId) =>
    context.services.lifecycle.resolve({ conversationId, actor: context.actor })),
  {
    name: 'mark-solution', kind: 'message-action', descriptionKey: 'command.mark-solution.description', options: [], permission: 'asker-or-staff', scope: 'question',
    handler: async (context) => {
      const solution = context.invocation.targetMessage;
      if (solution === undefined) throw new HeimoError('BAD_INPUT', 'no message was targeted');
      await context.services.lifecycle.resolve({ conversationId: questionOf(context).conversationId, actor: context.actor, solution });
      return { visibility: 'public', text: context.t('reply.resolve.solution', { name: context.invocation.actor.displayName }) };
    },
  },
  questionAction('reopen', { description: 'command.reopen.description', reply: 'reply.reopen' }, 'asker-or-staff', (context, conversationId) =>
    context.services.lifecycle.reopen({ conversationId, actor: context.actor })),
  {
    name: 'close', kind: 'command', descriptionKey: 'command.close.description', permission: 'asker-or-staff', scope: 'question',
    options: [{ name: 'reason', descriptionKey: 'option.reason.description', type: 'string', required: false }, QUESTION_OPTION],
    handler: async (context) => {
      const reason = text(context, 'reason');
      await context.services.lifecycle.close({ conversationId: questionOf(context).conversationId, actor: context.actor, ...(reason === undefined ? {} : { reason }) });
      const name = context.invocation.actor.displayName;
      return { visibility: 'public', text: reason === undefined ? context.t('reply.close', { name }) : context.t('reply.close.reason', { name, reason }) };
    },
  },
  {
    name: 'move', kind: 'command', descriptionKey: 'command.move.description', permission: 'staff', scope: 'question',
    options: [{ name: 'team', descriptionKey: 'option.team.description', type: 'team', required: true }, QUESTION_OPTION],
    handler: async (context) => {
      const { teamName } = await context.services.routing.move({ conversationId: questionOf(context).conversationId, actor: context.actor, team: text(context, 'team') ?? '' });
      return { visibility: 'public', text: context.t('reply.move', { name: context.invocation.actor.displayName, team: teamName }) };
    },
  },
];
