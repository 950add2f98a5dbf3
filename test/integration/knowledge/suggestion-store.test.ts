import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlSuggestionStore, type SuggestionStore } from '../../../core/knowledge/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { ERIN, knowledgeFixture, type KnowledgeFixture } from './knowledge-fixture.ts';

// The Suggestion table on the real database (PGlite, or PostgreSQL with DATABASE_URL).
describe('suggestion store', () => {
  let db: TestDatabase;
  let fixture: KnowledgeFixture;
  let store: SuggestionStore;
  const at = new Date('2026-12-03T10:00:00.000Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    fixture = knowledgeFixture(db);
    store = createSqlSuggestionStore(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const published = async (title: string, communityId = 'acme'): Promise<string> => {
    const article = await fixture.kb.add({ communityId, content: { title, question: `${title}?`, answer: 'Do this.' }, actor: ERIN });
    await fixture.kb.publish(article.id, ERIN);
    return article.id;
  };
  const record = (conversationId: string, articleIds: string[], communityId = 'acme') =>
    fixture.jobs.transaction((tx) => store.record(tx, { conversationId, communityId, hits: articleIds.map((articleId, index) => ({ articleId, score: 0.9 - index / 10 })), at }));

  it('should rank the hits as given and skip articles no longer published or of another community when it records them', async () => {
    const first = await published('First');
    const retired = await published('Retired meanwhile');
    await fixture.kb.retire(retired, ERIN);
    const elsewhere = await published('Elsewhere', 'auto');
    const second = await published('Second');

    const ids = await record('conv-rank', [first, retired, elsewhere, second]);

    expect(ids).toHaveLength(2);
    const rows = await store.ofConversation('conv-rank');
    expect(rows.map(({ articleId, title, rank, outcome }) => ({ articleId, title, rank, outcome }))).toEqual([
      { articleId: first, title: 'First', rank: 1, outcome: 'shown' },
      { articleId: second, title: 'Second', rank: 4, outcome: 'shown' },
    ]);
    expect((await store.byIds(ids)).map((row) => row.id)).toEqual(ids);
    // The same question recorded again (a redelivered event) keeps what it has.
    expect(await record('conv-rank', [first])).toEqual([]);
  });

  it('should accept once, say so the second time, and know no suggestion it never made when the asker accepts', async () => {
    const article = await published('Accept me');
    await record('conv-accept', [article]);

    expect(await fixture.jobs.transaction((tx) => store.accept(tx, { conversationId: 'conv-accept', articleId: article, at }))).toBe('accepted');
    expect(await fixture.jobs.transaction((tx) => store.accept(tx, { conversationId: 'conv-accept', articleId: article, at }))).toBe('already');
    expect(await fixture.jobs.transaction((tx) => store.accept(tx, { conversationId: 'conv-other', articleId: article, at }))).toBe('unknown');
    expect(await store.ofConversation('conv-accept')).toEqual([expect.objectContaining({ outcome: 'accepted', acceptedAt: at })]);
  });

  it('should count questions with suggestions, deflected ones, shown and accepted suggestions per community', async () => {
    const a = await published('Count A', 'auto');
    const b = await published('Count B', 'auto');
    await record('conv-count-1', [a, b], 'auto');
    await record('conv-count-2', [a], 'auto');
    await fixture.jobs.transaction((tx) => store.accept(tx, { conversationId: 'conv-count-2', articleId: a, at }));

    expect(await store.counts({ communityId: 'auto' })).toEqual([{ communityId: 'auto', suggestedQuestions: 2, deflectedQuestions: 1, shown: 3, accepted: 1 }]);
    expect(await store.counts({ communityId: 'auto', since: new Date(at.getTime() + 1) })).toEqual([]);
    expect((await store.counts()).map((row) => row.communityId)).toEqual(['acme', 'auto']);
  });
});
