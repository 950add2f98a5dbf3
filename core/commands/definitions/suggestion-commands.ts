import { HeimoError } from '../../errors.ts';
import { textToMarkdown } from '../../format/index.ts';
import { formatStats } from '../format-stats.ts';
import type { CommandDefinition } from '../types.ts';
import { QUESTION_OPTION } from './question-commands.ts';

/**
 * "This solved it" under a suggested article (a button only): the asker accepts the article as the
 * answer, which resolves the question as deflected. Nobody else may press it for them.
 */
export const KB_ACCEPT_COMMAND: CommandDefinition = {
  name: 'kb-accept', kind: 'button', descriptionKey: 'command.kb-accept.description', permission: 'asker', scope: 'question',
  options: [{ name: 'article', descriptionKey: 'option.article.description', type: 'string', required: true }, QUESTION_OPTION],
  handler: async ({ services, question, args, actor, invocation, t }) => {
    if (services.suggestions === undefined) throw new HeimoError('BAD_INPUT', 'suggestions are not set up here');
    if (question === null) throw new HeimoError('BAD_INPUT', 'kb-accept ran without its question');
    const articleId = typeof args['article'] === 'string' ? args['article'] : '';
    const { title } = await services.suggestions.accept({ conversationId: question.conversationId, articleId, actor });
    return { visibility: 'public', text: t('reply.kb-accept', { name: invocation.actor.displayName, title: textToMarkdown(title, false) }) };
  },
};

/** Figures of the community for staff and moderators: deflection, click-through, search latency, articles, questions. */
export const STATS_COMMAND: CommandDefinition = {
  name: 'stats', kind: 'command', descriptionKey: 'command.stats.description', options: [], permission: 'staff', scope: 'any',
  handler: async ({ services, invocation, t }) => {
    if (services.stats === undefined) throw new HeimoError('BAD_INPUT', 'figures are not set up here');
    const stats = await services.stats.read(invocation.communityId);
    return { visibility: 'private', text: formatStats(stats.communityName, stats, t) };
  },
};
