/**
 * What Heimo already did in Teams per idempotency key, in this process. Teams' connector has
 * no idempotency key and no way to list a conversation's messages, so this memo is the only
 * check a retry can make: it covers a retry after Heimo's own bookkeeping failed, and a
 * multi-part post that broke halfway (the parts already sent are not sent again).
 */
export interface IdempotencyMemo {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

/** Creates a memo holding the most recent `maxEntries` keys. */
export function createIdempotencyMemo(maxEntries = 5_000): IdempotencyMemo {
  const entries = new Map<string, unknown>();
  return {
    get: <T>(key: string) => entries.get(key) as T | undefined,
    set: (key, value) => {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
  };
}
