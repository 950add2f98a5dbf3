import type { AnalyzedQuery } from './analyzer.ts';
import type { ResolvedSearchConfig } from './config.ts';
import type { Postings, Term } from './postings.ts';
import { idf, type WeightedTerm } from './ranker.ts';

/** One language's reading of the query's words: the base of its coverage. */
export interface Reading {
  /** Every query word the index knows, read or not (coverage counts them all). */
  words: WeightedTerm[];
  /** Sum of weight x IDF over all the reading's words, known or not: unknown words lower coverage. */
  wordMass: number;
}

/** Which terms a query reads, and its readings for coverage. */
export interface QueryPlan {
  /** Terms to score, most telling first, within the config's term and postings budgets. */
  terms: WeightedTerm[];
  readings: Reading[];
}

/** Looks the analysed query up in the index and picks what to read. */
export function planQuery(query: AnalyzedQuery, postings: Postings, documents: number, config: ResolvedSearchConfig): QueryPlan {
  const words = known(weigh(query.words, postings, documents));
  const grams = known(weigh(query.grams, postings, documents));
  const terms = withinBudget([...strongest(words, config.maxQueryTerms), ...strongest(grams, config.maxQueryTerms * 2)], config.maxPostings);
  const readings = query.readings.map((reading) => {
    const weighed = weigh(reading, postings, documents);
    return { words: known(weighed), wordMass: weighed.reduce((sum, word) => sum + word.weight * word.idf, 0) };
  });
  return { terms, readings };
}

function known(list: readonly Weighed[]): WeightedTerm[] {
  return list.flatMap(({ term, weight, idf: termIdf }) => (term && term.df > 0 && weight > 0 ? [{ term, weight, idf: termIdf }] : []));
}

type Weighed = Omit<WeightedTerm, 'term'> & { term: Term | undefined };

function weigh(weights: ReadonlyMap<string, number>, postings: Postings, documents: number): Weighed[] {
  return [...weights].map(([text, weight]) => {
    const term = postings.find(text);
    return { term, weight, idf: idf(term?.df ?? 0, documents) };
  });
}

// Most telling first (then by text, so equal weights keep one order whatever the load order).
function byStrength(one: WeightedTerm, other: WeightedTerm): number {
  return other.weight * other.idf - one.weight * one.idf || (one.term.text < other.term.text ? -1 : 1);
}

// A pasted log or a long body is cut to its telling words instead of walking every common word.
function strongest(terms: WeightedTerm[], keep: number): WeightedTerm[] {
  return terms.sort(byStrength).slice(0, keep);
}

// Rarest (most telling) first, until the entries to read would exceed the budget. Counted in live
// documents (df), not stored entries, so that an index with removals behind it (entries not yet
// compacted) picks the same terms as a fresh load of the same documents.
function withinBudget(terms: WeightedTerm[], budget: number): WeightedTerm[] {
  let left = budget;
  return terms.sort(byStrength).filter((term) => (term.term.df <= left ? ((left -= term.term.df), true) : false));
}
