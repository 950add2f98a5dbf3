import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeimoError } from '../../core/errors.ts';
import { createSearchIndex } from '../../core/knowledge/search/index.ts';
import type { SearchIndex, SearchQuery } from '../../core/knowledge/port.ts';
import { article, HELP_DESK } from './knowledge-search-fixtures.ts';

const ALL: SearchQuery['visibility'] = ['public', 'community', 'staff'];

function helpDesk(): SearchIndex {
  const index = createSearchIndex();
  for (const document of HELP_DESK) index.upsert(document);
  return index;
}

describe('createSearchIndex on odd text', () => {
  it('should return nothing when the query has no words or only unknown ones', () => {
    const index = helpDesk();
    for (const text of ['', '   \n\t', '?!?!... ---', '🙂🙂🙂', 'the and of to a', 'zxqvbnm qwpoiuy']) {
      expect(index.search({ text, visibility: ALL, limit: 5 })).toEqual([]);
    }
  });

  it('should never throw and keep scores in [0, 1] when the query is any string', () => {
    const index = helpDesk();
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'grapheme' }), (text) => {
        for (const hit of index.search({ text, visibility: ALL, limit: 5 })) {
          expect(hit.score).toBeGreaterThanOrEqual(0);
          expect(hit.score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('should read only the start of a very long pasted query when it is far past the analysed length', () => {
    const index = helpDesk();
    const pasted = `delete my account ${'lorem ipsum dolor sit amet '.repeat(2_000)} forgot password login`;
    const found = index.search({ text: pasted, visibility: ALL, limit: 3 }).map((hit) => hit.articleId);
    expect(found[0]).toBe('delete-account');
    expect(found).not.toContain('reset-password');
  });

  it('should index and find text in other languages and scripts when documents carry their language', () => {
    const index = helpDesk();
    index.upsert(article('fi-laskut', { language: 'fi', title: 'Miten lataan kaikki laskut?', question: 'Kirjanpitäjä tarvitsee laskuja.' }));
    index.upsert(article('sk-heslo', { language: 'sk', title: 'Zabudnuté heslo k účtu', question: 'Nemôžem sa prihlásiť.' }));
    index.upsert(article('ja', { language: 'ja', title: 'パスワードを忘れました', question: 'ログインできません' }));
    index.upsert(article('ar', { language: 'ar', title: 'كيف أحذف حسابي؟' }));
    index.upsert(article('unknown', { language: 'xx-YY', title: 'Plokk vrabb' }));
    index.upsert(article('none', { language: null, title: 'Calendar sync stopped working' }));
    expect(index.search({ text: 'laskujen lataaminen', visibility: ALL, limit: 1 })[0]?.articleId).toBe('fi-laskut');
    expect(index.search({ text: 'zabudol som heslo', visibility: ALL, limit: 1 })[0]?.articleId).toBe('sk-heslo');
    expect(index.search({ text: 'パスワードを忘れました', visibility: ALL, limit: 1 })[0]?.articleId).toBe('ja');
    expect(index.search({ text: 'أحذف حسابي', visibility: ALL, limit: 1 })[0]?.articleId).toBe('ar');
    expect(index.search({ text: 'calendar sync', visibility: ALL, limit: 1 })[0]?.articleId).toBe('none');
    expect(index.size).toBe(HELP_DESK.length + 6);
  });

  it('should keep an English question\'s confidence when the index also holds articles in languages without stopword lists', () => {
    const index = helpDesk();
    const query: SearchQuery = { text: 'How do I delete my account?', communityId: 'acme', visibility: ALL, limit: 1 };
    const alone = index.search(query)[0]?.score ?? 0;
    index.upsert(article('ja', { language: 'ja', title: 'パスワードを忘れました' }));
    index.upsert(article('xx', { language: 'xx', title: 'Plokk vrabb' }));
    expect(alone).toBeGreaterThan(0.9);
    expect(index.search(query)[0]?.score).toBe(alone);
  });
});

describe('createSearchIndex refusals', () => {
  it('should refuse a query when its limit, minScore or visibility makes no sense', () => {
    const index = helpDesk();
    const bad: SearchQuery[] = [
      { text: 'x', visibility: ALL, limit: -1 },
      { text: 'x', visibility: ALL, limit: 1.5 },
      { text: 'x', visibility: ALL, limit: 3, minScore: 2 },
      { text: 'x', visibility: ['everyone' as 'public'], limit: 3 },
    ];
    for (const query of bad) expect(() => index.search(query)).toThrow(HeimoError);
  });

  it('should refuse a document when it has no id or an unknown visibility', () => {
    const index = createSearchIndex();
    expect(() => index.upsert(article(''))).toThrow(/non-empty id/);
    expect(() => index.upsert(article('a', { visibility: 'secret' as 'staff' }))).toThrow(/visibility/);
    expect(index.size).toBe(0);
  });

  it('should refuse a config when its weights or sizes make no sense', () => {
    expect(() => createSearchIndex({ k1: -1 })).toThrow(/k1/);
    expect(() => createSearchIndex({ b: 1.5 })).toThrow(/\bb\b/);
    expect(() => createSearchIndex({ fields: { title: Number.NaN } })).toThrow(/fields.title/);
    expect(() => createSearchIndex({ gramSize: 1 })).toThrow(/gramSize/);
    expect(() => createSearchIndex({ maxPostings: 0 })).toThrow(/maxPostings/);
  });
});
