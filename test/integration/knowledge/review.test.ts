import { describe, expect, it } from 'vitest';
import { hasCode } from '../../../core/errors.ts';
import type { TestDatabase } from '../../support/database.ts';
import { ANN, ERIN, knowledgeFixture, MOD, type KnowledgeFixture, withKnowledgeFixture } from './knowledge-fixture.ts';
import { rejection } from '../../support/thrown.ts';

const typed = { title: 'Reset a password', question: 'How do I reset my password?', answer: 'Use the Forgot password link on the sign-in page.' };

describe('knowledge base review and revisions on the real database', () => {
  let db: TestDatabase;
  let f: KnowledgeFixture;

  withKnowledgeFixture((database, fixture) => {
    db = database;
    f = fixture;
  });

  it('should store a draft with its first revision when a person adds an article', async () => {
    const article = await f.kb.add({ communityId: 'acme', content: typed, actor: ERIN });
    expect(article).toMatchObject({ state: 'draft', revision: 1, title: typed.title, context: '', visibility: 'public', publishedAt: null });
    expect(article.contributors).toEqual([{ role: 'answerer', platform: 'slack', userId: 'erin', displayName: 'Erin Employee' }]);
    expect(await f.kb.get(article.id)).toMatchObject({ state: 'draft', revision: 1, question: typed.question });
    const revisions = await f.kb.revisions(article.id);
    expect(revisions).toEqual([expect.objectContaining({ number: 1, action: 'add', actor: ERIN, snapshot: expect.objectContaining({ state: 'draft', title: typed.title }) })]);
    expect(f.jobs.events).toEqual([]);
  });

  it('should refuse an article when its title is empty, naming the field', async () => {
    const error = await rejection(f.kb.add({ communityId: 'acme', content: { ...typed, title: '   ' }, actor: ERIN }));
    expect(hasCode(error, 'BAD_INPUT')).toBe(true);
    expect(String(error)).toContain('title');
    expect(await f.kb.list({})).toEqual([]);
  });

  it('should publish with dates, a re-verify timer and an article.published event when a draft is published', async () => {
    const { id } = await f.kb.add({ communityId: 'acme', content: typed, actor: ERIN });
    f.clock.now = new Date('2026-12-04T10:00:00.000Z');
    const published = await f.kb.publish(id, MOD);
    expect(published).toMatchObject({ state: 'published', revision: 2, publishedAt: f.clock.now, lastVerifiedAt: f.clock.now, stale: false });
    expect(f.jobs.events).toEqual([{
      type: 'article.published', articleId: id, communityId: 'acme', conversationId: null,
      contributors: [{ role: 'answerer', platform: 'slack', userId: 'erin' }], actor: MOD, at: '2026-12-04T10:00:00.000Z',
    }]);
    // acme re-verifies after 30 days: its one timer waits for this, its only article.
    expect(f.jobs.timers.get('kb.reverify:acme')).toMatchObject({ kind: 'kb.reverify', dueAt: new Date('2027-01-03T10:00:00.000Z'), payload: { communityId: 'acme' } });
    expect((await f.kb.revisions(id)).map((r) => `${r.number} ${r.action} ${r.snapshot.state}`)).toEqual(['1 add draft', '2 publish published']);
  });

  it('should refuse with CONFLICT and write nothing when the state does not allow the action', async () => {
    const { id } = await f.kb.add({ communityId: 'acme', content: typed, actor: ERIN });
    expect(hasCode(await rejection(f.kb.retire(id, MOD)), 'CONFLICT')).toBe(true);
    expect(hasCode(await rejection(f.kb.verify(id, MOD)), 'CONFLICT')).toBe(true);
    await f.kb.publish(id, MOD);
    expect(hasCode(await rejection(f.kb.publish(id, MOD)), 'CONFLICT')).toBe(true);
    expect(hasCode(await rejection(f.kb.reject(id, MOD)), 'CONFLICT')).toBe(true);
    expect((await f.kb.get(id))?.revision).toBe(2);
    expect(f.jobs.events).toHaveLength(1);
  });

  it('should answer NOT_FOUND when the article does not exist', async () => {
    expect(hasCode(await rejection(f.kb.publish('no-such-article', MOD)), 'NOT_FOUND')).toBe(true);
    expect(await f.kb.get('no-such-article')).toBeNull();
  });

  it('should keep the reason with the revision when a draft is rejected, and send it back to review when edited', async () => {
    const { id } = await f.kb.add({ communityId: 'acme', content: typed, actor: ERIN });
    const rejected = await f.kb.reject(id, MOD, 'too vague');
    expect(rejected.state).toBe('rejected');
    expect((await f.kb.revisions(id)).at(-1)).toMatchObject({ action: 'reject', reason: 'too vague', actor: MOD });
    const edited = await f.kb.edit(id, { answer: 'Use the Forgot password link, then follow the email.' }, ERIN);
    expect(edited).toMatchObject({ state: 'draft', revision: 3 });
  });

  it('should leave search when a published article is retired', async () => {
    const { id } = await f.kb.add({ communityId: 'acme', content: typed, actor: ERIN });
    await f.kb.publish(id, MOD);
    expect((await f.kb.search({ text: 'reset password', visibility: ['public'], limit: 5 })).map((hit) => hit.articleId)).toEqual([id]);
    const retired = await f.kb.retire(id, MOD);
    expect(retired.state).toBe('retired');
    expect(await f.kb.search({ text: 'reset password', visibility: ['public'], limit: 5 })).toEqual([]);
    // A reviewer may bring it back.
    expect((await f.kb.publish(id, MOD)).state).toBe('published');
  });

  it('should record the edited fields, credit the editor and write a revision when an article is edited', async () => {
    const { id } = await f.kb.add({ communityId: 'acme', content: typed, actor: ERIN });
    await f.kb.publish(id, MOD);
    const edited = await f.kb.edit(id, { title: 'Reset a forgotten password', tags: ['account'] }, MOD);
    expect(edited).toMatchObject({ state: 'published', revision: 3, title: 'Reset a forgotten password', tags: ['account'], editedFields: ['title', 'tags'] });
    expect(edited.contributors).toContainEqual({ role: 'editor', platform: 'slack', userId: 'mod', displayName: 'Mo Derator' });
    expect((await f.kb.revisions(id)).at(-1)).toMatchObject({ number: 3, action: 'edit', actor: MOD, snapshot: { title: 'Reset a forgotten password', state: 'published' } });
    // The same values again change nothing and write no revision.
    expect((await f.kb.edit(id, { title: 'Reset a forgotten password' }, MOD)).revision).toBe(3);
    // The index follows the edit at once.
    expect((await f.kb.search({ text: 'forgotten', visibility: ['public'], limit: 5 })).map((hit) => hit.title)).toEqual(['Reset a forgotten password']);
  });

  it('should refuse the edit when it has an unknown field or a bad visibility', async () => {
    const { id } = await f.kb.add({ communityId: 'acme', content: typed, actor: ERIN });
    expect(hasCode(await rejection(f.kb.edit(id, { visibility: 'everyone' as never }, MOD)), 'BAD_INPUT')).toBe(true);
    expect(hasCode(await rejection(f.kb.edit(id, { colour: 'red' } as never, MOD)), 'BAD_INPUT')).toBe(true);
    expect((await f.kb.get(id))?.revision).toBe(1);
  });

  it('should restore an earlier revision as a new revision when an article is rolled back', async () => {
    const { id } = await f.kb.add({ communityId: 'acme', content: typed, actor: ERIN });
    await f.kb.edit(id, { answer: 'Ask an admin.' }, ANN);
    await f.kb.edit(id, { title: 'Passwords' }, ANN);
    const rolled = await f.kb.rollback(id, 1, MOD);
    expect(rolled).toMatchObject({ revision: 4, title: typed.title, answer: typed.answer, state: 'draft' });
    const revisions = await f.kb.revisions(id);
    expect(revisions.map((r) => r.action)).toEqual(['add', 'edit', 'edit', 'rollback']);
    expect(revisions[3]?.snapshot).toEqual({ ...revisions[0]?.snapshot });
    expect(hasCode(await rejection(f.kb.rollback(id, 9, MOD)), 'NOT_FOUND')).toBe(true);
  });

  it('should count articles per state and stale ones when asked for counts', async () => {
    const a = await f.kb.add({ communityId: 'acme', content: typed, actor: ERIN });
    const b = await f.kb.add({ communityId: 'acme', content: { ...typed, title: 'Second' }, actor: ERIN });
    await f.kb.add({ communityId: 'auto', content: { ...typed, title: 'Elsewhere' }, actor: ERIN });
    await f.kb.publish(a.id, MOD);
    await f.kb.reject(b.id, MOD);
    await f.kb.markStale({ articleId: a.id }, 'reopened');
    expect(await f.kb.counts('acme')).toEqual({ draft: 0, published: 1, rejected: 1, retired: 0, stale: 1 });
    expect(await f.kb.counts()).toEqual({ draft: 1, published: 1, rejected: 1, retired: 0, stale: 1 });
  });

  it('should show every change to the onChanged hook inside its transaction, and undo the change when the hook fails', async () => {
    const seen: string[] = [];
    let fail = false;
    const hooked = knowledgeFixture(db, {
      onChanged: async (tx, { article, action }) => {
        const { rows } = await tx.query<{ revision: number }>(`SELECT "revision" FROM "Article" WHERE "id" = $1`, [article.id]);
        seen.push(`${action} ${article.state} r${rows[0]?.revision}`);
        if (fail) throw new Error('card queue down');
      },
    });
    const { id } = await hooked.kb.add({ communityId: 'acme', content: typed, actor: ERIN });
    await hooked.kb.publish(id, MOD);
    expect(seen).toEqual(['add draft r1', 'publish published r2']);
    fail = true;
    await expect(hooked.kb.retire(id, MOD)).rejects.toThrow('card queue down');
    expect((await hooked.kb.get(id))?.state).toBe('published');
  });
});
