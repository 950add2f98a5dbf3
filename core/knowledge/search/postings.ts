/**
 * The inverted index: for each term, the document slots that contain it with their per-field
 * counts. Entries are packed two 32-bit words each (slot, counts) in one growable Uint32Array per
 * term, so 100,000 articles fit in tens of megabytes rather than millions of small objects.
 */
export interface Term {
  readonly id: number;
  readonly text: string;
  /** Character n-gram terms live in the `grams` field only; word terms in title/question/answer/keys. */
  readonly gram: boolean;
  /** Live documents containing the term. */
  df: number;
  /** [slot, packed counts] pairs; only the first `length` pairs are used. */
  entries: Uint32Array;
  length: number;
}

/** The largest count a field can hold per entry (8 bits each); more says nothing new to BM25. */
export const MAX_FIELD_COUNT = 255;

/** Packs per-field counts (title, question, answer, keys; or the n-gram count) into one word. */
export function packCounts(counts: readonly number[]): number {
  let packed = 0;
  for (let field = 0; field < 4; field += 1) packed |= Math.min(counts[field] ?? 0, MAX_FIELD_COUNT) << (field * 8);
  return packed >>> 0;
}

/** The term dictionary with its postings. */
export interface Postings {
  /** The term, created on first use. */
  intern(text: string, gram: boolean): Term;
  find(text: string): Term | undefined;
  byId(id: number): Term;
  append(term: Term, slot: number, packed: number): void;
  /** Renumbers slots after compaction: entries whose slot maps to -1 are dropped. */
  renumber(remap: Int32Array): void;
  readonly termCount: number;
  /** Bytes held by entry arrays (for the benchmark's memory report). */
  entryBytes(): number;
}

/** Creates an empty term dictionary. */
export function createPostings(): Postings {
  const byText = new Map<string, Term>();
  const all: Term[] = [];
  return {
    intern(text, gram) {
      let term = byText.get(text);
      if (!term) {
        term = { id: all.length, text, gram, df: 0, entries: new Uint32Array(4), length: 0 };
        byText.set(text, term);
        all.push(term);
      }
      return term;
    },
    find: (text) => byText.get(text),
    byId(id) {
      const term = all[id];
      if (!term) throw new RangeError(`unknown term id ${id}`);
      return term;
    },
    append(term, slot, packed) {
      if ((term.length + 1) * 2 > term.entries.length) {
        // Growing by a quarter (not doubling) wastes less of the 100,000-article index (~150 MiB
        // of entries instead of ~185) at no measurable cost to build time.
        const grown = new Uint32Array(term.entries.length + Math.max(4, (term.entries.length >> 2) & ~1));
        grown.set(term.entries);
        term.entries = grown;
      }
      term.entries[term.length * 2] = slot;
      term.entries[term.length * 2 + 1] = packed;
      term.length += 1;
    },
    renumber(remap) {
      for (const term of all) {
        let kept = 0;
        for (let at = 0; at < term.length; at += 1) {
          const slot = remap[term.entries[at * 2] ?? 0] ?? -1;
          if (slot < 0) continue;
          term.entries[kept * 2] = slot;
          term.entries[kept * 2 + 1] = term.entries[at * 2 + 1] ?? 0;
          kept += 1;
        }
        term.length = kept;
        // Shrink what deletions emptied, so a long-lived index does not keep its peak size.
        if (term.entries.length > 8 && kept * 4 < term.entries.length) term.entries = term.entries.slice(0, Math.max(4, kept * 2));
      }
    },
    get termCount() {
      return all.length;
    },
    entryBytes: () => all.reduce((sum, term) => sum + term.entries.byteLength, 0),
  };
}
