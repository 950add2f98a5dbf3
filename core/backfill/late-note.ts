import { DateTime } from 'luxon';

/** How late a message read after downtime must be before its copy says so (default one minute). */
export const DEFAULT_LATE_AFTER_MS = 60_000;

/**
 * When a message read late was written, if it is late enough that people should know: a message
 * Heimo missed for a few seconds (a gateway handover) reads as live, one missed for longer does not.
 * Undefined for a live message, an unreadable time, or one within `lateAfterMs`.
 */
export function lateWrittenAt(writtenAt: string | undefined, now: Date, lateAfterMs = DEFAULT_LATE_AFTER_MS): Date | undefined {
  if (writtenAt === undefined) return undefined;
  const written = new Date(writtenAt);
  if (Number.isNaN(written.getTime())) return undefined;
  return now.getTime() - written.getTime() >= lateAfterMs ? written : undefined;
}

/** The text a late message is relayed with: its own, then a line with when it was written (UTC). */
export function withLateNote(text: string, writtenAt: Date | undefined): string {
  if (writtenAt === undefined) return text;
  const when = DateTime.fromJSDate(writtenAt, { zone: 'utc' }).toFormat("d LLL yyyy, HH:mm 'UTC'");
  const note = `_(written ${when}, while Heimo was offline)_`;
  return text.trim() === '' ? note : `${text}\n\n${note}`;
}
