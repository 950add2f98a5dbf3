import { EventEmitter } from 'node:events';
import { TransactionAbortedError, type PGlite, type Transaction } from '@electric-sql/pglite';
import { listenChannel, statementVerb, type DbNotification, type DbPoolClient, type DbQueryResult } from './db-pool.ts';
import { runOnPglite } from './pglite-query.ts';

interface OpenTransaction {
  tx: Transaction;
  finish(rollback: boolean): void;
  done: Promise<void>;
}

const TRANSACTION_HEAD = /^[\s\S]*?\b(?:BEGIN(?:\s+(?:WORK|TRANSACTION))?|START\s+TRANSACTION)\b/i;

function done(command: string): DbQueryResult {
  return { rows: [], rowCount: null, command };
}

/**
 * One pg.PoolClient look-alike over the shared PGlite. BEGIN opens a PGlite transaction that
 * holds PGlite's mutex until COMMIT/ROLLBACK, so nobody else's statements land inside it.
 */
export class PgliteSession extends EventEmitter implements DbPoolClient {
  readonly #pglite: PGlite;
  readonly #onRelease: (session: PgliteSession) => void;
  readonly #channels = new Set<string>();
  #tx: OpenTransaction | null = null;
  #released = false;
  // Statements run in the order issued, as on a pg client: a BEGIN not yet awaited must not be overtaken.
  #queue: Promise<unknown> = Promise.resolve();

  constructor(pglite: PGlite, onRelease: (session: PgliteSession) => void) {
    super();
    this.#pglite = pglite;
    this.#onRelease = onRelease;
  }

  query<R = any>(text: string, params?: readonly unknown[]): Promise<DbQueryResult<R>> {
    if (this.#released) return Promise.reject(new Error('PgliteSession: query after release'));
    const run = this.#queue.then(() => this.#run(text, params));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Hands a notification to this session's listeners when it LISTENs on that channel. */
  deliver(message: DbNotification): void {
    if (this.#channels.has(message.channel)) this.emit('notification', message);
  }

  release(_destroy?: boolean | Error): void {
    if (this.#released) return;
    this.#released = true;
    this.#channels.clear();
    this.#onRelease(this);
    const open = this.#tx;
    this.#tx = null;
    // A session given back mid-transaction must not keep the only connection locked.
    if (open) {
      open.finish(true);
      open.done.catch(() => undefined);
    }
  }

  async #run(text: string, params?: readonly unknown[]): Promise<DbQueryResult> {
    const verb = statementVerb(text);
    if (verb === 'BEGIN' || (verb === 'START' && TRANSACTION_HEAD.test(text))) return this.#begin(text);
    if (verb === 'COMMIT' || verb === 'END') return this.#finish(false);
    if (verb === 'ROLLBACK' && !/\bTO\b/i.test(text)) return this.#finish(true);
    if (verb === 'UNLISTEN') {
      // The connection is shared: other sessions may still listen, so only this session stops hearing.
      const channel = listenChannel(text);
      if (channel === null) this.#channels.clear();
      else this.#channels.delete(channel);
      return done('UNLISTEN');
    }
    if (verb === 'LISTEN') {
      const channel = listenChannel(text);
      if (channel !== null) this.#channels.add(channel);
    }
    return runOnPglite(this.#tx?.tx ?? this.#pglite, text, params);
  }

  async #begin(text: string): Promise<DbQueryResult> {
    if (this.#tx) return done('BEGIN'); // PostgreSQL only warns about a nested BEGIN
    let opened!: (tx: Transaction) => void;
    let finish!: (rollback: boolean) => void;
    const ready = new Promise<Transaction>((resolve) => (opened = resolve));
    const finished = new Promise<boolean>((resolve) => (finish = resolve));
    const transactionDone = this.#pglite.transaction(async (tx) => {
      opened(tx);
      if (await finished) await tx.rollback();
    });
    const endedEarly = transactionDone.then(() => null);
    endedEarly.catch(() => undefined); // a later failure surfaces through `done` in #finish
    const tx = await Promise.race([ready, endedEarly]);
    if (tx === null) throw new Error('PgliteSession: transaction ended before it began');
    this.#tx = { tx, finish, done: transactionDone };
    const modes = text.replace(TRANSACTION_HEAD, '').replace(/;\s*$/, '').trim();
    if (modes !== '') await tx.exec(`SET TRANSACTION ${modes}`);
    return done('BEGIN');
  }

  async #finish(rollback: boolean): Promise<DbQueryResult> {
    const open = this.#tx;
    if (!open) return done(rollback ? 'ROLLBACK' : 'COMMIT'); // PostgreSQL only warns here too
    this.#tx = null;
    open.finish(rollback);
    try {
      await open.done;
    } catch (error) {
      // COMMIT of a failed transaction: PostgreSQL answers with a ROLLBACK tag, not an error.
      if (!rollback && error instanceof TransactionAbortedError) return done('ROLLBACK');
      throw error;
    }
    return done(rollback ? 'ROLLBACK' : 'COMMIT');
  }
}
