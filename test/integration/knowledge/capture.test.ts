import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../support/database.ts';
import { capture, draftOf, ERIN, everythingStored, knowledgeFixture, MOD, type KnowledgeFixture, withKnowledgeFixture } from './knowledge-fixture.ts';

describe('knowledge base capture API on the real database', () => {
  let db: TestDatabase;
  let f: KnowledgeFixture;

  withKnowledgeFixture((database, fixture) => {
    db = database;
    f = fixture;
  });

  it('should render question, answer and context from the parts when a conversation is captured', async () => {
    const draft = draftOf();
    const { article, outcome } = await capture(f, draft);
    expect(outcome).toBe('created');
    expect(article).toMatchObject({
      state: 'draft', revision: 1, conversationId: draft.conversationId, title: 'Export fails with error 42',
      question: 'Export fails with error 42 when the report has images.', context: 'I am on version 3.2 on Windows.',
      answer: 'Turn off image compression under Settings, then export again.', sources: draft.sources, contributors: draft.contributors,
    });
    const parts = (await db.pool.query(`SELECT "role", "position", "messageId", "authorId", "text" FROM "ArticlePart" WHERE "articleId" = $1 ORDER BY "position"`, [article.id])).rows;
    expect(parts.map((p) => `${p.position} ${p.role} ${p.messageId} ${p.authorId}`)).toEqual([`0 question ${draft.parts[0]?.messageId} ann`, `1 context ${draft.parts[1]?.messageId} ann`, `2 answer ${draft.parts[2]?.messageId} erin`]);
    expect((await f.kb.revisions(article.id)).map((r) => r.action)).toEqual(['capture']);
    expect(await f.kb.byConversation(draft.conversationId)).toMatchObject({ id: article.id });
  });

  it('should write nothing when the same capture arrives again', async () => {
    const draft = draftOf();
    const first = await capture(f, draft);
    const again = await capture(f, draft);
    expect(again.outcome).toBe('unchanged');
    expect(again.article.revision).toBe(first.article.revision);
    expect(await f.kb.revisions(first.article.id)).toHaveLength(1);
  });

  it('should update the draft but keep the fields a person edited when the question is resolved again', async () => {
    const draft = draftOf();
    const { article } = await capture(f, draft);
    await f.kb.edit(article.id, { title: 'Image export error 42' }, MOD);
    const better = { ...draft, title: 'Export fails', parts: [...draft.parts.slice(0, 2), { ...draft.parts[2]!, messageId: 'm-better', text: 'Update to 3.3: it fixes the export.' }] };
    const { article: updated, outcome } = await capture(f, better);
    expect(outcome).toBe('updated');
    expect(updated).toMatchObject({ title: 'Image export error 42', answer: 'Update to 3.3: it fixes the export.', state: 'draft', revision: 3, editedFields: ['title'] });
    // The editor stays credited; the conversation's people are as captured.
    expect(updated.contributors.map((c) => `${c.role}:${c.userId}`)).toEqual(['asker:ann', 'answerer:erin', 'accepter:ann', 'editor:mod']);
    expect((await f.kb.revisions(article.id)).map((r) => r.action)).toEqual(['capture', 'edit', 'recapture']);
  });

  it('should keep a published article in search and flag it stale when a re-capture changes its text', async () => {
    const draft = draftOf();
    const { article } = await capture(f, draft);
    await f.kb.publish(article.id, MOD);
    const { article: updated } = await capture(f, { ...draft, parts: [...draft.parts.slice(0, 2), { ...draft.parts[2]!, text: 'Reinstall the exporter plug-in.' }] });
    expect(updated).toMatchObject({ state: 'published', stale: true, staleReason: 'recaptured', answer: 'Reinstall the exporter plug-in.' });
    expect(await f.kb.list({ stale: true })).toEqual([expect.objectContaining({ id: article.id })]);
  });

  it('should publish at once with Heimo as the actor when the community auto-publishes', async () => {
    const { article, outcome } = await capture(f, draftOf({ communityId: 'auto' }));
    expect(outcome).toBe('created');
    expect(article).toMatchObject({ state: 'published', revision: 2 });
    expect((await f.kb.revisions(article.id)).map((r) => `${r.action} ${r.actor.kind}`)).toEqual(['capture person', 'publish heimo']);
    expect(f.jobs.events).toEqual([expect.objectContaining({ type: 'article.published', articleId: article.id, conversationId: article.conversationId, actor: { kind: 'heimo' } })]);
    expect(f.jobs.timers.get('kb.reverify:auto')?.dueAt).toEqual(new Date(article.lastVerifiedAt!.getTime() + 180 * 86_400_000));
  });

  it('should roll the whole capture back when the caller transaction fails', async () => {
    const draft = draftOf();
    await expect(f.jobs.transaction(async (tx) => {
      await f.kb.saveDraft(tx, draft);
      throw new Error('listener failed later');
    })).rejects.toThrow('listener failed later');
    expect(await f.kb.byConversation(draft.conversationId)).toBeNull();
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM "ArticlePart"`)).rows[0].n).toBe(0);
  });

  it('should take a deleted message out of the article, its parts and its history when its source message is deleted', async () => {
    const draft = draftOf();
    const { article } = await capture(f, draft);
    const context = draft.parts[1]!;
    const changed = await f.jobs.transaction((tx) => f.kb.removeMessage(tx, context.messageId!));
    expect(changed.map((a) => a.id)).toEqual([article.id]);
    const after = await f.kb.get(article.id);
    expect(after).toMatchObject({ context: '', question: draft.parts[0]?.text, answer: draft.parts[2]?.text, state: 'draft' });
    expect((await f.kb.revisions(article.id)).map((r) => `${r.action} ${r.actor.kind}`)).toEqual(['capture person', 'source-deleted heimo']);
    expect(await everythingStored(db)).not.toContain(context.text);
    // Another message id touches nothing.
    expect(await f.jobs.transaction((tx) => f.kb.removeMessage(tx, 'unknown-message'))).toEqual([]);
  });

  it('should send a published article back to draft and out of search when its answer message is deleted', async () => {
    const draft = draftOf();
    const { article } = await capture(f, draft);
    await f.kb.publish(article.id, MOD);
    expect(await f.kb.search({ text: 'export error 42', visibility: ['public'], limit: 3 })).toHaveLength(1);
    await f.jobs.transaction((tx) => f.kb.removeMessage(tx, draft.parts[2]!.messageId!));
    expect(await f.kb.get(article.id)).toMatchObject({ state: 'draft', answer: '' });
    expect(await f.kb.search({ text: 'export error 42', visibility: ['public'], limit: 3 })).toEqual([]);
  });

  it('should leave no word or name of a forgotten person in any knowledge table when their author data is removed', async () => {
    const draft = draftOf();
    const { article } = await capture(f, draft);
    // Erin also acts on the article: her name is on revisions too.
    await f.kb.edit(article.id, { tags: ['export'] }, ERIN);
    await f.kb.publish(article.id, ERIN);
    const other = await capture(f, draftOf());
    const rows = await f.jobs.transaction((tx) => f.kb.removeAuthor(tx, { platform: 'slack', userId: 'erin' }));
    expect(rows).toBe(2);
    const stored = await everythingStored(db);
    expect(stored).not.toContain('Erin Employee');
    expect(stored).not.toContain('"erin"');
    expect(stored).not.toContain('Turn off image compression');
    // Ann's words stay; without an answer the published article waits as a draft.
    expect(await f.kb.get(article.id)).toMatchObject({ state: 'draft', answer: '', question: draft.parts[0]?.text });
    expect((await f.kb.get(other.article.id))?.contributors.map((c) => c.userId)).toEqual(['ann', 'ann']);
  });

  it('should flag the published article of a conversation stale when its source question reopens', async () => {
    const draft = draftOf();
    const { article } = await capture(f, draft);
    expect(await f.kb.markStale({ conversationId: draft.conversationId }, 'reopened')).toBeNull(); // a draft is not flagged
    await f.kb.publish(article.id, MOD);
    const stale = await f.kb.markStale({ conversationId: draft.conversationId }, 'reopened');
    expect(stale).toMatchObject({ id: article.id, stale: true, staleReason: 'reopened' });
    expect((await f.kb.revisions(article.id)).at(-1)).toMatchObject({ action: 'stale', reason: 'reopened', actor: { kind: 'heimo' } });
    // Flagging again writes nothing.
    expect((await f.kb.markStale({ articleId: article.id }, 'reopened'))?.revision).toBe(stale?.revision);
  });

  it('should give back where the review card was posted when capture recorded it', async () => {
    const { article } = await capture(f);
    expect(await f.kb.reviewCard(article.id)).toBeNull();
    const card = { platform: 'slack' as const, channelId: 'C-review', messageId: '1700000000.000100' };
    await f.jobs.transaction((tx) => f.kb.setReviewCard(tx, article.id, card));
    expect(await f.kb.reviewCard(article.id)).toEqual(card);
  });

  it('should take a title from the question when capture gives none, and shorten one too long to show', async () => {
    const { article } = await capture(f, draftOf({ title: '  ' }));
    expect(article.title).toBe('Export fails with error 42 when the report has images.');
    const { article: long } = await capture(f, draftOf({ title: 'x'.repeat(500) }));
    expect(long.title).toHaveLength(300);
  });

  it('should credit the author of the message an article was added from, and drop its words when that message is deleted', async () => {
    const messages = async (id: string) => (id === 'msg-7' ? { author: { platform: 'discord' as const, userId: 'cara', displayName: 'Cara' }, text: 'Hold Shift while exporting.' } : null);
    const withMessages = knowledgeFixture(db, { messages });
    const added = await withMessages.kb.add({ communityId: 'acme', content: { title: 'Export tip', question: 'How do I export faster?', answer: 'Hold Shift while exporting.' }, actor: MOD, fromMessageId: 'msg-7' });
    expect(added.contributors).toEqual([
      { role: 'answerer', platform: 'discord', userId: 'cara', displayName: 'Cara' },
      { role: 'editor', platform: 'slack', userId: 'mod', displayName: 'Mo Derator' },
    ]);
    await withMessages.jobs.transaction((tx) => withMessages.kb.removeMessage(tx, 'msg-7'));
    // The typed question stays; the answer was the message's.
    expect(await withMessages.kb.get(added.id)).toMatchObject({ question: 'How do I export faster?', answer: '' });
    await expect(withMessages.kb.add({ communityId: 'acme', content: { title: 't', question: 'q', answer: 'a' }, actor: MOD, fromMessageId: 'gone' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
