import type { SearchDocument, SearchHit, SearchIndex, SearchQuery } from '../port.ts';

// A TEMPORARY similar-question index so the knowledge base works before engineer kb-search's index
// lands (branch kb-search replaces this file): token-set cosine between the query and an article's
// title, question and tags, in [0, 1]. Honest but plain: no stemming, no weighting, no language model.

const TOKEN = /[\p{L}\p{N}]+/gu;

/** The distinct lower-case words of a text (two letters or more). */
export function tokens(text: string): Set<string> {
  return new Set((text.toLowerCase().match(TOKEN) ?? []).filter((token) => token.length > 1));
}

interface Entry {
  document: SearchDocument;
  terms: Set<string>;
}

/** Creates an in-memory search index (temporary token-overlap implementation). */
export function createSearchIndex(): SearchIndex {
  const entries = new Map<string, Entry>();
  const postings = new Map<string, Set<string>>();

  const remove = (id: string): void => {
    const entry = entries.get(id);
    if (!entry) return;
    for (const term of entry.terms) {
      const ids = postings.get(term);
      ids?.delete(id);
      if (ids?.size === 0) postings.delete(term);
    }
    entries.delete(id);
  };

  return {
    upsert(document) {
      remove(document.id);
      const terms = tokens([document.title, document.question, ...document.tags].join(' '));
      entries.set(document.id, { document, terms });
      for (const term of terms) {
        let ids = postings.get(term);
        if (!ids) postings.set(term, (ids = new Set()));
        ids.add(document.id);
      }
    },
    remove,
    search(query: SearchQuery): SearchHit[] {
      const wanted = tokens(query.text);
      if (wanted.size === 0 || query.limit <= 0) return [];
      const overlap = new Map<string, number>();
      for (const term of wanted) for (const id of postings.get(term) ?? []) overlap.set(id, (overlap.get(id) ?? 0) + 1);
      const hits: SearchHit[] = [];
      for (const [id, shared] of overlap) {
        const entry = entries.get(id);
        if (!entry) continue;
        const { document } = entry;
        if (query.communityId !== undefined && document.communityId !== query.communityId) continue;
        if (!query.visibility.includes(document.visibility)) continue;
        const score = shared / Math.sqrt(wanted.size * entry.terms.size);
        if (score < (query.minScore ?? 0)) continue;
        hits.push({ articleId: id, sourceId: document.sourceId, title: document.title, score });
      }
      return hits.sort((a, b) => b.score - a.score || a.articleId.localeCompare(b.articleId)).slice(0, query.limit);
    },
    get size() {
      return entries.size;
    },
  };
}
