import { describe, expect, it } from 'vitest';
import { HeimoError } from '../../../core/errors.ts';
import { checkScore, inCooldown, isSampled, samplePoint, SCORES } from '../../../core/satisfaction/index.ts';

const DAY = 86_400_000;
const ids = Array.from({ length: 2_000 }, (_, index) => `conversation-${index}`);

describe('survey rules: sampling', () => {
  it('should place a conversation at the same point every time when asked again', () => {
    expect(samplePoint('c-42')).toBe(samplePoint('c-42'));
    expect(samplePoint('c-42')).not.toBe(samplePoint('c-43'));
  });

  it('should keep every point in [0, 1) when many ids are placed', () => {
    for (const id of ids) {
      const point = samplePoint(id);
      expect(point).toBeGreaterThanOrEqual(0);
      expect(point).toBeLessThan(1);
    }
  });

  it('should take every question when the rate is 1 and none when it is 0', () => {
    expect(ids.every((id) => isSampled(id, 1))).toBe(true);
    expect(ids.some((id) => isSampled(id, 0))).toBe(false);
  });

  it('should take about the share the rate says when the rate is between 0 and 1', () => {
    const share = ids.filter((id) => isSampled(id, 0.3)).length / ids.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });

  it('should keep a sampled question sampled when the rate is raised', () => {
    const atLow = ids.filter((id) => isSampled(id, 0.2));
    expect(atLow.every((id) => isSampled(id, 0.6))).toBe(true);
  });
});

describe('survey rules: cooldown', () => {
  const now = new Date('2026-12-03T12:00:00.000Z');

  it('should not hold back an asker when they were never asked', () => {
    expect(inCooldown(null, now, 30 * DAY)).toBe(false);
  });

  it('should hold back an asker when they were asked inside the cooldown', () => {
    expect(inCooldown(new Date(now.getTime() - 29 * DAY), now, 30 * DAY)).toBe(true);
  });

  it('should ask again when the cooldown has passed exactly or more', () => {
    expect(inCooldown(new Date(now.getTime() - 30 * DAY), now, 30 * DAY)).toBe(false);
    expect(inCooldown(new Date(now.getTime() - 45 * DAY), now, 30 * DAY)).toBe(false);
  });
});

describe('survey rules: scores', () => {
  it('should accept the whole numbers 1 to 5 when given as numbers or digits', () => {
    expect(SCORES).toEqual([1, 2, 3, 4, 5]);
    for (const score of SCORES) {
      expect(checkScore(score)).toBe(score);
      expect(checkScore(String(score))).toBe(score);
    }
    expect(checkScore(' 4 ')).toBe(4);
  });

  it('should refuse with BAD_INPUT when the score is outside 1-5, not whole or not a number', () => {
    for (const score of [0, 6, -1, 4.5, Number.NaN, '4.5', 'five', '', null, undefined]) {
      const error = (() => {
        try {
          checkScore(score);
          return undefined;
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, `score ${String(score)}`).toBeInstanceOf(HeimoError);
      expect((error as HeimoError).code).toBe('BAD_INPUT');
    }
  });
});
