import { describe, expect, it } from 'vitest';
import { lateWrittenAt, withLateNote } from '../../../core/backfill/late-note.ts';

const now = new Date('2026-12-03T10:00:00Z');

describe('late note', () => {
  it('should mark a message read after downtime when it was written longer ago than the threshold', () => {
    expect(lateWrittenAt('2026-12-03T09:58:00Z', now)).toEqual(new Date('2026-12-03T09:58:00Z'));
    expect(lateWrittenAt('2026-12-03T09:59:30Z', now)).toBeUndefined();
    expect(lateWrittenAt('2026-12-03T09:59:59Z', now, 0)).toEqual(new Date('2026-12-03T09:59:59Z'));
  });

  it('should leave live and unreadable times unmarked when there is no valid written time', () => {
    expect(lateWrittenAt(undefined, now)).toBeUndefined();
    expect(lateWrittenAt('yesterday', now)).toBeUndefined();
  });

  it('should append when it was written in UTC when the message is late', () => {
    expect(withLateNote('It fails', new Date('2026-12-03T07:05:09Z'))).toBe('It fails\n\n_(written 3 Dec 2026, 07:05 UTC, while Heimo was offline)_');
    expect(withLateNote('', new Date('2026-12-03T07:05:09Z'))).toBe('_(written 3 Dec 2026, 07:05 UTC, while Heimo was offline)_');
    expect(withLateNote('It fails', undefined)).toBe('It fails');
  });
});
