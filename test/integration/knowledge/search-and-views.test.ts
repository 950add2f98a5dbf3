import { describe, expect, it } from 'vitest';
import type { Database } from '../../../core/infra/db/create-database.ts';
import { createKnowledgeBase } from '../../../core/knowledge/index.ts';
import { createTestDatabase, openSameDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestJobs } from '../../support/test-jobs.ts';
import { capture, draftOf, ERIN, knowledgeFixture, knowledgeNetwork, MOD, type KnowledgeFixture, withKnowledgeFixture } from './knowledge-fixture.ts';

const ERIN_KEY = { platform: 'slack' as const, userId: 'erin' };
const ANN_KEY = { platform: 'discord' as const, userId: 'ann' };

describe('knowledge base search and published views on the real database', () => {
  let db: TestDatabase;
  let f: KnowledgeFixture;

  withKnowledgeFixture((database, fixture) => {
    db = database;
    f = fixture;
  });

  const publishedCapture = async (overrides = {}) => {
    const { article } = await capture(f, draftOf(overrides));
    return f.kb.publish(article.id, MOD);
  };

  it('should find only published articles the reader may see, in their community, when searching', async () => {
    const open = await publishedCapture();
    const internal = await publishedCapture({ visibility: 'staff' });
    await capture(f, draftOf()); // a draft is never found
    await capture(f, draftOf({ communityId: 'auto' })); // published at once there
    const hits = await f.kb.search({ text: 'export error 42 images', communityId: 'acme', visibility: ['public', 'community'], limit: 10 });
    expect(hits.map((hit) => hit.articleId)).toEqual([open.id]);
    expect(hits[0]?.score).toBeGreaterThan(0);
    expect(hits[0]?.score).toBeLessThanOrEqual(1);
    const staff = await f.kb.search({ text: 'export error 42 images', communityId: 'acme', visibility: ['public', 'community', 'staff'], limit: 10 });
    expect(staff.map((hit) => hit.articleId).sort()).toEqual([open.id, internal.id].sort());
    expect(await f.kb.search({ text: 'export error 42 images', visibility: ['public'], limit: 10 })).toHaveLength(2); // every community
    expect(await f.kb.search({ text: 'completely unrelated words', visibility: ['public'], limit: 10, minScore: 0.3 })).toEqual([]);
  });

  it('should leave out the words of a person who opted out of indexing when the index is built', async () => {
    f.consents.set(ANN_KEY, { indexable: false });
    await publishedCapture();
    // Ann's question (and the title taken from it) are not indexed; Erin's answer is.
    expect(await f.kb.search({ text: 'fails error 42 report', visibility: ['public'], limit: 5 })).toEqual([]);
    const fresh = knowledgeFixture(db, { consents: f.consents });
    expect(await fresh.kb.search({ text: 'fails error 42 report', visibility: ['public'], limit: 5 })).toEqual([]);
  });

  it('should re-index a person\'s articles when their consent changes', async () => {
    const article = await publishedCapture({ title: 'Plotter jams on page two' , parts: [{ role: 'question', messageId: 'pq', author: { platform: 'discord', userId: 'ann', displayName: 'Ann Asker' }, text: 'Plotter jams on page two' }, { role: 'answer', messageId: 'pa', author: { platform: 'slack', userId: 'erin', displayName: 'Erin Employee' }, text: 'Clean the rollers.' }] });
    expect((await f.kb.search({ text: 'plotter jams', visibility: ['public'], limit: 5 })).map((h) => h.articleId)).toEqual([article.id]);
    f.consents.set(ANN_KEY, { indexable: false });
    await f.jobs.transaction((tx) => f.kb.consentChanged(tx, ANN_KEY));
    expect(await f.kb.search({ text: 'plotter jams', visibility: ['public'], limit: 5 })).toEqual([]);
  });

  it('should find what another process published and drop what it retired when the index refreshes', async () => {
    // A second process: on PostgreSQL its own pool, on PGlite the one connection there is.
    const second: Database = db.url === null ? db : await openSameDatabase(db);
    try {
      const other = createKnowledgeBase({ database: second, jobs: createTestJobs(second), network: () => knowledgeNetwork(), clock: () => f.clock.now, search: { freshMs: 0, maxLagMs: 0 } });
      expect(await other.load()).toBe(0);
      const article = await publishedCapture();
      expect(await other.refresh()).toBeGreaterThan(0);
      expect((await other.search({ text: 'export error 42', visibility: ['public'], limit: 5 })).map((h) => h.articleId)).toEqual([article.id]);
      await f.kb.retire(article.id, MOD);
      // maxLagMs 0: a search refreshes first.
      expect(await other.search({ text: 'export error 42', visibility: ['public'], limit: 5 })).toEqual([]);
    } finally {
      if (second !== db) await second.close();
    }
  });

  it('should show a contributor name only when they consented in a named community, never in an anonymised one', async () => {
    f.consents.set(ERIN_KEY, { showName: true });
    const named = await publishedCapture();
    const view = await f.kb.published(named.id, ['public']);
    expect(view?.contributors).toEqual([
      { role: 'asker', name: null, staff: false },
      { role: 'answerer', name: 'Erin Employee', staff: true },
      { role: 'accepter', name: null, staff: false },
    ]);
    expect(view).toMatchObject({ id: named.id, title: 'Export fails with error 42', publishedAt: named.publishedAt, sources: named.sources });
    const { article } = await capture(f, draftOf({ communityId: 'auto' })); // auto: anonymised, auto-published
    expect((await f.kb.published(article.id, ['public']))?.contributors.map((c) => c.name)).toEqual([null, null, null]);
  });

  it('should give nothing when the article is a draft or its visibility is not allowed', async () => {
    const { article: draft } = await capture(f);
    expect(await f.kb.published(draft.id, ['public', 'community', 'staff'])).toBeNull();
    const staffOnly = await publishedCapture({ visibility: 'staff' });
    expect(await f.kb.published(staffOnly.id, ['public'])).toBeNull();
    expect(await f.kb.published(staffOnly.id, ['staff'])).not.toBeNull();
  });

  it('should list published articles newest first, page by page, when the index page asks', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      f.clock.now = new Date(Date.parse('2026-12-03T09:00:00Z') + i * 60_000);
      ids.push((await publishedCapture()).id);
    }
    await f.kb.add({ communityId: 'acme', content: { title: 'Draft', question: 'q?', answer: 'a.' }, actor: ERIN });
    const first = await f.kb.publishedList({ communityId: 'acme', visibility: ['public'], limit: 2 });
    const rest = await f.kb.publishedList({ communityId: 'acme', visibility: ['public'], limit: 2, offset: 2 });
    expect([...first, ...rest].map((a) => a.id)).toEqual([...ids].reverse());
  });
});
