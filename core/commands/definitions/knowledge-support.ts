import { HeimoError } from '../../errors.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Article, ArticleContent, ArticleVisibility } from '../../knowledge/index.ts';
import type { Privilege } from '../permissions.ts';
import type { CommandContext, CommandForm, CommandOption } from '../types.ts';

/** The article a command acts on, by id or by a link to its page. */
export const ARTICLE_OPTION: CommandOption = { name: 'article', descriptionKey: 'option.article.description', type: 'string', required: true };

/** What a person can type or fill in of an article (`kb add`, `kb edit`), in form order. */
export const CONTENT_OPTIONS: readonly CommandOption[] = [
  { name: 'title', descriptionKey: 'option.title.description', type: 'string', required: false },
  { name: 'question', descriptionKey: 'option.articleQuestion.description', type: 'string', required: false, long: true },
  { name: 'answer', descriptionKey: 'option.answer.description', type: 'string', required: false, long: true },
  { name: 'tags', descriptionKey: 'option.tags.description', type: 'string', required: false },
];

/** The content fields of an article a form or a typed command sets. */
export type ContentField = 'title' | 'question' | 'answer' | 'tags';
const FIELDS: readonly ContentField[] = ['title', 'question', 'answer', 'tags'];

/** What a person may read: members see public and community articles; staff and moderators all. */
export const visibleTo = (privilege: Privilege): ArticleVisibility[] => (privilege === 'none' ? ['public', 'community'] : ['public', 'community', 'staff']);

/** Tags as typed (`billing, sso`): trimmed, without empties or repeats. */
export const parseTags = (text: string): string[] => [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))];

/** A string argument, if given. */
export const textArg = (context: CommandContext, name: string): string | undefined => {
  const value = context.args[name];
  return typeof value === 'string' ? value : undefined;
};

/** The content fields a command was given, as the knowledge base takes them. */
export function contentOf(context: CommandContext): Partial<Pick<ArticleContent, 'title' | 'question' | 'answer' | 'tags'>> {
  const given: Partial<Pick<ArticleContent, 'title' | 'question' | 'answer' | 'tags'>> = {};
  for (const field of FIELDS) {
    const value = textArg(context, field);
    if (value === undefined) continue;
    if (field === 'tags') given.tags = parseTags(value);
    else given[field] = value;
  }
  return given;
}

// An article page's link ends with the article's id (`https://heimo.example/kb/articles/<id>`).
const LINK = /^https?:\/\/\S+$/i;

/** The article an argument names (id or page link) in the command's community; NOT_FOUND otherwise. */
export async function findArticle(context: CommandContext, ref: string): Promise<Article> {
  const typed = ref.trim();
  const id = LINK.test(typed) ? (URL.parse(typed)?.pathname.split('/').filter(Boolean).at(-1) ?? '') : typed;
  let decoded = '';
  try {
    decoded = decodeURIComponent(id);
  } catch {
    // A garbled escape names no article.
  }
  const article = decoded === '' ? null : await context.services.knowledge.get(decoded);
  // Another community's article is as unknown here as one that does not exist.
  if (article === null || article.communityId !== context.invocation.communityId) throw new HeimoError('NOT_FOUND', `no article "${typed}" in this community`);
  return article;
}

/** The article named by the `article` argument. */
export const articleArg = (context: CommandContext): Promise<Article> => findArticle(context, textArg(context, 'article') ?? '');

/** Where a reader finds the article: its page, else its id to type. */
export function whereToFind(context: CommandContext, article: Pick<Article, 'id' | 'state' | 'visibility'>): string {
  return context.services.knowledge.pageUrl(article) ?? context.t('reply.kb.id', { id: article.id });
}

/** What a content form is: the command it runs, its heading, what it shows, what it carries unseen. */
export interface ContentFormSpec {
  command: string;
  titleKey: MessageKey;
  values: Partial<Record<ContentField, string>>;
  args?: Record<string, string>;
  /** A new article needs title, question and answer; an edit changes what it changes. */
  needsContent: boolean;
}

/** A form of the content options, prefilled, that runs `command` with `args` when submitted. */
export function contentForm(context: CommandContext, spec: ContentFormSpec): CommandForm {
  const { command, titleKey, values, args = {} } = spec;
  const required = new Set(spec.needsContent ? ['title', 'question', 'answer'] : []);
  return {
    command,
    title: context.t(titleKey),
    submit: context.t('form.submit'),
    args,
    fields: CONTENT_OPTIONS.map((option) => ({
      name: option.name,
      label: context.t(option.descriptionKey),
      value: values[option.name as ContentField] ?? '',
      long: option.long === true,
      required: required.has(option.name),
    })),
  };
}
