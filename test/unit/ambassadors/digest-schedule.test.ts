import { describe, expect, it } from 'vitest';
import { isoWeekOf, nextDigestAt, previousDigestAt } from '../../../core/ambassadors/index.ts';

const HELSINKI = { weekday: 1, hour: 9, timeZone: 'Europe/Helsinki' };

describe('weekly digest time', () => {
  it('should be the coming Monday 09:00 Helsinki time when asked on a Thursday in winter', () => {
    expect(nextDigestAt(HELSINKI, new Date('2026-12-03T12:00:00Z')).toISOString()).toBe('2026-12-07T07:00:00.000Z');
  });

  it('should be a week later when asked at the digest time itself or just after it', () => {
    expect(nextDigestAt(HELSINKI, new Date('2026-12-07T07:00:00Z')).toISOString()).toBe('2026-12-14T07:00:00.000Z');
    expect(nextDigestAt(HELSINKI, new Date('2026-12-07T07:00:01Z')).toISOString()).toBe('2026-12-14T07:00:00.000Z');
    expect(nextDigestAt(HELSINKI, new Date('2026-12-07T06:59:59Z')).toISOString()).toBe('2026-12-07T07:00:00.000Z');
  });

  it('should keep 09:00 local time across the spring DST change when the next Monday is in summer time', () => {
    // Clocks go forward on Sunday 29 March 2026: Monday 23 March is UTC+2, Monday 30 March UTC+3.
    expect(nextDigestAt(HELSINKI, new Date('2026-03-23T07:00:00Z')).toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('should keep 09:00 local time across the autumn DST change when the next Monday is in winter time', () => {
    // Clocks go back on Sunday 25 October 2026.
    expect(nextDigestAt(HELSINKI, new Date('2026-10-22T10:00:00Z')).toISOString()).toBe('2026-10-26T07:00:00.000Z');
    expect(nextDigestAt(HELSINKI, new Date('2026-10-19T06:00:00Z')).toISOString()).toBe('2026-10-26T07:00:00.000Z');
  });

  it('should count the weekday in the community time zone when UTC is still on the day before', () => {
    // Monday 01:00 in Helsinki is Sunday 23:00 UTC.
    const monday = { weekday: 1, hour: 1, timeZone: 'Europe/Helsinki' };
    expect(nextDigestAt(monday, new Date('2026-12-06T12:00:00Z')).toISOString()).toBe('2026-12-06T23:00:00.000Z');
  });

  it('should give the latest digest time at or before a moment when the previous one is asked', () => {
    expect(previousDigestAt(HELSINKI, new Date('2026-12-07T07:30:00Z')).toISOString()).toBe('2026-12-07T07:00:00.000Z');
    expect(previousDigestAt(HELSINKI, new Date('2026-12-07T06:30:00Z')).toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });

  it('should name the ISO week in the community time zone when a digest is recorded', () => {
    expect(isoWeekOf(new Date('2026-12-07T07:00:00Z'), 'Europe/Helsinki')).toBe('2026-W50');
    // Sunday 22:30 UTC is already Monday in Helsinki: the next week.
    expect(isoWeekOf(new Date('2026-12-06T22:30:00Z'), 'Europe/Helsinki')).toBe('2026-W50');
    expect(isoWeekOf(new Date('2026-12-06T22:30:00Z'), 'UTC')).toBe('2026-W49');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53');
  });
});
