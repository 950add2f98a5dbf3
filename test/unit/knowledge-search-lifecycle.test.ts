import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSearchIndex } from '../../core/knowledge/search/index.ts';
import type { SearchDocument, SearchIndex } from '../../core/knowledge/port.ts';
import { article, HELP_DESK } from './knowledge-search-fixtures.ts';

const search = (index: SearchIndex, text: string) => index.search({ text, visibility: ['public', 'community', 'staff'], limit: 10 });

function loaded(documents: readonly SearchDocument[]): SearchIndex {
  const index = createSearchIndex();
  for (const document of documents) index.upsert(document);
  return index;
}

describe('createSearchIndex upsert and remove', () => {
  it('should replace a document when the same id is upserted again', () => {
    const index = loaded(HELP_DESK);
    index.upsert(article('delete-account', { title: 'Changing the billing currency', question: 'Can I pay in euros?' }));
    expect(index.size).toBe(HELP_DESK.length);
    expect(search(index, 'billing currency euros')[0]?.articleId).toBe('delete-account');
    expect(search(index, 'delete account data removed').map((hit) => hit.articleId)).not.toContain('delete-account');
  });

  it('should forget a document when it is removed, and ignore an unknown id', () => {
    const index = loaded(HELP_DESK);
    index.remove('reset-password');
    index.remove('never-indexed');
    expect(index.size).toBe(HELP_DESK.length - 1);
    expect(search(index, 'forgot password').map((hit) => hit.articleId)).not.toContain('reset-password');
  });

  it('should keep answering correctly when many removals compact the index', () => {
    const documents = Array.from({ length: 3_000 }, (_, at) => article(`doc-${at}`, { title: `Widget ${at} setup`, question: `Configuring widget model w${at}` }));
    const index = loaded(documents);
    for (let at = 0; at < 2_900; at += 1) index.remove(`doc-${at}`);
    expect(index.size).toBe(100);
    expect(search(index, 'configuring widget model w2950')[0]?.articleId).toBe('doc-2950');
    expect(search(index, 'configuring widget model w10').map((hit) => hit.articleId)).not.toContain('doc-10');
    index.upsert(article('doc-10', { title: 'Widget 10 is back' }));
    expect(search(index, 'widget 10 back')[0]?.articleId).toBe('doc-10');
  });
});

describe('createSearchIndex determinism', () => {
  it('should give identical hits and scores when the same documents are loaded in any order', () => {
    const queries = ['delete my account', 'password login', '"can" or "could"', 'API 429', 'invoice pdf'];
    const expected = queries.map((text) => search(loaded(HELP_DESK), text));
    fc.assert(
      fc.property(fc.shuffledSubarray([...HELP_DESK], { minLength: HELP_DESK.length }), (order) => {
        const index = loaded(order);
        expect(queries.map((text) => search(index, text))).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });

  it('should give the same result as a fresh load when a document was removed and added again', () => {
    const index = loaded(HELP_DESK);
    const [first] = HELP_DESK;
    index.remove(first?.id ?? '');
    index.upsert(first ?? article('missing'));
    expect(search(index, 'delete my account')).toEqual(search(loaded(HELP_DESK), 'delete my account'));
  });

  it('should pick the same query terms after edits as a fresh load when the postings budget is tight', () => {
    const config = { maxPostings: 6 };
    const edited = createSearchIndex(config);
    for (const document of HELP_DESK) edited.upsert(document);
    for (const document of HELP_DESK) edited.upsert({ ...document, title: `${document.title} draft` });
    for (const document of HELP_DESK) edited.upsert(document);
    const fresh = createSearchIndex(config);
    for (const document of HELP_DESK) fresh.upsert(document);
    for (const text of ['delete my account', 'account password invoice export', 'git hub strikethrough']) {
      expect(search(edited, text)).toEqual(search(fresh, text));
    }
  });

  it('should break equal scores by article id when documents are identical', () => {
    const twins = ['b', 'c', 'a'].map((id) => article(id, { title: 'Same words exactly' }));
    expect(search(loaded(twins), 'same words exactly').map((hit) => hit.articleId)).toEqual(['a', 'b', 'c']);
  });
});
