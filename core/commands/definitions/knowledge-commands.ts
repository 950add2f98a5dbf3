import { HeimoError } from '../../errors.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { STALE_REASONS } from '../../knowledge/index.ts';
import { relativeTime } from '../format-view.ts';
import type { CommandDefinition, CommandGroup, CommandReply } from '../types.ts';
import { CONTENT_OPTIONS, contentForm, contentOf, textArg, visibleTo, whereToFind } from './knowledge-support.ts';
import { KNOWLEDGE_REVIEW_COMMANDS } from './knowledge-review-commands.ts';

/** `/heimo kb ...`: the knowledge base's commands. */
export const KNOWLEDGE_GROUP: CommandGroup = { name: 'kb', descriptionKey: 'command.kb.description' };

// Enough to choose from in a chat reply; the web search shows more.
const SEARCH_LIMIT = 5;
const STALE_LIMIT = 25;

const privately = (text: string): CommandReply => ({ visibility: 'private', text });

// Why an article is stale, in words (the knowledge base records a code; an unknown one is shown as it is).
const STALE_WORDS: Record<string, MessageKey> = {
  [STALE_REASONS.age]: 'review.staleReason.age',
  [STALE_REASONS.reopened]: 'review.staleReason.reopened',
  [STALE_REASONS.recaptured]: 'review.staleReason.recaptured',
};

/** Published articles like the text, best first, only what the person may read. */
const SEARCH: CommandDefinition = {
  name: 'kb search', kind: 'command', descriptionKey: 'command.kb.search.description', permission: 'anyone', scope: 'any',
  options: [{ name: 'text', descriptionKey: 'option.searchText.description', type: 'string', required: true }],
  handler: async (context) => {
    const { services, invocation, t } = context;
    const text = textArg(context, 'text') ?? '';
    const visibility = visibleTo(context.privilege);
    const hits = await services.knowledge.search({ text, communityId: invocation.communityId, visibility, limit: SEARCH_LIMIT });
    if (hits.length === 0) return privately(t('reply.kb.search.empty', { text }));
    const lines = await Promise.all(hits.map(async (hit, index) => {
      const article = await services.knowledge.get(hit.articleId);
      const link = article === null ? t('reply.kb.id', { id: hit.articleId }) : whereToFind(context, article);
      return t('reply.kb.search.line', { rank: index + 1, title: hit.title, score: hit.score.toFixed(2), link });
    }));
    return privately([t('reply.kb.search.title', { text }), ...lines].join('\n'));
  },
};

/**
 * A new article typed by staff: published at once (its revisions record who added and published
 * it). Without title, question and answer it asks the platform for a form of them.
 */
const ADD: CommandDefinition = {
  name: 'kb add', kind: 'command', descriptionKey: 'command.kb.add.description', permission: 'staff', scope: 'any', options: CONTENT_OPTIONS,
  handler: async (context) => {
    const { services, invocation, actor, t } = context;
    const content = contentOf(context);
    if (Object.keys(content).length === 0) {
      return { ...privately(t('reply.kb.add.how')), form: contentForm(context, { command: 'kb add', titleKey: 'form.kb.add.title', values: {}, needsContent: true }) };
    }
    const missing = (['title', 'question', 'answer'] as const).find((field) => (content[field] ?? '').trim() === '');
    if (missing !== undefined) return privately(t('error.missingOption', { command: 'kb add', option: missing }));
    const { title = '', question = '', answer = '', tags } = content;
    const draft = await services.knowledge.add({ communityId: invocation.communityId, content: { title, question, answer, ...(tags === undefined ? {} : { tags }) }, actor });
    const article = await services.knowledge.publish(draft.id, actor);
    return privately(t('reply.kb.added.published', { title: article.title, link: whereToFind(context, article) }));
  },
};

/**
 * "Add to knowledge base" on a message of a question: the question's article, captured with that
 * message as its answer (a draft for review, or the question's article again). A moderator's is
 * published at once; staff's waits for review like a captured one.
 */
const ADD_FROM_MESSAGE: CommandDefinition = {
  name: 'add-to-kb', kind: 'message-action', descriptionKey: 'command.add-to-kb.description', options: [], permission: 'staff', scope: 'question',
  handler: async (context) => {
    const { services, invocation, actor, question, t } = context;
    const target = invocation.targetMessage;
    if (target === undefined || question === null) throw new HeimoError('BAD_INPUT', 'no message of a question was chosen');
    let article = await services.knowledge.addFromMessage({ conversationId: question.conversationId, target, actor });
    if (context.privilege === 'moderator' && article.state === 'draft') article = await services.knowledge.publish(article.id, actor);
    const link = whereToFind(context, article);
    if (article.state === 'published') return privately(t('reply.kb.added.published', { title: article.title, link }));
    if (article.state === 'retired') return privately(t('reply.kb.added.retired', { title: article.title, link }));
    return privately(t('reply.kb.added.draft', { title: article.title, link }));
  },
};

/** Stale articles (past their re-verify age, or their source reopened), to check and `kb verify`. */
const STALE: CommandDefinition = {
  name: 'kb stale', kind: 'command', descriptionKey: 'command.kb.stale.description', options: [], permission: 'staff', scope: 'any',
  handler: async (context) => {
    const { services, invocation, t, now } = context;
    const stale = await services.knowledge.list({ communityId: invocation.communityId, stale: true, limit: STALE_LIMIT });
    if (stale.length === 0) return privately(t('reply.kb.stale.empty'));
    const lines = stale.map((article) => {
      const verified = article.lastVerifiedAt === null ? t('reply.kb.stale.neverVerified') : relativeTime(article.lastVerifiedAt, now, t);
      const known = article.staleReason === null ? STALE_WORDS[STALE_REASONS.age] : STALE_WORDS[article.staleReason];
      const reason = known === undefined ? (article.staleReason ?? '') : t(known);
      return `- ${t('reply.kb.stale.line', { title: article.title, id: article.id, reason, verified })}`;
    });
    return privately([t('reply.kb.stale.title', { count: stale.length }), ...lines].join('\n'));
  },
};

/** Every knowledge command, in the order `help` lists them. */
export const KNOWLEDGE_COMMANDS: CommandDefinition[] = [SEARCH, ADD, ...KNOWLEDGE_REVIEW_COMMANDS, STALE, ADD_FROM_MESSAGE];
