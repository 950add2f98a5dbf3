import { describe, expect, it } from 'vitest';
import { bothRecent, capRefusal, dayStart, inferThanked, type ThreadMessage } from '../../../core/credits/credit-rules.ts';
import { findRing, type CreditEdge } from '../../../core/credits/ring-rules.ts';

const RING = { windowMs: 30 * 86_400_000, minCredits: 4, share: 0.6, maxSize: 3 };
const t0 = new Date('2026-12-03T12:00:00Z');
const msg = (id: string, userId: string, minutesAgo: number, more: Partial<ThreadMessage['author']> & { deleted?: boolean } = {}): ThreadMessage => ({
  id, writtenAt: new Date(t0.getTime() - minutesAgo * 60_000), deleted: more.deleted ?? false,
  author: { platform: 'discord', userId, isBot: more.isBot ?? false, isAsker: more.isAsker ?? false },
});
const edges = (...pairs: [string | null, string, number][]): CreditEdge[] => pairs.flatMap(([giver, receiver, n]) => Array.from({ length: n }, () => ({ giver, receiver })));

describe('credit rules', () => {
  it('should start the day at UTC midnight when asked for a time late in the day', () => {
    expect(dayStart(new Date('2026-12-03T23:59:59Z')).toISOString()).toBe('2026-12-03T00:00:00.000Z');
  });

  it('should refuse by the receiver cap before the giver cap, and never an accepted answer', () => {
    const rules = { receiverDailyCap: 10, giverDailyCap: 5 };
    expect(capRefusal(rules, { reason: 'thanks', points: 3, receivedToday: 8, givenToday: 4 })).toBe('receiver-cap');
    expect(capRefusal(rules, { reason: 'thanks', points: 3, receivedToday: 0, givenToday: 3 })).toBe('giver-cap');
    expect(capRefusal(rules, { reason: 'thanks', points: 3, receivedToday: 7, givenToday: 2 })).toBeNull();
    expect(capRefusal(rules, { reason: 'answer.accepted.routed', points: 15, receivedToday: 100, givenToday: 100 })).toBeNull();
    expect(capRefusal({ receiverDailyCap: 0, giverDailyCap: 0 }, { reason: 'thanks', points: 3, receivedToday: 999, givenToday: 999 })).toBeNull();
  });

  it('should infer the latest helper who is neither the asker nor a bot when the asker thanks without naming anyone', () => {
    const thread = [msg('q', 'ann', 60, { isAsker: true }), msg('a1', 'max', 50), msg('a2', 'eve', 40), msg('b', 'bot', 30, { isBot: true }), msg('t', 'ann', 0, { isAsker: true }), msg('late', 'zed', -5)];
    expect(inferThanked(thread, 't', { platform: 'discord', userId: 'ann' })).toEqual({ platform: 'discord', userId: 'eve' });
    expect(inferThanked(thread, 'a2', { platform: 'discord', userId: 'eve' })).toBeNull();
  });

  it('should skip a deleted reply when inferring whom the asker thanked', () => {
    const thread = [msg('q', 'ann', 60, { isAsker: true }), msg('a1', 'max', 50), msg('a2', 'eve', 40, { deleted: true }), msg('t', 'ann', 0, { isAsker: true })];
    expect(inferThanked(thread, 't', { platform: 'discord', userId: 'ann' })).toEqual({ platform: 'discord', userId: 'max' });
  });

  it('should count a thanks only when both wrote within the recent window', () => {
    const thread = [msg('q', 'ann', 60), msg('a', 'max', 3 * 24 * 60)];
    expect(bothRecent(thread, { platform: 'discord', userId: 'ann' }, { platform: 'discord', userId: 'max' }, t0, 7 * 86_400_000)).toBe(true);
    expect(bothRecent(thread, { platform: 'discord', userId: 'ann' }, { platform: 'discord', userId: 'max' }, t0, 86_400_000)).toBe(false);
  });
});

describe('ring detection', () => {
  it('should find a pair crediting mostly each other when they exchange enough credits', () => {
    expect(findRing(['a', 'b'], edges(['a', 'b', 2], ['b', 'a', 2], ['x', 'a', 1]), RING)).toEqual({ members: ['a', 'b'], credits: 4, share: 0.8 });
  });

  it('should find nothing when too few credits pass between them, or most come from others', () => {
    expect(findRing(['a', 'b'], edges(['a', 'b', 2], ['b', 'a', 1]), RING)).toBeNull();
    expect(findRing(['a', 'b'], edges(['a', 'b', 2], ['b', 'a', 2], ['x', 'a', 2], ['y', 'b', 2], ['z', 'b', 1]), RING)).toBeNull();
  });

  it('should not call a one-way fan a ring when one person credits another many times', () => {
    expect(findRing(['a', 'b'], edges(['a', 'b', 6]), RING)).toBeNull();
  });

  it('should find a triangle when three people credit each other round', () => {
    const found = findRing(['a', 'b'], edges(['a', 'b', 2], ['b', 'c', 2], ['c', 'a', 2]), RING);
    expect(found).toEqual({ members: ['a', 'b', 'c'], credits: 6, share: 1 });
  });

  it('should look no further than maxSize people when a larger circle credits itself', () => {
    expect(findRing(['a', 'b'], edges(['a', 'b', 2], ['b', 'c', 2], ['c', 'd', 2], ['d', 'a', 2]), RING)).toBeNull();
    expect(findRing(['a', 'b'], edges(['a', 'b', 2], ['b', 'c', 2], ['c', 'd', 2], ['d', 'a', 2]), { ...RING, maxSize: 4 })).toMatchObject({ members: ['a', 'b', 'c', 'd'] });
  });
});
