import { HeimoError } from '../../errors.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Article, ArticleContent } from '../../knowledge/index.ts';
import type { CommandContext, CommandDefinition, CommandOption, CommandPermission, CommandReply } from '../types.ts';
import { ARTICLE_OPTION, articleArg, CONTENT_OPTIONS, contentForm, contentOf, textArg, whereToFind } from './knowledge-support.ts';

const privately = (text: string): CommandReply => ({ visibility: 'private', text });

// A command whose work is one knowledge-base call on the article named, answered with its title.
const articleAction = (
  name: string,
  keys: { description: MessageKey; reply: MessageKey },
  permission: CommandPermission,
  act: (context: CommandContext, article: Article) => Promise<Article>,
  extra: readonly CommandOption[] = [],
): CommandDefinition => ({
  name, kind: 'command', descriptionKey: keys.description, options: [ARTICLE_OPTION, ...extra], permission, scope: 'any',
  handler: async (context) => {
    const article = await act(context, await articleArg(context));
    return privately(context.t(keys.reply, { title: article.title, link: whereToFind(context, article), revision: article.revision }));
  },
});

// Only what differs from the article: an unchanged field stays unedited (a re-capture may still refresh it).
function changesTo(article: Article, given: Partial<Pick<ArticleContent, 'title' | 'question' | 'answer' | 'tags'>>): Partial<ArticleContent> {
  const changes: Partial<ArticleContent> = {};
  for (const field of ['title', 'question', 'answer'] as const) {
    const value = given[field];
    if (value !== undefined && value.trim() !== '' && value !== article[field]) changes[field] = value;
  }
  if (given.tags !== undefined && given.tags.join(',') !== article.tags.join(',')) changes.tags = given.tags;
  return changes;
}

/**
 * Edits an article (its title, question, answer, tags). Named without changes (the review card's
 * Edit button), it asks for a form prefilled with the article; a platform without one shows how to type it.
 */
const EDIT: CommandDefinition = {
  name: 'kb edit', kind: 'command', descriptionKey: 'command.kb.edit.description', permission: 'staff', scope: 'any', options: [ARTICLE_OPTION, ...CONTENT_OPTIONS],
  handler: async (context) => {
    const { services, actor, t } = context;
    const article = await articleArg(context);
    const given = contentOf(context);
    if (Object.keys(given).length === 0) {
      const values = { title: article.title, question: article.question, answer: article.answer, tags: article.tags.join(', ') };
      const form = contentForm(context, { command: 'kb edit', titleKey: 'form.kb.edit.title', values, args: { article: article.id }, needsContent: false });
      return { ...privately(t('reply.kb.edit.how', { id: article.id })), form };
    }
    const changes = changesTo(article, given);
    if (Object.keys(changes).length === 0) return privately(t('reply.kb.edit.unchanged', { title: article.title }));
    const edited = await services.knowledge.edit(article.id, changes, actor);
    return privately(t('reply.kb.edited', { title: edited.title, link: whereToFind(context, edited), revision: edited.revision }));
  },
};

const REVISION_OPTION: CommandOption = { name: 'revision', descriptionKey: 'option.revision.description', type: 'string', required: true };
const REASON_OPTION: CommandOption = { name: 'reason', descriptionKey: 'option.reason.description', type: 'string', required: false };

/** Review and upkeep: edit, publish, reject, retire, verify, roll back. */
export const KNOWLEDGE_REVIEW_COMMANDS: CommandDefinition[] = [
  EDIT,
  articleAction('kb publish', { description: 'command.kb.publish.description', reply: 'reply.kb.published' }, 'staff', (context, article) =>
    context.services.knowledge.publish(article.id, context.actor)),
  articleAction('kb reject', { description: 'command.kb.reject.description', reply: 'reply.kb.rejected' }, 'staff', (context, article) => {
    const reason = textArg(context, 'reason');
    return reason === undefined ? context.services.knowledge.reject(article.id, context.actor) : context.services.knowledge.reject(article.id, context.actor, reason);
  }, [REASON_OPTION]),
  articleAction('kb retire', { description: 'command.kb.retire.description', reply: 'reply.kb.retired' }, 'moderator', (context, article) =>
    context.services.knowledge.retire(article.id, context.actor)),
  articleAction('kb verify', { description: 'command.kb.verify.description', reply: 'reply.kb.verified' }, 'staff', (context, article) =>
    context.services.knowledge.verify(article.id, context.actor)),
  articleAction('kb rollback', { description: 'command.kb.rollback.description', reply: 'reply.kb.rolledBack' }, 'moderator', (context, article) => {
    const typed = textArg(context, 'revision') ?? '';
    const revision = Number(typed.replace(/^#/, ''));
    if (!Number.isInteger(revision) || revision < 1) throw new HeimoError('BAD_INPUT', `"${typed}" is not a revision number`);
    return context.services.knowledge.rollback(article.id, revision, context.actor);
  }, [REVISION_OPTION]),
];
