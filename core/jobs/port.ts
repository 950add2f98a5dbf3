import type { DomainEvent, DomainEventType } from '../domain/domain-events.ts';

/**
 * A statement runner bound to one open transaction (a session from the pool): what a capability
 * writes its change with, so the events and timers the change causes commit with it or not at all.
 */
export interface Tx {
  query<R = any>(text: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

/** A delayed job: fires once at `dueAt` unless moved or cleared first; survives restarts. */
export interface TimerDraft {
  /** Unique per timer (e.g. `sla.first:<conversationId>`): setting it again moves it. */
  key: string;
  /** Which handler fires it (`onTimer(kind, ...)`). */
  kind: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

/** A timer as its handler receives it. */
export interface FiredTimer extends TimerDraft {
  firedAt: Date;
}

/** Handles one domain event; runs in its own transaction, at least once (be idempotent), retried on failure. */
export type EventListener<T extends DomainEventType = DomainEventType> = (event: Extract<DomainEvent, { type: T }> & { id: string }, tx: Tx) => Promise<void>;

/** Handles a fired timer inside the transaction that marks it fired: its effects happen exactly once. */
export type TimerHandler = (timer: FiredTimer, tx: Tx) => Promise<void>;

/**
 * The job system beside platform deliveries: domain events that capabilities publish to each
 * other, and delayed timers. Both are rows written in the caller's transaction, then carried by
 * BullMQ (or its PostgreSQL backend); a sweeper re-queues what a crash or a lost Redis dropped.
 */
export interface Jobs {
  /**
   * Runs `work` in one transaction (ROLLBACK if it throws); after it commits, what it recorded is
   * queued. Inside `work` use `tx` only: on the embedded database the pool waits for the transaction.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Records a domain event inside `tx`; every listener of its type gets it once `tx` commits. With a
   * `tx` from `transaction` (or a listener's or timer handler's) it is queued right after the commit;
   * with any other transaction the sweeper queues it after its grace period. Returns the event's id.
   */
  publish(tx: Tx, event: DomainEvent): Promise<string>;
  /**
   * Runs `work` once `tx` (one of this job system's transactions, a listener's or a timer
   * handler's included) has committed; never after a rollback. Outside them it does nothing: what
   * `work` would have done must be recovered by a sweep (the delivery worker's, for deliveries).
   */
  afterCommit(tx: Tx, work: () => Promise<void>): void;
  /** Sets (or moves) a timer inside `tx`. */
  setTimer(tx: Tx, timer: TimerDraft): Promise<void>;
  /** Clears a timer inside `tx`; clearing one that does not exist is not an error. */
  clearTimer(tx: Tx, key: string): Promise<void>;
  /** Registers a listener (by a stable name: each listener gets its own job per event). Before `start`. */
  on<T extends DomainEventType>(type: T, name: string, listener: EventListener<T>): void;
  /** Registers the handler of one timer kind. Before `start`. */
  onTimer(kind: string, handler: TimerHandler): void;
  /**
   * Starts the workers and the sweeper (worker role only), sweeping once at once so overdue timers
   * fire. Register the same listeners in every process, started or not: the publishing process
   * queues one job per registered listener name.
   */
  start(): Promise<void>;
  /** Queues events left undispatched past the grace period and re-arms timers due soon (what the sweeper runs). */
  sweep(): Promise<{ events: number; timers: number }>;
  /** Stops the sweeper and the workers (jobs in flight finish first). Does not close the queue factory or the database. */
  close(): Promise<void>;
}

/** What the job system reports as it works (optional; Prometheus wiring is the lead's). Never throws. */
export interface JobsMetrics {
  /** A listener or timer handler finished (`kind`: `event` or `timer`; `name`: listener name or timer kind). */
  handled(kind: 'event' | 'timer', name: string, seconds: number): void;
  /** A listener or timer handler failed; `final` when it will not be retried. */
  failed(kind: 'event' | 'timer', name: string, final: boolean): void;
  /** A timer fired `lateSeconds` after its due time (queue lag, or a restart). */
  timerLateness(kind: string, lateSeconds: number): void;
}
