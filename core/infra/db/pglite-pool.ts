import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import { runOnPglite } from './pglite-query.ts';
import { PgliteSession } from './pglite-session.ts';
import { statementVerb, type DbNotification, type DbPool, type DbPoolClient, type DbQueryResult } from './db-pool.ts';

// PGlite is one in-process connection. This pool hands out "sessions" over it so code written
// for pg.Pool (BullMQ's backend, the migrator) runs unchanged: every statement is serialised by
// PGlite's own mutex, a session's BEGIN..COMMIT holds that mutex (others wait), and
// notifications reach the sessions that ran LISTEN.

const TRANSACTION_VERBS = new Set(['BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);

/** The pg.Pool look-alike over one PGlite; `end()` detaches it but leaves PGlite open (its owner closes it). */
export class PglitePool extends EventEmitter implements DbPool {
  /** Read by BullMQ: the in-process "connection" cannot drop silently, so long LISTEN waits are safe. */
  readonly options = { keepAlive: true };
  readonly #pglite: PGlite;
  readonly #sessions = new Set<PgliteSession>();
  readonly #stopNotifications: () => void;
  #ended = false;

  constructor(pglite: PGlite) {
    super();
    this.#pglite = pglite;
    this.#stopNotifications = pglite.onNotification((channel, payload) => {
      const message: DbNotification = { channel, payload, processId: 0 };
      for (const session of this.#sessions) session.deliver(message);
    });
  }

  async query<R = any>(text: string, params?: readonly unknown[]): Promise<DbQueryResult<R>> {
    this.#assertOpen();
    // On a shared single connection a pool-level BEGIN would capture every other caller's
    // statements; pg would also misbehave (the connection goes back mid-transaction).
    if (TRANSACTION_VERBS.has(statementVerb(text))) {
      throw new Error('PglitePool: run transaction control on a session from connect(), not on the pool');
    }
    return runOnPglite(this.#pglite, text, params);
  }

  async connect(): Promise<DbPoolClient> {
    this.#assertOpen();
    const session = new PgliteSession(this.#pglite, (closed) => this.#sessions.delete(closed));
    this.#sessions.add(session);
    this.emit('connect', session);
    return session;
  }

  async end(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    this.#stopNotifications();
    for (const session of [...this.#sessions]) session.release(true);
  }

  #assertOpen(): void {
    // Same text as pg: BullMQ recognises it to ignore stragglers during shutdown.
    if (this.#ended) throw new Error('Cannot use a pool after calling end on the pool');
  }
}

/** Creates the pg.Pool look-alike over one in-process PGlite. */
export function createPglitePool(pglite: PGlite): PglitePool {
  return new PglitePool(pglite);
}
