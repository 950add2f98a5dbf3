import type { SearchHit, SearchIndex } from '../port.ts';
import { analyzeDocument, analyzeQuery, type AnalyzedDocument } from './analyzer.ts';
import { checkDocument, checkQuery } from './checks.ts';
import { confidence, type Coverage } from './confidence.ts';
import { resolveSearchConfig, type SearchIndexConfig } from './config.ts';
import { createDocumentTable, FIELDS, VISIBILITY_BIT, type SlotInfo } from './documents.ts';
import { languageCode } from './languages.ts';
import { createPostings, packCounts, type Term } from './postings.ts';
import { planQuery } from './query-plan.ts';
import { createRanker, idf, type WeightedTerm } from './ranker.ts';

// A question longer than this is a pasted log; its start says what it is about and keeps queries fast.
const MAX_QUERY_CHARS = 4_000;
// Dead slots are swept once they are this many and a quarter of the live ones.
const COMPACT_AFTER = 1_024;

/**
 * Creates the similar-question index: BM25F over title, question, answer, quoted words and tags,
 * plus character n-grams of titles, in memory and deterministic (the same documents give the same
 * hits whatever order they were loaded in, on PGlite or PostgreSQL). Hits come in BM25F order;
 * each hit's score is its own confidence in [0, 1] (see confidence.ts), which a hit further down
 * may exceed: `minScore` keeps the hits that reach it, in rank order.
 */
export function createSearchIndex(config?: SearchIndexConfig): SearchIndex {
  const settings = resolveSearchConfig(config);
  const postings = createPostings();
  const table = createDocumentTable();
  const languages = new Map<string, number>();
  const languageOf = new Map<string, string>();
  const ranker = createRanker(table, settings, (slot) => table.info(slot).id);

  // What a winner shares with the query: measured for the few hits only, off the ranking's hot loop.
  const coverage = (info: SlotInfo, found: readonly WeightedTerm[], queryMass: number): Coverage => {
    let covered = 0;
    let titleMassCovered = 0;
    let titleMass = 0;
    for (const id of info.titleTerms) titleMass += idf(postings.byId(id).df, table.live);
    for (const { term, weight, idf: termIdf } of found) {
      if (!sortedIncludes(info.terms, term.id)) continue;
      covered += weight * termIdf;
      if (info.titleTerms.includes(term.id)) titleMassCovered += termIdf;
    }
    return { queryCovered: queryMass > 0 ? covered / queryMass : 0, titleMassCovered, titleMass };
  };

  const index: SearchIndex = {
    upsert(document) {
      checkDocument(document);
      index.remove(document.id);
      const language = languageCode(document.language, settings.defaultLanguage);
      const analyzed = analyzeDocument(document, language, settings);
      const { terms, packed } = countTerms(analyzed, (text, gram) => postings.intern(text, gram));
      const ids = new Uint32Array(terms.length);
      const titleIds: number[] = [];
      terms.forEach((term, at) => {
        ids[at] = term.id;
        if (!term.gram && ((packed[at] ?? 0) & 255) > 0) titleIds.push(term.id);
      });
      const lengths = FIELDS.map((field) => analyzed[field].length);
      const slot = table.add(
        { id: document.id, sourceId: document.sourceId, title: document.title, terms: ids.sort(), titleTerms: Uint32Array.from(titleIds) },
        document.communityId,
        document.visibility,
        lengths,
      );
      terms.forEach((term, at) => {
        term.df += 1;
        postings.append(term, slot, packed[at] ?? 0);
      });
      languages.set(language, (languages.get(language) ?? 0) + 1);
      languageOf.set(document.id, language);
    },
    remove(id) {
      const slot = table.slotOf(id);
      if (slot === undefined) return;
      for (const termId of table.kill(slot).terms) postings.byId(termId).df -= 1;
      const language = languageOf.get(id) ?? settings.defaultLanguage;
      languageOf.delete(id);
      if ((languages.get(language) ?? 0) <= 1) languages.delete(language);
      else languages.set(language, (languages.get(language) ?? 0) - 1);
      if (table.dead >= COMPACT_AFTER && table.dead * 4 >= table.live) postings.renumber(table.compact());
    },
    search(query) {
      checkQuery(query);
      const visibilityMask = query.visibility.reduce((mask, visibility) => mask | VISIBILITY_BIT[visibility], 0);
      const community = query.communityId === undefined ? null : table.communityNumber(query.communityId);
      if (query.limit === 0 || visibilityMask === 0 || community === -1 || table.live === 0) return [];
      const queryLanguages = [...languages.keys()].sort();
      const analyzed = analyzeQuery(query.text.slice(0, MAX_QUERY_CHARS), queryLanguages, settings);
      const plan = planQuery(analyzed, postings, table.live, settings);
      if (plan.terms.length === 0) return [];
      const candidates = ranker.rank({ terms: plan.terms, community, visibilityMask, limit: query.limit });
      const hits: SearchHit[] = [];
      for (const candidate of candidates) {
        const info = table.info(candidate.slot);
        // The reading in the question's own language covers it best; the others only add noise words.
        const score = Math.max(0, ...plan.readings.map((reading) => confidence(coverage(info, reading.words, reading.wordMass))));
        if (score >= (query.minScore ?? 0)) hits.push({ articleId: info.id, sourceId: info.sourceId, title: info.title, score });
      }
      return hits;
    },
    get size() {
      return table.live;
    },
  };
  return index;
}

function sortedIncludes(sorted: Uint32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = sorted[middle] as number;
    if (found === value) return true;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

// Per-field counts of each distinct term; n-grams ('#'-prefixed, never a word) count in slot 0.
function countTerms(analyzed: AnalyzedDocument, intern: (text: string, gram: boolean) => Term): { terms: Term[]; packed: number[] } {
  const counts = new Map<string, number[]>();
  FIELDS.forEach((field, position) => {
    const slot = field === 'grams' ? 0 : position;
    for (const text of analyzed[field]) {
      const perField = counts.get(text) ?? [0, 0, 0, 0];
      perField[slot] = (perField[slot] ?? 0) + 1;
      counts.set(text, perField);
    }
  });
  const terms: Term[] = [];
  const packed: number[] = [];
  for (const [text, perField] of counts) {
    terms.push(intern(text, text.startsWith('#')));
    packed.push(packCounts(perField));
  }
  return { terms, packed };
}
