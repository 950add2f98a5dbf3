import type { Actor } from '../domain/domain-events.ts';
import type { Tx } from '../jobs/index.ts';
import type { PersonKey } from '../privacy/index.ts';
import { changedFields, scrubContent, stripContent } from './article-rules.ts';
import type { KnowledgeContext } from './knowledge-context.ts';
import type { StoredArticle } from './sql-article-store.ts';
import type { StoredPart } from './sql-parts-and-revisions.ts';

// Taking parts out of an article (a message deleted at its source, a person forgotten): the
// article's text, its parts, its contributors and its history, in the caller's transaction.

const isPerson = (actor: Actor, person: PersonKey): boolean => actor.kind === 'person' && actor.platform === person.platform && actor.userId === person.userId;

/**
 * Removes the parts `drop` selects from article `id` (and, when forgetting `person`, their
 * contributor entries and their name on revisions). A published article left without a question or
 * an answer goes back to draft. Returns the article when anything changed, else null.
 */
export async function stripParts(ctx: KnowledgeContext, tx: Tx, id: string, drop: (part: StoredPart) => boolean, action: 'source-deleted' | 'forget', person?: PersonKey): Promise<StoredArticle | null> {
  const before = await ctx.articles.get(id, tx, true);
  if (!before) return null;
  const parts = await ctx.history.parts(tx, [id]);
  const removed = parts.filter(drop);
  const contributors = person === undefined ? before.contributors : before.contributors.filter((c) => !(c.platform === person.platform && c.userId === person.userId));
  let after: StoredArticle = before;
  if (removed.length > 0 || contributors.length !== before.contributors.length) {
    const content = stripContent(before, before.editedFields, parts, removed);
    after = { ...before, ...content, contributors };
    if (after.state === 'published' && (after.question === '' || after.answer === '')) after = { ...after, state: 'draft', stale: false, staleReason: null };
    const [written] = await ctx.writer.write(tx, [{ before, after, action, actor: { kind: 'heimo' } }]);
    after = written ?? after;
    if (removed.length > 0) await ctx.history.replaceParts(tx, id, parts.filter((part) => !removed.includes(part)));
  }
  // History keeps no words of what was removed, and no name of a forgotten person.
  const texts = removed.map((part) => part.text);
  let rewritten = 0;
  for (const revision of await ctx.history.revisions(id, tx)) {
    const snapshot = { ...scrubContent(revision.snapshot, texts), state: revision.snapshot.state };
    const forgetActor = person !== undefined && isPerson(revision.actor, person);
    if (!forgetActor && changedFields(revision.snapshot, snapshot).length === 0) continue;
    await ctx.history.rewriteRevision(tx, { ...revision, snapshot, actor: forgetActor ? { kind: 'heimo' } : revision.actor });
    rewritten += 1;
  }
  return after !== before || rewritten > 0 ? after : null;
}
