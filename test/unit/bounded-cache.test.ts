import { describe, expect, it } from 'vitest';
import { createBoundedCache } from '../../core/bounded-cache.ts';

describe('createBoundedCache', () => {
  it('should forget the least recently used entry when it grows past its capacity', () => {
    const cache = createBoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('should replace a value without growing when a key is set again', () => {
    const cache = createBoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe(2);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
  });

  it('should refuse a capacity below one when created', () => {
    expect(() => createBoundedCache(0)).toThrow(RangeError);
  });
});
