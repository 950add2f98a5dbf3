import type { ResolvedSearchConfig } from './config.ts';
import type { DocumentTable } from './documents.ts';
import type { Term } from './postings.ts';

/** A query term found in the index, with its weight in the query and its current IDF. */
export interface WeightedTerm {
  term: Term;
  weight: number;
  idf: number;
}

/** What to rank: terms, the query's total word weight (for coverage), and who may see what. */
export interface RankRequest {
  terms: readonly WeightedTerm[];
  /** Sum of weight x IDF over the query's words, found in the index or not. */
  queryMass: number;
  /** Interned community to keep, or null for every community. */
  community: number | null;
  visibilityMask: number;
  limit: number;
}

/** A ranked document: its BM25F score and how much of the query and of its title they share. */
export interface Candidate {
  slot: number;
  score: number;
  /** Share (0-1) of the query's word weight that the document contains. */
  queryCovered: number;
  /** Sum of IDF over the document's title words that the query contains. */
  titleMassCovered: number;
}

/** BM25's inverse document frequency (never negative). */
export function idf(documentFrequency: number, documents: number): number {
  return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Scores documents term at a time into reusable accumulators (an epoch stamp marks which slots
 * this query touched, so nothing is cleared between queries) and keeps the best `limit` that pass
 * the filters, ties broken by id so that load order never changes a result.
 */
export function createRanker(table: DocumentTable, config: ResolvedSearchConfig, idOf: (slot: number) => string) {
  let size = 0;
  let epoch = 0;
  let stamp = new Uint32Array(0);
  let score = new Float64Array(0);
  let covered = new Float64Array(0);
  let titleCovered = new Float64Array(0);
  const touched: number[] = [];
  const { title, question, answer, keys, grams } = config.fields;
  const { k1, b } = config;

  const accumulate = ({ term, weight, idf: termIdf }: WeightedTerm): void => {
    const norms = [0, 1, 2, 3, 4].map((field) => b / table.averageLength(field));
    const [nTitle = 0, nQuestion = 0, nAnswer = 0, nKeys = 0, nGrams = 0] = norms;
    const [lTitle, lQuestion, lAnswer, lKeys, lGrams] = table.lengths as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    const { alive } = table;
    const entries = term.entries;
    const base = 1 - b;
    const mass = weight * termIdf;
    for (let at = 0; at < term.length * 2; at += 2) {
      const slot = entries[at] as number;
      if (alive[slot] === 0) continue;
      const packed = entries[at + 1] as number;
      let tf: number;
      if (term.gram) {
        tf = (grams * (packed & 255)) / (base + nGrams * (lGrams[slot] as number));
      } else {
        const t = packed & 255, q = (packed >>> 8) & 255, a = (packed >>> 16) & 255, k = packed >>> 24;
        tf = 0;
        if (t) tf += (title * t) / (base + nTitle * (lTitle[slot] as number));
        if (q) tf += (question * q) / (base + nQuestion * (lQuestion[slot] as number));
        if (a) tf += (answer * a) / (base + nAnswer * (lAnswer[slot] as number));
        if (k) tf += (keys * k) / (base + nKeys * (lKeys[slot] as number));
      }
      if (stamp[slot] !== epoch) {
        stamp[slot] = epoch;
        score[slot] = 0;
        covered[slot] = 0;
        titleCovered[slot] = 0;
        touched.push(slot);
      }
      score[slot] = (score[slot] as number) + (mass * tf) / (k1 + tf);
      if (!term.gram) {
        covered[slot] = (covered[slot] as number) + mass;
        if (packed & 255) titleCovered[slot] = (titleCovered[slot] as number) + termIdf;
      }
    }
  };

  const ensureSize = (): void => {
    if (size >= table.slots) return;
    size = Math.max(table.slots, size * 2, 1024);
    stamp = new Uint32Array(size);
    score = new Float64Array(size);
    covered = new Float64Array(size);
    titleCovered = new Float64Array(size);
    epoch = 0;
  };

  const better = (left: number, right: number): boolean =>
    (score[left] as number) > (score[right] as number) ||
    (score[left] === score[right] && idOf(left) < idOf(right));

  return {
    /** The best `limit` documents for the request, best first. */
    rank(request: RankRequest): Candidate[] {
      ensureSize();
      epoch += 1;
      touched.length = 0;
      for (const term of request.terms) accumulate(term);
      const best: number[] = [];
      for (const slot of touched) {
        if (request.community !== null && table.community[slot] !== request.community) continue;
        if (((table.visibility[slot] as number) & request.visibilityMask) === 0) continue;
        if (best.length < request.limit) best.push(slot);
        else if (better(slot, best[best.length - 1] as number)) best[best.length - 1] = slot;
        else continue;
        // Insertion keeps `best` sorted; limits are small (suggestions take 3, the CLI its --top).
        for (let at = best.length - 1; at > 0 && better(best[at] as number, best[at - 1] as number); at -= 1) {
          [best[at - 1], best[at]] = [best[at] as number, best[at - 1] as number];
        }
      }
      return best.map((slot) => ({
        slot,
        score: score[slot] as number,
        queryCovered: request.queryMass > 0 ? (covered[slot] as number) / request.queryMass : 0,
        titleMassCovered: titleCovered[slot] as number,
      }));
    },
  };
}
