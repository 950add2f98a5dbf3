import type { Platform } from '../domain/types.ts';
import { HeimoError } from '../errors.ts';
import type { Tx } from '../jobs/index.ts';
import { parseChanges } from './content-schema.ts';
import { newArticle, type KnowledgeContext } from './knowledge-context.ts';
import type { CapturedPart } from './knowledge-types.ts';
import type { AddArticleRequest, ArticleContent, Contributor } from './port.ts';
import type { StoredArticle } from './sql-article-store.ts';

// `/heimo kb add`: an article typed by a person, or taken from a message (whose author is credited
// as the answerer, and whose deletion at its source takes its words out again).

/** A message as `kb add` needs it: who wrote it and what it says. */
export interface MessageInfo {
  author: { platform: Platform; userId: string; displayName: string };
  text: string;
}

/** Reads a message by Heimo's id (null when there is none); wired from the conversations capability. */
export type MessageLookup = (messageId: string) => Promise<MessageInfo | null>;

/**
 * The message a request takes its answer from: read before the transaction opens (on PGlite the pool
 * waits for an open transaction). NOT_FOUND when the lookup knows no such message; null without a lookup.
 */
export async function sourceMessage(request: AddArticleRequest, messages?: MessageLookup): Promise<MessageInfo | null> {
  if (request.fromMessageId === undefined || messages === undefined) return null;
  const message = await messages(request.fromMessageId);
  if (!message) throw new HeimoError('NOT_FOUND', `message ${request.fromMessageId} does not exist`, { context: { messageId: request.fromMessageId } });
  return message;
}

/** Writes a new draft from a person's request (and the message it was taken from), in `tx`. */
export async function addArticle(ctx: KnowledgeContext, tx: Tx, request: AddArticleRequest, message: MessageInfo | null): Promise<StoredArticle> {
  const checked = parseChanges(request.content);
  if (checked.title === undefined || checked.question === undefined || checked.answer === undefined) {
    throw new HeimoError('BAD_INPUT', 'a new article needs a title, a question and an answer');
  }
  const content: ArticleContent = { context: '', tags: [], product: null, version: null, visibility: 'public', ...checked, title: checked.title, question: checked.question, answer: checked.answer };
  const { actor } = request;
  const contributors: Contributor[] = [];
  const parts: CapturedPart[] = [];
  let edited: string[] = [];
  if (message && request.fromMessageId !== undefined) {
    contributors.push({ role: 'answerer', ...message.author });
    parts.push({ role: 'answer', messageId: request.fromMessageId, author: message.author, text: message.text });
    // An answer typed other than the message says is the person's: deleting the message leaves it.
    if (message.text.trim() !== content.answer.trim()) edited = ['answer'];
  }
  if (actor.kind === 'person' && !contributors.some((c) => c.platform === actor.platform && c.userId === actor.userId)) {
    contributors.push({ role: contributors.length === 0 ? 'answerer' : 'editor', platform: actor.platform, userId: actor.userId, displayName: actor.displayName ?? actor.userId });
  }
  const language = ctx.detectLanguage(`${content.title}\n${content.question}\n${content.answer}`);
  const article = newArticle({ communityId: request.communityId, content, state: 'draft', language, contributors, editedFields: edited }, ctx.clock());
  const [written] = await ctx.writer.write(tx, [{ before: null, after: article, action: 'add', actor }]);
  await ctx.history.replaceParts(tx, article.id, parts);
  return written ?? article;
}
