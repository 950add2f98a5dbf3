import type { Tx } from '../jobs/index.ts';
import type { PersonKey } from '../privacy/index.ts';
import { changedFields, contentOf, fallbackTitle, mergeCapture, renderParts } from './article-rules.ts';
import { MAX_TITLE } from './content-schema.ts';
import { asPublished, newArticle, type KnowledgeContext } from './knowledge-context.ts';
import { STALE_REASONS, type ArticleTarget, type CapturedDraft, type CapturedPart, type SaveDraftResult } from './knowledge-types.ts';
import type { Article, ArticleContent, Contributor } from './port.ts';
import type { StoredArticle } from './sql-article-store.ts';
import { stripParts } from './strip-parts.ts';

// Capture's side of the knowledge base: drafts from resolved questions, re-captures, messages
// deleted at their source, forgotten people, and stale flags when a source question reopens.

const samePart = (a: CapturedPart, b: CapturedPart): boolean =>
  a.role === b.role && a.messageId === b.messageId && a.text === b.text && a.author.platform === b.author.platform && a.author.userId === b.author.userId && a.author.displayName === b.author.displayName;
// jsonb keeps keys in its own order: compare with keys sorted.
const canonical = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(canonical) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)])) : value;
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 3).trimEnd()}...` : text);
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Capture's calls (see KnowledgeInternals). */
export function createCapture(ctx: KnowledgeContext) {
  const { articles, history, writer, clock } = ctx;

  // Auto-publishing communities skip review: the draft is published by Heimo in the same transaction.
  const maybePublish = async (tx: Tx, article: StoredArticle): Promise<StoredArticle> => {
    if (article.state !== 'draft' || !ctx.settings(article.communityId).autoPublish) return article;
    const [published] = await writer.write(tx, [{ before: article, after: asPublished(article, clock()), action: 'publish', actor: { kind: 'heimo' } }]);
    return published ?? article;
  };

  const saveDraft = async (tx: Tx, draft: CapturedDraft): Promise<SaveDraftResult> => {
    const rendered = renderParts(draft.parts);
    const captured: ArticleContent = {
      title: clip(draft.title.trim() || fallbackTitle(rendered, ''), MAX_TITLE),
      ...rendered,
      tags: draft.tags ?? [],
      product: draft.product ?? null,
      version: draft.version ?? null,
      visibility: draft.visibility ?? 'public',
    };
    const language = draft.language !== undefined ? draft.language : ctx.detectLanguage(`${captured.title}\n${captured.question}\n${captured.answer}`);
    const before = await articles.byConversation(draft.conversationId, tx, true);
    if (!before) {
      const article = newArticle({ communityId: draft.communityId, conversationId: draft.conversationId, content: captured, state: 'draft', language, contributors: draft.contributors, sources: draft.sources }, clock());
      const [created] = await writer.write(tx, [{ before: null, after: article, action: 'capture', actor: draft.actor }]);
      await history.replaceParts(tx, article.id, draft.parts);
      return { article: await maybePublish(tx, created ?? article), outcome: 'created' };
    }
    const content = mergeCapture(contentOf(before), captured, before.editedFields);
    // Editors are people of this article, not of the conversation: a re-capture keeps them.
    const contributors: Contributor[] = [...draft.contributors, ...before.contributors.filter((c) => c.role === 'editor')];
    const parts = await history.parts(tx, [before.id]);
    const textChanged = changedFields(before, content).length > 0;
    const partsChanged = parts.length !== draft.parts.length || parts.some((part, i) => !samePart(part, draft.parts[i] as CapturedPart));
    if (!textChanged && !partsChanged && sameJson(contributors, before.contributors) && sameJson(draft.sources, before.sources)) return { article: before, outcome: 'unchanged' };
    let after: StoredArticle = { ...before, ...content, contributors, sources: draft.sources, language: before.editedFields.length > 0 ? before.language : language };
    // A rejected draft gets another review; a retired article stays retired; a published one stays
    // in search with its new text and is flagged for a person to look at again.
    if (before.state === 'rejected') after = { ...after, state: 'draft' };
    if (before.state === 'published' && textChanged) after = { ...after, stale: true, staleReason: STALE_REASONS.recaptured };
    const [updated] = await writer.write(tx, [{ before, after, action: 'recapture', actor: draft.actor }]);
    if (partsChanged) await history.replaceParts(tx, before.id, draft.parts);
    return { article: await maybePublish(tx, updated ?? after), outcome: 'updated' };
  };

  const removeMessage = async (tx: Tx, messageId: string): Promise<Article[]> => {
    const changed: Article[] = [];
    for (const id of await history.articlesWithMessage(tx, messageId)) {
      const article = await stripParts(ctx, tx, id, (part) => part.messageId === messageId, 'source-deleted');
      if (article) changed.push(article);
    }
    return changed;
  };

  const removeAuthor = async (tx: Tx, person: PersonKey): Promise<number> => {
    const ids = new Set([...(await history.articlesByAuthor(tx, person)), ...(await articles.idsByContributor(tx, person)), ...(await history.articlesByActor(tx, person))]);
    let rows = 0;
    for (const id of [...ids].sort()) {
      const article = await stripParts(ctx, tx, id, (part) => part.author.platform === person.platform && part.author.userId === person.userId, 'forget', person);
      if (article) rows += 1;
    }
    return rows;
  };

  const markStale = (target: ArticleTarget, reason: string, tx?: Tx): Promise<Article | null> =>
    ctx.inTx(tx, async (tx) => {
      const before = 'articleId' in target ? await articles.get(target.articleId, tx, true) : await articles.byConversation(target.conversationId, tx, true);
      if (!before || before.state !== 'published') return null;
      if (before.stale) return before;
      const [after] = await writer.write(tx, [{ before, after: { ...before, stale: true, staleReason: reason }, action: 'stale', actor: { kind: 'heimo' }, reason }]);
      return after ?? null;
    });

  const consentChanged = async (tx: Tx, person: PersonKey): Promise<void> => {
    const ids = [...new Set([...(await history.articlesByAuthor(tx, person)), ...(await articles.idsByContributor(tx, person))])];
    await articles.touch(tx, ids, clock());
    ctx.jobs.afterCommit(tx, () => ctx.sync(ids));
  };

  return { saveDraft, removeMessage, removeAuthor, markStale, consentChanged };
}
