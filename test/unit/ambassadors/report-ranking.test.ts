import { describe, expect, it } from 'vitest';
import { fastAndThankful, ratedWell, median, pointsBetween, risingHelpers, sustainedHelpers, topHelpers, type PointsRow } from '../../../core/ambassadors/index.ts';

const row = (personId: string, points: number, previousPoints = 0): PointsRow => ({ personId, points, previousPoints });
const HOUR = 3_600_000;

describe('ambassador report ranking', () => {
  it('should take points in a span as the difference of running totals when totals since both ends are given', () => {
    const sinceFrom = new Map([['ann', 30], ['bob', 12], ['cid', 5]]);
    const sinceTo = new Map([['ann', 10], ['cid', 5]]);
    expect(pointsBetween(sinceFrom, sinceTo)).toEqual(new Map([['ann', 20], ['bob', 12], ['cid', 0]]));
  });

  it('should rank top helpers by points, most first, ties by id, leaving out nobody-scored and cutting at the limit', () => {
    const rows = [row('dan', 5), row('ann', 40), row('cid', 0), row('bob', 40), row('eve', -3), row('fay', 12)];
    expect(topHelpers(rows).map((r) => r.personId)).toEqual(['ann', 'bob', 'fay', 'dan']);
    expect(topHelpers(rows, 2).map((r) => r.personId)).toEqual(['ann', 'bob']);
  });

  it('should rank rising helpers by gain over the previous period when the gain reaches the minimum', () => {
    const rows = [row('ann', 50, 48), row('bob', 20, 2), row('cid', 9, 0), row('dan', 10, 6), row('eve', 30, 12)];
    // ann gained 2 and dan 4 (under 5); bob and eve both gained 18: more points first.
    expect(risingHelpers(rows).map((r) => [r.personId, r.points - r.previousPoints])).toEqual([['eve', 18], ['bob', 18], ['cid', 9]]);
    expect(risingHelpers(rows, 10).map((r) => r.personId)).toEqual(['eve', 'bob']);
  });

  it('should find sustained helpers only when they scored in every week given', () => {
    const weeks = [new Map([['ann', 3], ['bob', 10], ['cid', 4]]), new Map([['ann', 2], ['bob', 10], ['cid', 0]]), new Map([['ann', 5], ['bob', 1]]), new Map([['ann', 1], ['bob', 1], ['dan', 40]])];
    expect(sustainedHelpers(weeks)).toEqual([{ personId: 'bob', points: 22 }, { personId: 'ann', points: 11 }]);
    expect(sustainedHelpers([])).toEqual([]);
  });

  it('should take the middle value or the mean of the two middle values when a median is asked', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it('should pick askers solved faster than the community median with two solved and a thanks when candidates are found', () => {
    const solved = new Map([
      ['fast-thankful', [1 * HOUR, 2 * HOUR]],
      ['fast-silent', [1 * HOUR, 1 * HOUR]],
      ['fast-once', [0.5 * HOUR]],
      // Nine of ten hours: the community median is 10 h, and the slow asker is not below it.
      ['slow-thankful', Array.from({ length: 9 }, () => 10 * HOUR)],
      ['faster-thankful', [0.5 * HOUR, 1 * HOUR, 0.2 * HOUR]],
    ]);
    const all = [...solved.values()].flat();
    const thanks = new Map([['fast-thankful', 2], ['fast-once', 1], ['slow-thankful', 4], ['faster-thankful', 1]]);
    const found = fastAndThankful(solved, all, thanks);
    expect(found.map((candidate) => candidate.personId)).toEqual(['faster-thankful', 'fast-thankful']);
    expect(found[1]).toEqual({ personId: 'fast-thankful', solved: 2, medianMs: 1.5 * HOUR, communityMedianMs: 10 * HOUR, thanks: 2 });
  });

  it('should find no candidate when nothing was solved in the period', () => {
    expect(fastAndThankful(new Map(), [], new Map([['ann', 3]]))).toEqual([]);
  });

  it('should pick askers whose ratings of the period were all 4 or 5, most ratings then best mean first, and leave out any with a poorer one', () => {
    const scores = new Map([
      ['one-five', [5]],
      ['two-fours', [4, 4]],
      ['five-and-four', [4, 5]],
      ['two-of-five', [2]],
      ['mixed', [5, 5, 2]],
      ['none', []],
    ]);
    expect(ratedWell(scores)).toEqual([
      { personId: 'five-and-four', scores: [5, 4] },
      { personId: 'two-fours', scores: [4, 4] },
      { personId: 'one-five', scores: [5] },
    ]);
  });
});
