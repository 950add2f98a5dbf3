import { HeimoError } from '../../errors.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { CommandDefinition } from '../types.ts';
import { QUESTION_OPTION } from './question-commands.ts';

// `rate <1-5>` (satisfaction survey): the survey's buttons run it; the asker may also type it in
// the question's thread. Anyone may run it, but only the asker's rating counts: everyone else is
// told so privately, as is a score outside 1-5 or a question not solved. Replies are private, in
// the person's language.

// Satisfaction's refusals, in words the person reads (a missing question is the runner's to explain).
const REFUSALS: Partial<Record<string, MessageKey>> = {
  BAD_INPUT: 'reply.rate.badScore',
  UNAUTHORIZED: 'reply.rate.notAsker',
  LIFECYCLE_INVALID: 'reply.rate.notSolved',
  CONFLICT: 'reply.rate.off',
};

/** The satisfaction commands. */
export const SATISFACTION_COMMANDS: readonly CommandDefinition[] = [
  {
    name: 'rate', kind: 'command', descriptionKey: 'command.rate.description', permission: 'anyone', scope: 'question',
    options: [{ name: 'score', descriptionKey: 'option.score.description', type: 'string', required: true }, QUESTION_OPTION],
    handler: async ({ services, question, args, actor, t }) => {
      if (services.satisfaction === undefined) return { visibility: 'private', text: t('reply.rate.off') };
      if (question === null) throw new HeimoError('BAD_INPUT', 'rate ran without its question');
      const given = typeof args['score'] === 'string' ? args['score'] : '';
      try {
        const outcome = await services.satisfaction.rate({
          conversationId: question.conversationId, rater: { platform: actor.platform, userId: actor.userId }, score: /^\d+$/.test(given) ? Number(given) : Number.NaN,
        });
        if (outcome.kind === 'unchanged') return { visibility: 'private', text: t('reply.rate.unchanged', { score: outcome.score }) };
        const text = outcome.previousScore === null ? t('reply.rate.rated', { score: outcome.score }) : t('reply.rate.changed', { score: outcome.score, previous: outcome.previousScore });
        return { visibility: 'private', text };
      } catch (error) {
        const key = error instanceof HeimoError ? REFUSALS[error.code] : undefined;
        if (key === undefined) throw error;
        return { visibility: 'private', text: t(key) };
      }
    },
  },
];
