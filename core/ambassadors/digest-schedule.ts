import { DateTime } from 'luxon';
import type { DigestConfig } from '../domain/network.ts';

// When a community's weekly digest is due: the next configured weekday and hour in its own time
// zone. Luxon does the calendar arithmetic, so the hour stays the local hour across DST changes
// (09:00 in Helsinki is 07:00 UTC in winter and 06:00 UTC in summer).

/** The timer kind of the weekly digest (`jobs.onTimer`). */
export const DIGEST_TIMER = 'ambassadors.digest';

/** The key of a community's digest timer. */
export const digestKey = (communityId: string): string => `${DIGEST_TIMER}:${communityId}`;

const slotInWeekOf = (moment: DateTime, digest: Pick<DigestConfig, 'weekday' | 'hour'>): DateTime =>
  moment.set({ weekday: digest.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7, hour: digest.hour, minute: 0, second: 0, millisecond: 0 });

/** The first digest time strictly after `after`. */
export function nextDigestAt(digest: Pick<DigestConfig, 'weekday' | 'hour' | 'timeZone'>, after: Date): Date {
  const local = DateTime.fromJSDate(after, { zone: digest.timeZone });
  let slot = slotInWeekOf(local, digest);
  if (slot.toMillis() <= after.getTime()) slot = slotInWeekOf(local.plus({ weeks: 1 }), digest);
  return slot.toJSDate();
}

/** The latest digest time at or before `at`. */
export function previousDigestAt(digest: Pick<DigestConfig, 'weekday' | 'hour' | 'timeZone'>, at: Date): Date {
  const local = DateTime.fromJSDate(at, { zone: digest.timeZone });
  let slot = slotInWeekOf(local, digest);
  if (slot.toMillis() > at.getTime()) slot = slotInWeekOf(local.minus({ weeks: 1 }), digest);
  return slot.toJSDate();
}

/** The ISO week (`2026-W49`) a moment falls in, in a time zone: what a digest is recorded under. */
export function isoWeekOf(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("kkkk-'W'WW");
}

/** A calendar date (`2026-12-03`) in a time zone, for the digest's period. */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('yyyy-MM-dd');
}
