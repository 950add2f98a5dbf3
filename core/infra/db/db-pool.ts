// The slice of node-postgres' Pool that Heimo and BullMQ's PostgreSQL backend use. A real
// pg.Pool satisfies it, and so does the PGlite look-alike, so callers never branch on the driver.

/** One statement's answer: the part of pg's QueryResult that callers read. */
export interface DbQueryResult<R = any> {
  rows: R[];
  /** Rows returned or changed, from the command tag; null for commands without a count. */
  rowCount: number | null;
  command?: string;
}

/** A LISTEN notification, shaped as node-postgres delivers it. */
export interface DbNotification {
  channel: string;
  payload?: string;
  processId?: number;
}

/** A session checked out of a DbPool: its statements share one connection (transactions, session locks, LISTEN). */
export interface DbPoolClient {
  /** Without params the text may hold several statements (simple protocol), as with pg. */
  query<R = any>(text: string, params?: readonly unknown[]): Promise<DbQueryResult<R>>;
  release(destroy?: boolean | Error): void;
  on(event: 'notification', listener: (msg: DbNotification) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  on(event: 'end', listener: () => void): this;
  removeListener(event: 'notification', listener: (msg: DbNotification) => void): this;
  removeAllListeners(event?: string): this;
}

/** A pg.Pool-compatible pool: single statements via `query`, sessions via `connect`. */
export interface DbPool {
  query<R = any>(text: string, params?: readonly unknown[]): Promise<DbQueryResult<R>>;
  connect(): Promise<DbPoolClient>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): this;
  on(event: 'connect', listener: (client: DbPoolClient) => void): this;
  removeAllListeners(event?: string): this;
}

const LEADING_COMMENTS = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;

/** The first keyword of a statement in upper case, skipping comments ('' for none). */
export function statementVerb(text: string): string {
  const rest = text.replace(LEADING_COMMENTS, '');
  return /^[A-Za-z_]+/.exec(rest)?.[0]?.toUpperCase() ?? '';
}

/** The channel named by a LISTEN/UNLISTEN statement, folded as PostgreSQL folds identifiers. */
export function listenChannel(text: string): string | null {
  const rest = text.replace(LEADING_COMMENTS, '');
  const match = /^(?:UN)?LISTEN\s+(?:"((?:[^"]|"")+)"|([A-Za-z_][\w$]*))/i.exec(rest);
  if (!match) return null;
  if (match[1] !== undefined) return match[1].replaceAll('""', '"');
  return match[2]?.toLowerCase() ?? null;
}

/** Quotes an identifier for SQL text (channel and schema names cannot be bind parameters). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
