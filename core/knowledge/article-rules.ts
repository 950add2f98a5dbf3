import { HeimoError } from '../errors.ts';
import type { ArticleContent, ArticleState } from './port.ts';
import type { CapturedPart, PartRole } from './knowledge-types.ts';

// The article's review rules and content arithmetic, pure: the service applies them in a transaction.

/** What a person (or Heimo) does to an article's review state. */
export type ReviewAction = 'publish' | 'reject' | 'retire' | 'verify' | 'edit';

/** The fields of ArticleContent, in the order revisions and editedFields name them. */
export const CONTENT_FIELDS = ['title', 'question', 'answer', 'context', 'tags', 'product', 'version', 'visibility'] as const satisfies ReadonlyArray<keyof ArticleContent>;

/** One field of an article's content. */
export type ContentField = (typeof CONTENT_FIELDS)[number];

/**
 * The state after `action`, or CONFLICT. Publishing works from any other state (a reviewer may
 * change their mind about a rejected or retired article); only drafts are rejected, only published
 * articles retired or verified. An edit sends a rejected or retired article back to review as a
 * draft, and leaves drafts and published articles where they are.
 */
export function nextState(from: ArticleState, action: ReviewAction, articleId: string): ArticleState {
  const refuse = (): never => {
    throw new HeimoError('CONFLICT', `article ${articleId} is ${from}: it cannot be ${pastTense[action]}`, { context: { articleId, state: from, action } });
  };
  switch (action) {
    case 'publish':
      return from === 'published' ? refuse() : 'published';
    case 'reject':
      return from === 'draft' ? 'rejected' : refuse();
    case 'retire':
    case 'verify':
      return from === 'published' ? (action === 'retire' ? 'retired' : 'published') : refuse();
    case 'edit':
      return from === 'rejected' || from === 'retired' ? 'draft' : from;
  }
}

const pastTense: Record<ReviewAction, string> = { publish: 'published', reject: 'rejected', retire: 'retired', verify: 'verified', edit: 'edited' };

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose values differ between two contents. */
export function changedFields(before: ArticleContent, after: ArticleContent): ContentField[] {
  return CONTENT_FIELDS.filter((field) => !sameValue(before[field], after[field]));
}

/** Only the content fields of an article (what a revision snapshots). */
export function contentOf(article: ArticleContent): ArticleContent {
  const { title, question, answer, context, tags, product, version, visibility } = article;
  return { title, question, answer, context, tags: [...tags], product, version, visibility };
}

/** Parts are joined with a blank line between them: one paragraph per message. */
export const PART_SEPARATOR = '\n\n';

/** Question, answer and context as the parts of each role read, in order. */
export function renderParts(parts: readonly Pick<CapturedPart, 'role' | 'text'>[]): Record<PartRole, string> {
  const of = (role: PartRole): string => parts.filter((part) => part.role === role).map((part) => part.text.trim()).filter((text) => text !== '').join(PART_SEPARATOR);
  return { question: of('question'), answer: of('answer'), context: of('context') };
}

/**
 * Takes `texts` out of `field` (a message deleted, a person forgotten, words not to be indexed),
 * leaving no run of blank lines behind. Texts are removed where they appear verbatim: a field a
 * person rewrote by hand keeps what they wrote.
 */
export function withoutTexts(field: string, texts: readonly string[]): string {
  let result = field;
  for (const text of [...texts].map((t) => t.trim()).filter((t) => t !== '').sort((a, b) => b.length - a.length)) result = result.split(text).join('');
  return result === field ? field : result.replace(/\n{3,}/g, PART_SEPARATOR).trim();
}

/** Merges re-captured content into the current one: fields a person edited keep their value. */
export function mergeCapture(current: ArticleContent, captured: ArticleContent, editedFields: readonly string[]): ArticleContent {
  const merged = { ...captured };
  for (const field of CONTENT_FIELDS) if (editedFields.includes(field)) (merged as Record<ContentField, unknown>)[field] = current[field];
  return contentOf(merged);
}

/** A title for an article whose title had to go: the first line of what remains, else a neutral one. */
export function fallbackTitle(content: Pick<ArticleContent, 'question' | 'answer'>, neutral: string): string {
  const line = [content.question, content.answer].map((text) => text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '').find((l) => l !== '');
  return line === undefined ? neutral : line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

const TEXT_ROLES = ['question', 'answer', 'context'] as const;

/** True when the title came from one of `texts` (a question's first line), or holds one. */
const titleFrom = (title: string, texts: readonly string[]): boolean => {
  const t = title.trim();
  return t !== '' && texts.some((text) => text.trim() !== '' && (text.includes(t) || t.includes(text.trim())));
};

/**
 * The content once some parts are gone: a role captured from parts and not edited by hand is
 * rendered again from the parts that remain; any other field loses the removed texts where they
 * appear verbatim. A title taken from a removed text becomes the first line of what remains.
 */
export function stripContent(current: ArticleContent, editedFields: readonly string[], parts: readonly Pick<CapturedPart, 'role' | 'text'>[], removed: readonly Pick<CapturedPart, 'role' | 'text'>[]): ArticleContent {
  const texts = removed.map((part) => part.text);
  const remaining = parts.filter((part) => !removed.includes(part));
  const rendered = renderParts(remaining);
  const next = { ...current };
  for (const role of TEXT_ROLES) {
    const captured = parts.some((part) => part.role === role) && !editedFields.includes(role);
    next[role] = captured ? rendered[role] : withoutTexts(current[role], texts);
  }
  if (titleFrom(current.title, texts)) next.title = fallbackTitle(next, '');
  return contentOf(next);
}

/** A revision's content without `texts` (history keeps no words of a removed message or a forgotten person). */
export function scrubContent(content: ArticleContent, texts: readonly string[]): ArticleContent {
  const next = { ...content };
  for (const role of TEXT_ROLES) next[role] = withoutTexts(content[role], texts);
  if (titleFrom(content.title, texts)) next.title = fallbackTitle(next, '');
  return contentOf(next);
}
