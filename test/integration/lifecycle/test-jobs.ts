import { randomUUID } from 'node:crypto';
import type { Database } from '../../../core/infra/db/create-database.ts';
import type { DomainEvent } from '../../../core/domain/domain-events.ts';
import type { Jobs, TimerDraft, TimerHandler, Tx } from '../../../core/jobs/index.ts';

/**
 * A small Jobs over the real database, until the job system lands: transactions are real
 * (BEGIN/COMMIT on a pooled session); events and timers are kept in memory and become visible
 * only when their transaction commits, and a timer fires when the test says so.
 */
export interface TestJobs extends Jobs {
  /** Events of committed transactions, in order. */
  readonly events: DomainEvent[];
  /** Timers of committed transactions by key. */
  readonly timers: Map<string, TimerDraft>;
  /** Nothing to sweep: events and timers never outlive their transaction here. */
  sweep(): Promise<{ events: number; timers: number }>;
  /** Fires a set timer in its own transaction, as the job system would. */
  fire(key: string, firedAt: Date): Promise<void>;
}

type Pending = { events: DomainEvent[]; timers: ((timers: Map<string, TimerDraft>) => void)[]; after: (() => Promise<void>)[] };

export function createTestJobs(database: Database): TestJobs {
  const events: DomainEvent[] = [];
  const timers = new Map<string, TimerDraft>();
  const handlers = new Map<string, TimerHandler>();
  const pending = new WeakMap<Tx, Pending>();
  const of = (tx: Tx): Pending => {
    const open = pending.get(tx);
    if (!open) throw new Error('test jobs: not a transaction of these jobs');
    return open;
  };
  const jobs: TestJobs = {
    events,
    timers,
    async transaction(work) {
      const session = await database.pool.connect();
      const tx: Tx = { query: (text, params) => session.query(text, params) };
      const open: Pending = { events: [], timers: [], after: [] };
      pending.set(tx, open);
      try {
        await session.query('BEGIN');
        const result = await work(tx);
        await session.query('COMMIT');
        events.push(...open.events);
        for (const change of open.timers) change(timers);
        for (const work of open.after) await work();
        return result;
      } catch (error) {
        await session.query('ROLLBACK');
        throw error;
      } finally {
        session.release();
      }
    },
    publish: async (tx, event) => {
      of(tx).events.push(event);
      // An id, typed as the port says: the job system's branch makes publish return the event's id.
      return randomUUID() as unknown as Awaited<ReturnType<Jobs['publish']>>;
    },
    afterCommit: (tx, work) => void pending.get(tx)?.after.push(work),
    setTimer: async (tx, timer) => void of(tx).timers.push((all) => all.set(timer.key, timer)),
    clearTimer: async (tx, key) => void of(tx).timers.push((all) => all.delete(key)),
    on: () => {},
    onTimer: (kind, handler) => void handlers.set(kind, handler),
    async fire(key, firedAt) {
      const timer = timers.get(key);
      if (!timer) throw new Error(`test jobs: no timer ${key}`);
      const handler = handlers.get(timer.kind);
      if (!handler) throw new Error(`test jobs: no handler of ${timer.kind}`);
      await jobs.transaction(async (tx) => {
        await jobs.clearTimer(tx, key);
        await handler({ ...timer, firedAt }, tx);
      });
    },
    start: async () => {},
    sweep: async () => ({ events: 0, timers: 0 }),
    close: async () => {},
  };
  return jobs;
}
