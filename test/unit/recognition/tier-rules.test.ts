import { describe, expect, it } from 'vitest';
import { DEFAULT_CREDITS } from '../../../core/domain/network.ts';
import { mappedRoles, moveOf, nextDemotion, rankOf, tierFor } from '../../../core/recognition/index.ts';

const TIERS = [
  { id: 'helper', name: 'Helper', threshold: 10, discordRoleId: 'r-helper' },
  { id: 'ambassador', name: 'Ambassador', threshold: 50 },
  { id: 'champion', name: 'Champion', threshold: 150, discordRoleId: 'r-champion' },
];

describe('tier rules', () => {
  it('should reach the highest tier whose threshold the points meet when points are at or between thresholds', () => {
    expect(tierFor(TIERS, 0)).toBeNull();
    expect(tierFor(TIERS, 9)).toBeNull();
    expect(tierFor(TIERS, 10)?.id).toBe('helper');
    expect(tierFor(TIERS, 49)?.id).toBe('helper');
    expect(tierFor(TIERS, 50)?.id).toBe('ambassador');
    expect(tierFor(TIERS, 10_000)?.id).toBe('champion');
    expect(tierFor(TIERS, -5)).toBeNull();
  });

  it('should order tiers by threshold when the list is not sorted', () => {
    const shuffled = [TIERS[2]!, TIERS[0]!, TIERS[1]!];
    expect(tierFor(shuffled, 60)?.id).toBe('ambassador');
    expect(rankOf(shuffled, 'champion')).toBe(2);
    expect(rankOf(shuffled, 'helper')).toBe(0);
  });

  it('should promote up, demote down and keep level when the reached tier is compared with the held one', () => {
    expect(moveOf(TIERS, null, 'helper')).toBe('promote');
    expect(moveOf(TIERS, 'helper', 'champion')).toBe('promote');
    expect(moveOf(TIERS, 'champion', 'helper')).toBe('demote');
    expect(moveOf(TIERS, 'helper', null)).toBe('demote');
    expect(moveOf(TIERS, 'ambassador', 'ambassador')).toBe('keep');
    expect(moveOf(TIERS, null, null)).toBe('keep');
  });

  it('should replace a tier the network file no longer lists when any tier or none is reached', () => {
    expect(moveOf(TIERS, 'legend', 'helper')).toBe('promote');
    expect(moveOf(TIERS, 'legend', null)).toBe('demote');
  });

  it('should manage only the roles tiers map when some tiers have no role', () => {
    expect([...mappedRoles(TIERS)].sort()).toEqual(['r-champion', 'r-helper']);
    expect(DEFAULT_CREDITS.tiers.map((tier) => tierFor(DEFAULT_CREDITS.tiers, tier.threshold)?.id)).toEqual(['helper', 'ambassador', 'champion']);
  });
});

describe('next demotion date', () => {
  it('should be midnight UTC on the first of the next month when demotions are monthly', () => {
    expect(nextDemotion(new Date('2026-12-03T15:00:00Z'), 'month').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(nextDemotion(new Date('2026-01-31T23:59:59Z'), 'month').toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(nextDemotion(new Date('2026-02-28T12:00:00Z'), 'month').toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('should move on to the following month when now is exactly a due time', () => {
    expect(nextDemotion(new Date('2026-03-01T00:00:00Z'), 'month').toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });

  it('should use the UTC date when the local evening is already the next day in UTC', () => {
    // 23:30 at UTC-2 on 30 April is 01:30 UTC on 1 May: the next run is 1 June.
    expect(nextDemotion(new Date('2026-04-30T23:30:00-02:00'), 'month').toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });

  it('should be the next Monday at midnight UTC when demotions are weekly', () => {
    // 2026-12-03 is a Thursday.
    expect(nextDemotion(new Date('2026-12-03T15:00:00Z'), 'week').toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(nextDemotion(new Date('2026-12-06T23:59:00Z'), 'week').toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(nextDemotion(new Date('2026-12-07T00:00:00Z'), 'week').toISOString()).toBe('2026-12-14T00:00:00.000Z');
    expect(nextDemotion(new Date('2026-12-28T10:00:00Z'), 'week').toISOString()).toBe('2027-01-04T00:00:00.000Z');
  });
});
