import type { ArticleVisibility } from '../port.ts';

/** Indexed fields in the order their lengths are kept: title, question, answer, keys, grams. */
export const FIELDS = ['title', 'question', 'answer', 'keys', 'grams'] as const;

/** Visibilities as bits, so a query's allowed set is one mask test per candidate. */
export const VISIBILITY_BIT: Readonly<Record<ArticleVisibility, number>> = { public: 1, community: 2, staff: 4 };

/** What a hit reports about its document. */
export interface SlotInfo {
  readonly id: string;
  readonly sourceId: string | null;
  readonly title: string;
  /** Unique term ids of the document (to undo its document frequencies when it goes). */
  readonly terms: Uint32Array;
  /** Unique word term ids of its title (how much of the title a query covers). */
  readonly titleTerms: Uint32Array;
}

/**
 * Document slots: a removed document's slot is only marked dead (its postings stay until
 * compaction), so removal costs as little as an insert. Per-slot numbers live in typed arrays the
 * ranker reads in its inner loop.
 */
export interface DocumentTable {
  add(info: SlotInfo, communityId: string, visibility: ArticleVisibility, lengths: readonly number[]): number;
  slotOf(id: string): number | undefined;
  /** Marks a slot dead and returns what it held. */
  kill(slot: number): SlotInfo;
  info(slot: number): SlotInfo;
  /** The interned number of a community, or -1 when no document has it. */
  communityNumber(communityId: string): number;
  /** Average length of a field over live documents (at least 1, so empty fields divide safely). */
  averageLength(field: number): number;
  /** Drops dead slots; returns old slot -> new slot (-1: dropped). */
  compact(): Int32Array;
  /** Counts, kept by the table itself: live documents, dead slots, slots in use, compactions. */
  live: number;
  compactions: number;
  dead: number;
  slots: number;
  alive: Uint8Array;
  community: Int32Array;
  /** Visibility bit per slot; 0 for a dead slot, so one test skips both. */
  visibility: Uint8Array;
  lengths: Float32Array[];
}

/** Creates an empty document table. */
export function createDocumentTable(): DocumentTable {
  let capacity = 1024;
  const infos: (SlotInfo | null)[] = [];
  const bySlotId = new Map<string, number>();
  const communities = new Map<string, number>();
  const sums = FIELDS.map(() => 0);
  const grow = <T extends Uint8Array | Int32Array | Float32Array>(array: T, make: (size: number) => T): T => {
    const grown = make(capacity);
    grown.set(array);
    return grown;
  };
  const table: DocumentTable = {
    live: 0,
    compactions: 0,
    dead: 0,
    slots: 0,
    alive: new Uint8Array(capacity),
    community: new Int32Array(capacity),
    visibility: new Uint8Array(capacity),
    lengths: FIELDS.map(() => new Float32Array(capacity)),
    add(info, communityId, visibility, lengths) {
      if (table.slots === capacity) {
        capacity *= 2;
        table.alive = grow(table.alive, (size) => new Uint8Array(size));
        table.community = grow(table.community, (size) => new Int32Array(size));
        table.visibility = grow(table.visibility, (size) => new Uint8Array(size));
        table.lengths = table.lengths.map((array) => grow(array, (size) => new Float32Array(size)));
      }
      const slot = table.slots++;
      if (!communities.has(communityId)) communities.set(communityId, communities.size);
      infos[slot] = info;
      bySlotId.set(info.id, slot);
      table.alive[slot] = 1;
      table.community[slot] = communities.get(communityId) ?? -1;
      table.visibility[slot] = VISIBILITY_BIT[visibility];
      FIELDS.forEach((_, field) => {
        const length = lengths[field] ?? 0;
        (table.lengths[field] as Float32Array)[slot] = length;
        sums[field] = (sums[field] ?? 0) + length;
      });
      table.live += 1;
      return slot;
    },
    slotOf: (id) => bySlotId.get(id),
    kill(slot) {
      const info = table.info(slot);
      table.alive[slot] = 0;
      table.visibility[slot] = 0;
      bySlotId.delete(info.id);
      FIELDS.forEach((_, field) => (sums[field] = (sums[field] ?? 0) - (table.lengths[field]?.[slot] ?? 0)));
      infos[slot] = null;
      table.live -= 1;
      table.dead += 1;
      return info;
    },
    info(slot) {
      const info = infos[slot];
      if (!info) throw new RangeError(`slot ${slot} holds no document`);
      return info;
    },
    communityNumber: (communityId) => communities.get(communityId) ?? -1,
    averageLength: (field) => Math.max(1, (sums[field] ?? 0) / Math.max(1, table.live)),
    compact() {
      const remap = new Int32Array(table.slots).fill(-1);
      let next = 0;
      for (let slot = 0; slot < table.slots; slot += 1) {
        const info = infos[slot];
        if (!info) continue;
        remap[slot] = next;
        infos[next] = info;
        bySlotId.set(info.id, next);
        table.alive[next] = 1;
        table.community[next] = table.community[slot] ?? -1;
        table.visibility[next] = table.visibility[slot] ?? 0;
        for (const array of table.lengths) array[next] = array[slot] ?? 0;
        next += 1;
      }
      infos.length = next;
      table.alive.fill(0, next);
      table.visibility.fill(0, next);
      table.slots = next;
      table.dead = 0;
      table.compactions += 1;
      return remap;
    },
  };
  return table;
}
