import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween } from '../../../core/clocks/index.ts';
import type { BusinessHoursConfig } from '../../../core/domain/network.ts';
import { hasCode } from '../../../core/errors.ts';

const HELSINKI: BusinessHoursConfig = { timeZone: 'Europe/Helsinki', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
const HOUR = 3_600_000;
const MINUTE = 60_000;

// A local Helsinki time as an instant, and an instant back as local text, so cases read as people say them.
const hki = (local: string): Date => DateTime.fromISO(local, { zone: 'Europe/Helsinki' }).toJSDate();
const local = (date: Date, zone = 'Europe/Helsinki'): string => DateTime.fromJSDate(date, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm");

describe('addBusinessTime', () => {
  it('should land on Monday 09:30 when an hour is added on Friday 16:30', () => {
    expect(local(addBusinessTime(hki('2026-12-04T16:30'), HOUR, HELSINKI))).toBe('Mon 2026-12-07T09:30');
  });

  it('should stay within the day when the time fits before closing', () => {
    expect(local(addBusinessTime(hki('2026-12-02T10:00'), 2 * HOUR, HELSINKI))).toBe('Wed 2026-12-02T12:00');
  });

  it('should end exactly at closing when the time fills the rest of the day', () => {
    expect(local(addBusinessTime(hki('2026-12-02T16:00'), HOUR, HELSINKI))).toBe('Wed 2026-12-02T17:00');
  });

  it('should wait for the opening when the start is before hours', () => {
    expect(local(addBusinessTime(hki('2026-12-02T06:15'), 30 * MINUTE, HELSINKI))).toBe('Wed 2026-12-02T09:30');
  });

  it('should wait for the next working day when the start is after hours', () => {
    expect(local(addBusinessTime(hki('2026-12-02T19:00'), HOUR, HELSINKI))).toBe('Thu 2026-12-03T10:00');
  });

  it('should skip the weekend when the start is on a Saturday', () => {
    expect(local(addBusinessTime(hki('2026-12-05T12:00'), HOUR, HELSINKI))).toBe('Mon 2026-12-07T10:00');
  });

  it('should carry over several days when the time is longer than a working day', () => {
    // 20 h from Thursday 09:00: Thu 8 h, Fri 8 h, Mon 4 h.
    expect(local(addBusinessTime(hki('2026-12-03T09:00'), 20 * HOUR, HELSINKI))).toBe('Mon 2026-12-07T13:00');
  });

  it('should skip days outside the configured days when a team works only some weekdays', () => {
    const tuesdays = { ...HELSINKI, days: [2] };
    expect(local(addBusinessTime(hki('2026-12-02T10:00'), HOUR, tuesdays))).toBe('Tue 2026-12-08T10:00');
  });

  it('should count weekend days when the team works every day', () => {
    const everyDay = { ...HELSINKI, days: [1, 2, 3, 4, 5, 6, 7] };
    expect(local(addBusinessTime(hki('2026-12-04T16:30'), HOUR, everyDay))).toBe('Sat 2026-12-05T09:30');
  });

  it('should return the start itself when zero time is added inside or outside hours', () => {
    const inside = hki('2026-12-02T10:00');
    const outside = hki('2026-12-05T23:00');
    expect(addBusinessTime(inside, 0, HELSINKI).getTime()).toBe(inside.getTime());
    expect(addBusinessTime(outside, 0, HELSINKI).getTime()).toBe(outside.getTime());
  });

  it('should run on the wall clock when no business hours are given', () => {
    const start = new Date('2026-12-04T16:30:00Z');
    expect(addBusinessTime(start, 3 * HOUR).toISOString()).toBe('2026-12-04T19:30:00.000Z');
  });

  it('should keep local opening hours across the spring DST change when the clocks jump forward', () => {
    // Helsinki moves from +02:00 to +03:00 on Sunday 2027-03-28.
    const due = addBusinessTime(hki('2027-03-26T16:00'), 2 * HOUR, HELSINKI);
    expect(local(due)).toBe('Mon 2027-03-29T10:00');
    expect(due.toISOString()).toBe('2027-03-29T07:00:00.000Z');
  });

  it('should keep local opening hours across the autumn DST change when the clocks fall back', () => {
    // Helsinki moves from +03:00 to +02:00 on Sunday 2026-10-25.
    const due = addBusinessTime(hki('2026-10-23T16:00'), 2 * HOUR, HELSINKI);
    expect(local(due)).toBe('Mon 2026-10-26T10:00');
    expect(due.toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('should count the real length of a working day when it spans a DST change', () => {
    // A night shift 00:00-06:00 on the night Helsinki springs forward at 03:00 is only 5 h long.
    const night: BusinessHoursConfig = { timeZone: 'Europe/Helsinki', days: [7], start: '00:00', end: '06:00' };
    const due = addBusinessTime(hki('2027-03-28T00:00'), 5 * HOUR, night);
    expect(local(due)).toBe('Sun 2027-03-28T06:00');
  });

  it('should honour the team time zone when the start is given in another zone', () => {
    const newYork: BusinessHoursConfig = { timeZone: 'America/New_York', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
    // 2026-12-04T21:30Z is Friday 16:30 in New York.
    expect(local(addBusinessTime(new Date('2026-12-04T21:30:00Z'), HOUR, newYork), 'America/New_York')).toBe('Mon 2026-12-07T09:30');
  });

  it('should reject the hours when no weekday is given', () => {
    let error: unknown;
    try {
      addBusinessTime(new Date(), HOUR, { ...HELSINKI, days: [] });
    } catch (caught) {
      error = caught;
    }
    expect(hasCode(error, 'CONFIG_INVALID')).toBe(true);
  });
});

describe('businessTimeBetween', () => {
  it('should count only the working hours when the span covers a weekend', () => {
    expect(businessTimeBetween(hki('2026-12-04T16:30'), hki('2026-12-07T09:30'), HELSINKI)).toBe(HOUR);
  });

  it('should be zero when both ends are outside hours on the same night', () => {
    expect(businessTimeBetween(hki('2026-12-02T18:00'), hki('2026-12-03T08:00'), HELSINKI)).toBe(0);
  });

  it('should be negative when the second instant comes first', () => {
    expect(businessTimeBetween(hki('2026-12-07T09:30'), hki('2026-12-04T16:30'), HELSINKI)).toBe(-HOUR);
  });

  it('should be the wall-clock difference when no hours are given', () => {
    expect(businessTimeBetween(new Date(0), new Date(5 * HOUR))).toBe(5 * HOUR);
  });

  it('should undo addBusinessTime when measured from the start to the due time', () => {
    const starts = ['2026-12-04T16:30', '2026-12-05T03:00', '2027-03-26T15:10', '2026-10-23T08:00'];
    for (const start of starts) {
      for (const ms of [MINUTE, HOUR, 9 * HOUR, 41 * HOUR + 7 * MINUTE]) {
        const due = addBusinessTime(hki(start), ms, HELSINKI);
        expect(businessTimeBetween(hki(start), due, HELSINKI)).toBe(ms);
      }
    }
  });
});
