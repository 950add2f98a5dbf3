import { describe, expect, it } from 'vitest';
import { createSearchIndex } from '../../core/knowledge/search/index.ts';
import type { SearchIndex, SearchQuery } from '../../core/knowledge/port.ts';
import { article, HELP_DESK } from './knowledge-search-fixtures.ts';

const MEMBER: SearchQuery['visibility'] = ['public', 'community'];

function helpDesk(): SearchIndex {
  const index = createSearchIndex();
  for (const document of HELP_DESK) index.upsert(document);
  return index;
}

const ids = (index: SearchIndex, query: Partial<SearchQuery> & { text: string }): string[] =>
  index.search({ communityId: 'acme', visibility: MEMBER, limit: 5, ...query }).map((hit) => hit.articleId);

describe('createSearchIndex ranking', () => {
  it('should rank the article a question rewords first when the words differ in form', () => {
    const index = helpDesk();
    expect(ids(index, { text: 'How can I remove my account permanently?' })[0]).toBe('delete-account');
    expect(ids(index, { text: 'forgot the password, login fails' })[0]).toBe('reset-password');
    expect(ids(index, { text: 'downloading invoices for the accountant' })[0]).toBe('export-invoices');
  });

  it('should match quoted words that stopword removal would drop when the question is about them', () => {
    const index = helpDesk();
    expect(ids(index, { text: 'Difference between "can" and "could"' })[0]).toBe('can-could');
    expect(ids(index, { text: 'Is it "shall" or "will" here?' })[0]).toBe('shall-will');
  });

  it('should find a title written differently when the question splits or misspells its words', () => {
    const index = helpDesk();
    expect(ids(index, { text: 'strike through on git hub' })[0]).toBe('strikethrough');
    expect(ids(index, { text: 'strikethru in githubs markdown' })[0]).toBe('strikethrough');
  });

  it('should score a close rewording high and an unrelated question low, within [0, 1], when both are asked', () => {
    const index = helpDesk();
    const close = index.search({ text: 'How do I delete my account?', visibility: MEMBER, limit: 10 });
    const unrelated = index.search({ text: 'My cat sleeps on the keyboard all afternoon', visibility: MEMBER, limit: 10 });
    for (const hit of [...close, ...unrelated]) {
      expect(hit.score).toBeGreaterThanOrEqual(0);
      expect(hit.score).toBeLessThanOrEqual(1);
    }
    expect(close[0]?.score).toBeGreaterThan(0.6);
    expect(unrelated.every((hit) => hit.score < 0.3)).toBe(true);
  });

  it('should report the source id and title of a hit when the document has them', () => {
    const index = createSearchIndex();
    index.upsert(article('a1', { sourceId: 'row-7', title: 'Change the invoice address' }));
    expect(index.search({ text: 'invoice address', visibility: ['public'], limit: 1 })).toEqual([
      { articleId: 'a1', sourceId: 'row-7', title: 'Change the invoice address', score: expect.any(Number) },
    ]);
  });
});

describe('createSearchIndex filters', () => {
  it('should search only the given community when the query names one, and all when it does not', () => {
    const index = helpDesk();
    expect(ids(index, { text: 'delete my account' })).not.toContain('other-delete-account');
    expect(ids(index, { text: 'delete my account', communityId: 'globex' })).toEqual(['other-delete-account']);
    expect(index.search({ text: 'delete my account', visibility: MEMBER, limit: 5 }).map((hit) => hit.articleId)).toContain('other-delete-account');
    expect(ids(index, { text: 'delete my account', communityId: 'nobody' })).toEqual([]);
  });

  it('should hide articles the reader may not see when their visibility is not allowed', () => {
    const index = helpDesk();
    expect(ids(index, { text: 'API 429 too many requests' })).not.toContain('api-rate-limit');
    expect(ids(index, { text: 'API 429 too many requests', visibility: ['staff'] })).toEqual(['api-rate-limit']);
    expect(ids(index, { text: 'delete my account', visibility: [] })).toEqual([]);
  });

  it('should return at most limit hits, each at or above minScore, when both are given', () => {
    const index = helpDesk();
    expect(ids(index, { text: 'account password invoice', limit: 2 })).toHaveLength(2);
    expect(ids(index, { text: 'account password invoice', limit: 0 })).toEqual([]);
    const text = 'delete my account and export the invoices';
    const all = index.search({ text, visibility: MEMBER, limit: 10 });
    const best = Math.max(...all.map((hit) => hit.score));
    expect(best).toBeLessThan(1);
    const kept = index.search({ text, visibility: MEMBER, limit: 10, minScore: best - 0.01 });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((hit) => hit.score >= best - 0.01)).toBe(true);
    expect(kept.length).toBeLessThan(all.length);
    expect(index.search({ text, visibility: MEMBER, limit: 10, minScore: (best + 1) / 2 })).toEqual([]);
  });
});
