import { describe, expect, it } from 'vitest';
import { digestText, formatDuration, type AmbassadorReport } from '../../../core/ambassadors/index.ts';
import { translator } from '../../../core/i18n/index.ts';

const REPORT: AmbassadorReport = {
  communityId: 'acme',
  communityName: 'Acme',
  from: new Date('2026-11-30T07:00:00Z'),
  to: new Date('2026-12-07T07:00:00Z'),
  top: [
    { personId: 'p1', displayName: 'Ann', tierId: 'ambassador', points: 40, previousPoints: 10 },
    { personId: 'p2', displayName: 'Bob', tierId: null, points: 12, previousPoints: 12 },
  ],
  rising: [{ personId: 'p1', displayName: 'Ann', tierId: 'ambassador', points: 40, previousPoints: 10 }],
  newTierHolders: [{ personId: 'p1', displayName: 'Ann', tierId: 'ambassador', at: new Date('2026-12-02T10:00:00Z') }],
  referenceCandidates: [],
};
const tierName = (id: string): string => ({ ambassador: 'Ambassador' })[id] ?? id;

describe('digest text', () => {
  it('should list each section with ranks, tiers and gains, and say so when a section is empty', () => {
    expect(digestText(REPORT, { t: translator('en'), tierName, timeZone: 'Europe/Helsinki' }).split('\n')).toEqual([
      '**Ambassadors of Acme**: 2026-11-30 to 2026-12-07',
      '',
      '**Top helpers**',
      '1. Ann: 40 points (Ambassador)',
      '2. Bob: 12 points',
      '',
      '**Rising helpers**',
      '1. Ann: +30 (40 points, 10 the period before)',
      '',
      '**New tier holders**',
      '- Ann: Ambassador',
      '',
      '**Reference customer candidates**',
      '_Nobody this time._',
    ]);
  });

  it("should be written in the community's language when it is Finnish or Slovak", () => {
    expect(digestText(REPORT, { t: translator(undefined, 'fi'), tierName, timeZone: 'Europe/Helsinki' })).toContain('1. Ann: 40 pistettä (Ambassador)');
    expect(digestText(REPORT, { t: translator(undefined, 'sk'), tierName, timeZone: 'Europe/Bratislava' })).toContain('**Najviac pomáhajúci**');
  });

  it('should word durations in minutes, hours or days by their length', () => {
    const t = translator('en');
    expect(formatDuration(t, 45 * 60_000)).toBe('45 min');
    expect(formatDuration(t, 125 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(t, 27 * 3_600_000)).toBe('1 d 3 h');
    expect(formatDuration(translator('fi'), 27 * 3_600_000)).toBe('1 pv 3 h');
  });

  it('should say why each reference candidate is one when askers thanked or rated well', () => {
    const report: AmbassadorReport = {
      ...REPORT,
      referenceCandidates: [
        { personId: 'p3', displayName: 'Eve', why: 'solved-fast-and-thankful', evidence: '2 questions solved in 1 h median (community 5 h); thanks given: 1' },
        { personId: 'p4', displayName: 'Ivy', why: 'rated-well', evidence: 'rated 5/5, 4/5' },
      ],
    };
    expect(digestText(report, { t: translator('en'), tierName, timeZone: 'Europe/Helsinki' }).split('\n').slice(-3)).toEqual([
      '**Reference customer candidates**',
      '- Eve: 2 questions solved in 1 h median (community 5 h); thanks given: 1',
      '- Ivy: rated 5/5, 4/5',
    ]);
  });
});
