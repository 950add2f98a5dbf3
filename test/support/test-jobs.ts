import { randomUUID } from 'node:crypto';
import type { Database } from '../../core/infra/db/create-database.ts';
import type { DomainEvent, DomainEventType } from '../../core/domain/domain-events.ts';
import type { EventListener, FiredTimer, Jobs, TimerDraft, TimerHandler, Tx } from '../../core/jobs/index.ts';

/** What a test Jobs recorded: committed events, the timers now set, and a way to fire one. */
export interface TestJobs extends Jobs {
  /** Events whose transaction committed, in order. */
  readonly events: DomainEvent[];
  /** Timers set (and not cleared) by committed transactions, by key. */
  readonly timers: Map<string, TimerDraft>;
  /** Fires a set timer now: its handler runs in its own transaction; false when it is not set. */
  fire(key: string, firedAt?: Date): Promise<boolean>;
}

type Staged = { events: DomainEvent[]; timers: Array<{ key: string; timer: TimerDraft | null }>; after: Array<() => Promise<void>> };

/**
 * A small Jobs over a real database for integration tests: each transaction is a session from
 * `database.pool.connect()`; what it publishes and the timers it sets take effect when it commits.
 * Listeners run one after another after the commit, each in its own transaction (as the real
 * system runs them, minus the queue); timers fire only when the test calls `fire`.
 */
export function createTestJobs(database: Pick<Database, 'pool'>): TestJobs {
  const events: DomainEvent[] = [];
  const timers = new Map<string, TimerDraft>();
  const listeners: Array<{ type: DomainEventType; listener: EventListener }> = [];
  const handlers = new Map<string, TimerHandler>();
  const staged = new Map<Tx, Staged>();

  const stage = (tx: Tx): Staged => {
    const found = staged.get(tx);
    if (!found) throw new Error('test jobs: publish/setTimer outside a transaction of these jobs');
    return found;
  };

  const transaction = async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
    const session = await database.pool.connect();
    const record: Staged = { events: [], timers: [], after: [] };
    let result: T;
    try {
      await session.query('BEGIN');
      staged.set(session, record);
      result = await work(session);
      await session.query('COMMIT');
    } catch (error) {
      await session.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      staged.delete(session);
      session.release();
    }
    for (const { key, timer } of record.timers) {
      if (timer) timers.set(key, timer);
      else timers.delete(key);
    }
    for (const work of record.after) await work();
    for (const event of record.events) {
      events.push(event);
      for (const { type, listener } of listeners.filter((entry) => entry.type === event.type)) {
        await transaction((tx) => listener({ ...event, id: randomUUID() } as never, tx));
      }
    }
    return result;
  };

  return {
    events,
    timers,
    transaction,
    publish: async (tx, event) => {
      stage(tx).events.push(event);
      return randomUUID();
    },
    sweep: async () => ({ events: 0, timers: 0 }),
    afterCommit: (tx, work) => void staged.get(tx)?.after.push(work),
    setTimer: async (tx, timer) => void stage(tx).timers.push({ key: timer.key, timer }),
    clearTimer: async (tx, key) => void stage(tx).timers.push({ key, timer: null }),
    on: (type, _name, listener) => void listeners.push({ type, listener: listener as unknown as EventListener }),
    onTimer: (kind, handler) => void handlers.set(kind, handler),
    start: async () => {},
    close: async () => {},
    async fire(key, firedAt = new Date()) {
      const timer = timers.get(key);
      if (!timer) return false;
      const handler = handlers.get(timer.kind);
      if (!handler) throw new Error(`test jobs: no handler for timer kind ${timer.kind}`);
      const fired: FiredTimer = { ...timer, firedAt };
      // Claimed before its handler runs (as the real claim, in the same transaction): a handler may set it again.
      timers.delete(key);
      try {
        await transaction((tx) => handler(fired, tx));
      } catch (error) {
        if (!timers.has(key)) timers.set(key, timer);
        throw error;
      }
      return true;
    },
  };
}
