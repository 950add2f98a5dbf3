import { EventEmitter } from 'node:events';
import { listenChannel, quoteIdent, statementVerb, type DbNotification, type DbPool, type DbPoolClient, type DbQueryResult } from '../db/db-pool.ts';
import type { Logger } from '../../ports/logger.ts';

// Given a pool, BullMQ's PostgreSQL backend checks one client out per Worker and keeps it for
// its LISTEN: ten workers would pin ten connections and starve a pool of ten. Here every
// "client" it checks out shares one LISTEN connection; other statements go through the pool.

const APPLICATION_NAME = /set_config\(\s*'application_name'/i;
const TRANSACTION_VERBS = new Set(['BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT']);

/** The one session holding every LISTEN; notifications fan out to the clients that asked for them. */
class ListenHub {
  readonly members = new Set<SharedListenClient>();
  readonly #base: DbPool;
  readonly #logger: Logger | undefined;
  readonly #channels = new Set<string>();
  #session: Promise<DbPoolClient> | null = null;
  #closed = false;

  constructor(base: DbPool, logger?: Logger) {
    this.#base = base;
    this.#logger = logger;
  }

  async listen(channel: string): Promise<void> {
    const session = await this.#connect();
    if (this.#channels.has(channel)) return;
    await session.query(`LISTEN ${quoteIdent(channel)}`);
    this.#channels.add(channel);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pending = this.#session;
    this.#session = null;
    const session = await pending?.catch(() => null);
    session?.removeAllListeners();
    session?.release(true); // it carries LISTEN state: never hand it back to the pool
  }

  #connect(): Promise<DbPoolClient> {
    if (this.#closed) return Promise.reject(new Error('queue connection is closed'));
    if (this.#session) return this.#session;
    const pending = this.#base.connect().then((session) => {
      session.on('notification', (message: DbNotification) => {
        for (const member of this.members) member.deliver(message);
      });
      session.on('error', (error: Error) => this.#lost(pending, session, error));
      session.on('end', () => this.#lost(pending, session, new Error('the LISTEN connection ended')));
      return session;
    });
    this.#session = pending;
    pending.catch(() => {
      if (this.#session === pending) this.#session = null;
    });
    return pending;
  }

  #lost(pending: Promise<DbPoolClient>, session: DbPoolClient, error: Error): void {
    if (this.#session !== pending) return;
    this.#session = null;
    this.#channels.clear();
    session.removeAllListeners();
    session.on('error', () => undefined); // a dying connection may report more than once
    session.release(true);
    this.#logger?.warn('queue LISTEN connection lost; BullMQ will listen again on a new one', { error });
    // BullMQ reacts to a client error by dropping that client and LISTENing on a fresh one.
    for (const member of [...this.members]) member.fail(error);
  }
}

/** What BullMQ gets from `pool.connect()`: LISTEN goes to the hub, everything else to the pool. */
class SharedListenClient extends EventEmitter implements DbPoolClient {
  readonly #hub: ListenHub;
  readonly #base: DbPool;
  readonly #channels = new Set<string>();

  constructor(hub: ListenHub, base: DbPool) {
    super();
    this.#hub = hub;
    this.#base = base;
  }

  async query<R = any>(text: string, params?: readonly unknown[]): Promise<DbQueryResult<R>> {
    const verb = statementVerb(text);
    const channel = verb === 'LISTEN' || verb === 'UNLISTEN' ? listenChannel(text) : null;
    if (verb === 'LISTEN' && channel !== null) {
      await this.#hub.listen(channel);
      this.#channels.add(channel);
      return { rows: [], rowCount: null, command: 'LISTEN' };
    }
    if (verb === 'UNLISTEN') {
      if (channel === null) this.#channels.clear();
      else this.#channels.delete(channel);
      return { rows: [], rowCount: null, command: 'UNLISTEN' };
    }
    // BullMQ names its LISTEN connection for getWorkers(); on a shared one the name means nothing.
    if (APPLICATION_NAME.test(text)) return { rows: [{ set_config: params?.[0] ?? null } as R], rowCount: 1, command: 'SELECT' };
    if (TRANSACTION_VERBS.has(verb)) throw new Error('shared LISTEN client: transactions need a session from the database pool');
    return this.#base.query<R>(text, params);
  }

  deliver(message: DbNotification): void {
    if (this.#channels.has(message.channel)) this.emit('notification', message);
  }

  fail(error: Error): void {
    this.#channels.clear();
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  release(): void {
    this.#channels.clear();
    this.#hub.members.delete(this);
  }
}

/** A pg.Pool look-alike for BullMQ whose checked-out clients share one LISTEN session; `end()` drops that session only. */
export class SharedListenPool extends EventEmitter {
  /** Read by BullMQ: the shared LISTEN session reports drops (keepAlive sockets, or in-process PGlite). */
  readonly options = { keepAlive: true };
  readonly #base: DbPool;
  readonly #hub: ListenHub;

  constructor(base: DbPool, logger?: Logger) {
    super();
    // Every BullMQ Queue and Worker adds an 'error' listener to the pool it is given.
    this.setMaxListeners(0);
    this.#base = base;
    this.#hub = new ListenHub(base, logger);
  }

  query<R = any>(text: string, params?: readonly unknown[]): Promise<DbQueryResult<R>> {
    return this.#base.query<R>(text, params);
  }

  async connect(): Promise<DbPoolClient> {
    const client = new SharedListenClient(this.#hub, this.#base);
    this.#hub.members.add(client);
    return client;
  }

  async end(): Promise<void> {
    await this.#hub.close();
  }
}
