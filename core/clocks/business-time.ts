import { DateTime } from 'luxon';
import type { BusinessHoursConfig } from '../domain/network.ts';
import { HeimoError } from '../errors.ts';

/** One working window of a day, as instants. */
interface Window {
  start: number;
  end: number;
}

const clockTime = (text: string): { hour: number; minute: number } => {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 24 || minute > 59 || (hour === 24 && minute > 0)) {
    throw new HeimoError('CONFIG_INVALID', `business hours need HH:mm times, got "${text}"`);
  }
  return { hour, minute };
};

// A local time of `day`; 24:00 is the next midnight. `set` keeps wall time across DST changes
// (adding hours to midnight would not); a time inside a spring-forward gap moves forward.
const at = (day: DateTime, text: string): number => {
  const { hour, minute } = clockTime(text);
  const local = hour === 24 ? day.plus({ days: 1 }).startOf('day') : day.set({ hour, minute, second: 0, millisecond: 0 });
  return local.toMillis();
};

// The working window of the local day `day` (midnight in the zone), or null on a day off.
const windowOf = (day: DateTime, hours: BusinessHoursConfig): Window | null => {
  if (!hours.days.includes(day.weekday)) return null;
  const start = at(day, hours.start);
  const end = at(day, hours.end);
  return end > start ? { start, end } : null;
};

const localDay = (instant: number, hours: BusinessHoursConfig): DateTime => {
  const day = DateTime.fromMillis(instant, { zone: hours.timeZone });
  if (!day.isValid) throw new HeimoError('CONFIG_INVALID', `unknown time zone "${hours.timeZone}"`);
  return day.startOf('day');
};

const checkDays = (hours: BusinessHoursConfig): void => {
  if (!hours.days.some((day) => Number.isInteger(day) && day >= 1 && day <= 7)) {
    throw new HeimoError('CONFIG_INVALID', 'business hours need at least one weekday (1 = Monday ... 7 = Sunday)');
  }
  if (at(DateTime.fromMillis(0, { zone: 'UTC' }), hours.end) <= at(DateTime.fromMillis(0, { zone: 'UTC' }), hours.start)) {
    throw new HeimoError('CONFIG_INVALID', `business hours end (${hours.end}) must come after start (${hours.start})`);
  }
};

/**
 * The instant `ms` of business time after `start`: time counts only inside the working windows
 * (a start outside them waits for the next opening). Without `hours` the clock runs around the
 * clock. Zero (or less) is `start` itself: nothing is left to wait for.
 */
export function addBusinessTime(start: Date, ms: number, hours?: BusinessHoursConfig): Date {
  if (!hours) return new Date(start.getTime() + ms);
  if (ms <= 0) return new Date(start.getTime());
  checkDays(hours);
  let cursor = start.getTime();
  let left = ms;
  for (let day = localDay(cursor, hours); ; day = day.plus({ days: 1 }).startOf('day')) {
    const window = windowOf(day, hours);
    if (!window || cursor >= window.end) continue;
    cursor = Math.max(cursor, window.start);
    const open = window.end - cursor;
    if (left <= open) return new Date(cursor + left);
    left -= open;
  }
}

/**
 * Business time from `a` to `b` (negative when `b` comes first): the part of the span that falls
 * inside working windows. Without `hours`, plain elapsed time.
 */
export function businessTimeBetween(a: Date, b: Date, hours?: BusinessHoursConfig): number {
  const from = a.getTime();
  const to = b.getTime();
  if (!hours) return to - from;
  if (to < from) return -businessTimeBetween(b, a, hours);
  checkDays(hours);
  let total = 0;
  for (let day = localDay(from, hours); day.toMillis() < to; day = day.plus({ days: 1 }).startOf('day')) {
    const window = windowOf(day, hours);
    if (window) total += Math.max(0, Math.min(window.end, to) - Math.max(window.start, from));
  }
  return total;
}
