import { likePatterns, scrubJson, type Eraser } from '../privacy/index.ts';
import { rewriteMatchingRows } from '../infra/store/sql-support.ts';

// The job system's part of forgetting a person: events and timers keep their rows, with the
// person's id, name and words taken out of their payloads. Dispatched events are rewritten rather
// than deleted: a listener job may still be queued for one, and a missing event does nothing.

/** The job system's eraser (tables "DomainEvent" and "Timer"). */
export function createJobsEraser(): Eraser {
  return {
    name: 'jobs',
    async erase(tx, target) {
      const patterns = likePatterns(target);
      const payload = [{ name: 'payload', json: true }];
      const scrub = (value: unknown): unknown => scrubJson(value, target);
      const events = await rewriteMatchingRows(tx, { table: 'DomainEvent', key: 'id', columns: payload }, patterns, scrub);
      const timers = await rewriteMatchingRows(tx, { table: 'Timer', key: 'key', columns: payload }, patterns, scrub);
      return events.length + timers.length;
    },
  };
}
