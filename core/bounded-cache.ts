/** A map that keeps at most `capacity` entries, forgetting the least recently used first. */
export interface BoundedCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): void;
  readonly size: number;
}

/**
 * Creates a least-recently-used cache on a Map (whose iteration order is insertion order: a hit is
 * re-inserted, so the first key is always the coldest). For what the hot path would otherwise
 * re-read from PostgreSQL on every message.
 */
export function createBoundedCache<K, V>(capacity: number): BoundedCache<K, V> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  const entries = new Map<K, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) {
        const coldest = entries.keys().next();
        if (!coldest.done) entries.delete(coldest.value);
      }
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
