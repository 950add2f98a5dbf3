import { HeimoError } from '../../errors.ts';

/**
 * How much a match in each field counts (BM25F). The title says what the question is about; the
 * question body and, far less, the answer add vocabulary a paraphrase may use; `keys` are the words
 * a question quotes or tags ("can" vs "could", an error code), which stopword removal would lose.
 */
export interface FieldWeights {
  title: number;
  question: number;
  answer: number;
  keys: number;
  /** Character n-grams of the title: spelling variants, typos, compounds ("git hub"), inflections. */
  grams: number;
}

/** Tuning of the similar-question index; every field is optional and defaults to DEFAULT_SEARCH_CONFIG. */
export interface SearchIndexConfig {
  fields?: Partial<FieldWeights>;
  /** BM25 term-frequency saturation. */
  k1?: number;
  /** BM25 length normalisation, 0 (none) to 1 (full). */
  b?: number;
  /** Saturation of a word repeated in the query (BM25's k3): a pasted log repeating "error" stays one topic. */
  k3?: number;
  /** Length of the title's character n-grams. */
  gramSize?: number;
  /** Weight of one character n-gram of the query, relative to a word (1). */
  gramQueryWeight?: number;
  /** Weight added to a word the query quotes. */
  keyQueryWeight?: number;
  /** Language (ISO 639-1) of a document that has none, and of queries when the index is empty. */
  defaultLanguage?: string;
  /** The query's most specific words kept (long pasted logs stay fast); n-grams get twice as many. */
  maxQueryTerms?: number;
  /**
   * The most index entries one query reads. Terms are read rarest first, so what is skipped is the
   * common words and n-grams that say least; a query full of them stays within the latency budget
   * (about 4 ms of CPU per 100,000 entries on the 2-core machine, measured under load).
   */
  maxPostings?: number;
}

/** A config with every value present. */
export type ResolvedSearchConfig = Required<Omit<SearchIndexConfig, 'fields'>> & { fields: FieldWeights };

/**
 * Defaults chosen on two public dev sets (StackFAQ paraphrases and english.stackexchange
 * duplicates) by picking one setting that works for both, not the best for either.
 */
export const DEFAULT_SEARCH_CONFIG: ResolvedSearchConfig = {
  fields: { title: 3, question: 1, answer: 0.3, keys: 2, grams: 0.3 },
  k1: 1.2,
  b: 0.75,
  k3: 8,
  gramSize: 4,
  gramQueryWeight: 0.3,
  keyQueryWeight: 1,
  defaultLanguage: 'en',
  maxQueryTerms: 64,
  maxPostings: 150_000,
};

/** Fills in defaults and refuses values that would make scores meaningless. */
export function resolveSearchConfig(config: SearchIndexConfig = {}): ResolvedSearchConfig {
  const resolved: ResolvedSearchConfig = {
    ...DEFAULT_SEARCH_CONFIG,
    ...withoutUndefined(config),
    fields: { ...DEFAULT_SEARCH_CONFIG.fields, ...withoutUndefined(config.fields ?? {}) },
  };
  const numbers: [string, number][] = [
    ...Object.entries(resolved.fields).map(([name, value]): [string, number] => [`fields.${name}`, value]),
    ['k1', resolved.k1],
    ['k3', resolved.k3],
    ['gramQueryWeight', resolved.gramQueryWeight],
    ['keyQueryWeight', resolved.keyQueryWeight],
  ];
  for (const [name, value] of numbers) {
    if (!Number.isFinite(value) || value < 0) throw invalid(name, 'a finite number >= 0', value);
  }
  if (!(resolved.b >= 0 && resolved.b <= 1)) throw invalid('b', 'between 0 and 1', resolved.b);
  if (!Number.isInteger(resolved.gramSize) || resolved.gramSize < 2) throw invalid('gramSize', 'an integer >= 2', resolved.gramSize);
  for (const name of ['maxQueryTerms', 'maxPostings'] as const) {
    if (!Number.isInteger(resolved[name]) || resolved[name] < 1) throw invalid(name, 'an integer >= 1', resolved[name]);
  }
  if (!/^[a-z]{2,3}$/i.test(resolved.defaultLanguage)) throw invalid('defaultLanguage', 'an ISO 639-1 code', resolved.defaultLanguage);
  return resolved;
}

function invalid(name: string, expected: string, value: unknown): HeimoError {
  return new HeimoError('BAD_INPUT', `search index config ${name} must be ${expected}, got ${String(value)}`, { context: { name } });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
