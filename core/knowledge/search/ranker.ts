import type { ResolvedSearchConfig } from './config.ts';
import { FIELDS, type DocumentTable } from './documents.ts';
import type { Term } from './postings.ts';

/** A query term found in the index, with its weight in the query and its current IDF. */
export interface WeightedTerm {
  term: Term;
  weight: number;
  idf: number;
}

/** What to rank: terms, and who may see what. */
export interface RankRequest {
  terms: readonly WeightedTerm[];
  /** Interned community to keep, or null for every community. */
  community: number | null;
  visibilityMask: number;
  limit: number;
}

/** A ranked document and its BM25F score. */
export interface Candidate {
  slot: number;
  score: number;
}

/** BM25's inverse document frequency (never negative). */
export function idf(documentFrequency: number, documents: number): number {
  return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Scores documents term at a time into one reusable accumulator (a slot's score is 0 until this
 * query touches it, and touched slots are zeroed again afterwards, so nothing is cleared in bulk),
 * skipping documents the filters exclude, and keeps the best `limit`, ties broken by id so that load
 * order never changes a result. Everything else (coverage, confidence) is left to the few winners:
 * the inner loop is the cost of a query.
 */
export function createRanker(table: DocumentTable, config: ResolvedSearchConfig, idOf: (slot: number) => string) {
  let score = new Float64Array(0);
  const touched: number[] = [];
  const norms = createLengthNorms(table, config.b);
  const { title, question, answer, keys, grams } = config.fields;
  const { k1 } = config;

  const accumulate = ({ term, weight, idf: termIdf }: WeightedTerm, community: number, visibilityMask: number): void => {
    const [nTitle, nQuestion, nAnswer, nKeys, nGrams] = norms.current() as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    const { visibility } = table;
    const communities = table.community;
    const { entries, gram } = term;
    const end = term.length * 2;
    const mass = weight * termIdf;
    for (let at = 0; at < end; at += 2) {
      const slot = entries[at] as number;
      if (((visibility[slot] as number) & visibilityMask) === 0) continue;
      if (community >= 0 && communities[slot] !== community) continue;
      const packed = entries[at + 1] as number;
      let tf = 0;
      if (gram) {
        tf = grams * (packed & 255) * (nGrams[slot] as number);
      } else {
        const t = packed & 255, q = (packed >>> 8) & 255, a = (packed >>> 16) & 255, k = packed >>> 24;
        if (t) tf += title * t * (nTitle[slot] as number);
        if (q) tf += question * q * (nQuestion[slot] as number);
        if (a) tf += answer * a * (nAnswer[slot] as number);
        if (k) tf += keys * k * (nKeys[slot] as number);
      }
      if (tf === 0) continue;
      const before = score[slot] as number;
      if (before === 0) touched.push(slot);
      score[slot] = before + (mass * tf) / (k1 + tf);
    }
  };

  const better = (left: number, right: number): boolean =>
    (score[left] as number) > (score[right] as number) ||
    (score[left] === score[right] && idOf(left) < idOf(right));

  return {
    /** The best `limit` documents for the request, best first. */
    rank(request: RankRequest): Candidate[] {
      if (score.length < table.slots) score = new Float64Array(Math.max(table.slots, score.length * 2, 1024));
      touched.length = 0;
      for (const term of request.terms) accumulate(term, request.community ?? -1, request.visibilityMask);
      const best: number[] = [];
      for (const slot of touched) {
        if (best.length < request.limit) best.push(slot);
        else if (better(slot, best[best.length - 1] as number)) best[best.length - 1] = slot;
        else continue;
        // Insertion keeps `best` sorted; limits are small (suggestions take 3, the CLI its --top).
        for (let at = best.length - 1; at > 0 && better(best[at] as number, best[at - 1] as number); at -= 1) {
          [best[at - 1], best[at]] = [best[at] as number, best[at - 1] as number];
        }
      }
      const ranked = best.map((slot) => ({ slot, score: score[slot] as number }));
      for (const slot of touched) score[slot] = 0;
      return ranked;
    },
  };
}

/**
 * BM25 length normalisation per slot and field, 1 / (1 - b + b * length / average), kept in arrays
 * so the inner loop multiplies instead of divides. Recomputed whole when an average or the slot
 * numbering changed (after upserts or a compaction; about a millisecond per 100,000 documents),
 * else only for new slots: always exactly what the current documents give, whatever their order.
 */
function createLengthNorms(table: DocumentTable, b: number) {
  let arrays: Float32Array[] = FIELDS.map(() => new Float32Array(0));
  let averages: number[] = [];
  let slots = 0;
  let compactions = -1;
  return {
    current(): Float32Array[] {
      const now = FIELDS.map((_, field) => table.averageLength(field));
      const same = compactions === table.compactions && now.every((average, field) => average === averages[field]);
      if (same && slots === table.slots) return arrays;
      if ((arrays[0]?.length ?? 0) < table.slots) {
        const size = Math.max(table.slots, (arrays[0]?.length ?? 0) * 2, 1024);
        arrays = arrays.map((old) => {
          const grown = new Float32Array(size);
          grown.set(old);
          return grown;
        });
      }
      const from = same ? slots : 0;
      FIELDS.forEach((_, field) => {
        const norm = arrays[field] as Float32Array;
        const lengths = table.lengths[field] as Float32Array;
        const scale = b / (now[field] as number);
        for (let slot = from; slot < table.slots; slot += 1) norm[slot] = 1 / (1 - b + scale * (lengths[slot] as number));
      });
      averages = now;
      slots = table.slots;
      compactions = table.compactions;
      return arrays;
    },
  };
}
