import { randomUUID } from 'node:crypto';
import type { Attachment, Platform, Side } from '../../domain/types.ts';
import type { Database } from '../db/create-database.ts';
import type { DbQueryResult } from '../db/db-pool.ts';
import type { AccountInput, LinkRecord, MessageRecord } from '../../domain/records.ts';
import type { OutboxDraft } from '../../domain/outbox.ts';
import { createBoundedCache } from '../../bounded-cache.ts';

// The hot path's persistence runs raw, parameterised SQL on Database.pool (pg.Pool or the PGlite
// look-alike): one Prisma statement costs several times the CPU of the statement itself. Every write
// is ONE statement (data-modifying CTEs), so it is atomic without BEGIN/COMMIT, costs one round
// trip, and never holds PGlite's single connection across awaits.
// Parameters are cast explicitly (`$1::text`) so PostgreSQL and PGlite infer the same types; sets of
// rows travel as one JSON text parameter (`$n::text::jsonb`) so no driver's array encoding matters.

/** What the stores run statements on: a pool (each statement auto-commits). */
export interface SqlDb {
  query<R = any>(text: string, params?: readonly unknown[]): Promise<DbQueryResult<R>>;
}

/** The shape of pg.Pool's `query(config)`: a named statement is parsed and planned once per connection. */
interface NamedStatementPool {
  query<R = any>(config: { name: string; text: string; values: unknown[] }): Promise<DbQueryResult<R>>;
}

// One name per statement text for the whole process: pg refuses a name reused for another text on
// a connection, and every store on a pool shares its connections. The texts are a small fixed set.
const STATEMENT_NAMES = new Map<string, string>();

/**
 * The statement runner of the stores. On PostgreSQL each distinct statement text becomes a named
 * prepared statement (pg prepares it once per connection and then only binds and executes: the
 * CTE statements cost more to parse and plan than to run). PGlite runs the text as given.
 */
export function sqlRunner(database: Pick<Database, 'pool' | 'kind'>): SqlDb {
  const { pool } = database;
  if (database.kind !== 'postgres') return pool;
  // A real pg.Pool (see create-database.ts); DbPool declares only the (text, params) form.
  const named = pool as unknown as NamedStatementPool;
  return {
    query: <R = any>(text: string, params: readonly unknown[] = []) => {
      let name = STATEMENT_NAMES.get(text);
      if (name === undefined) {
        name = `heimo_store_${STATEMENT_NAMES.size + 1}`;
        STATEMENT_NAMES.set(text, name);
      }
      return named.query<R>({ name, text, values: [...params] });
    },
  };
}

/** True for a unique-constraint violation (a redelivered event, a concurrent insert): PostgreSQL 23505, or Prisma's P2002. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'P2002';
}

/**
 * A timestamp parameter for TIMESTAMP(3) columns (cast with `::timestamp`): UTC wall time from
 * this process' clock, as Prisma writes them (a JS Date would be sent in local time with an offset
 * that `timestamp without time zone` drops).
 */
export const nowParam = (): string => new Date().toISOString();

const ACCOUNT_SQL = `
WITH known AS (
  SELECT "id", "displayName", "avatarUrl", "isBot" FROM "PlatformAccount"
  WHERE "platform" = $1::text AND "externalId" = $2::text
), changed AS (
  UPDATE "PlatformAccount" a
  SET "displayName" = $3::text, "avatarUrl" = $4::text, "isBot" = $5::boolean, "updatedAt" = $8::timestamp
  FROM known k
  WHERE a."id" = k."id"
    AND (k."displayName" IS DISTINCT FROM $3::text OR k."avatarUrl" IS DISTINCT FROM $4::text OR k."isBot" IS DISTINCT FROM $5::boolean)
), person AS (
  INSERT INTO "Person" ("id", "displayName", "createdAt")
  SELECT $6::text, $3::text, $8::timestamp WHERE NOT EXISTS (SELECT 1 FROM known)
  RETURNING "id"
), created AS (
  INSERT INTO "PlatformAccount" ("id", "personId", "platform", "externalId", "displayName", "avatarUrl", "isBot", "createdAt", "updatedAt")
  SELECT $7::text, p."id", $1::text, $2::text, $3::text, $4::text, $5::boolean, $8::timestamp, $8::timestamp FROM person p
  RETURNING "id"
)
SELECT "id" FROM known UNION ALL SELECT "id" FROM created`;

/**
 * Finds or creates the platform account (and its person) in one statement, refreshing name and
 * avatar only when they changed (a known, unchanged account is a single index read).
 */
export async function upsertAccount(db: SqlDb, input: AccountInput): Promise<string> {
  const { rows } = await db.query<{ id: string }>(ACCOUNT_SQL, [
    input.platform,
    input.externalId,
    input.displayName,
    input.avatarUrl ?? null,
    input.isBot,
    randomUUID(),
    randomUUID(),
    nowParam(),
  ]);
  const row = rows[0];
  if (!row) throw new Error(`account ${input.platform}:${input.externalId} was neither found nor created`);
  return row.id;
}

/** Resolves an inbound author to its account id, creating the account (and person) when new. */
export type AccountResolver = (input: AccountInput) => Promise<string>;

/**
 * The account's id, created if needed, outside any message transaction: when two first messages of
 * a new person arrive at once, one creation loses the race with a unique violation, and inside the
 * message's transaction that violation would pass for a duplicate message and drop it.
 * Accounts are never deleted, so an id read for the same name, avatar and bot flag stays right:
 * those are remembered (up to `cacheSize`), and a known, unchanged author costs no statement.
 */
export function createAccountResolver(db: SqlDb, cacheSize = 10_000): AccountResolver {
  const known = createBoundedCache<string, string>(cacheSize);
  return async (input) => {
    const key = JSON.stringify([input.platform, input.externalId, input.displayName, input.avatarUrl ?? null, input.isBot]);
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    let id: string;
    try {
      id = await upsertAccount(db, input);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      id = await upsertAccount(db, input); // the other writer created it (the failed statement created nothing): found now
    }
    known.set(key, id);
    return id;
  };
}

/**
 * Outbox drafts as the JSON rows the INSERT ... FROM jsonb_to_recordset(...) statements read:
 * `i` is the offset from the conversation's first free sequence number, `orderKey` the draft's
 * order key (see core/outbox/order-key.ts; null: the statement supplies it).
 */
export function outboxRows(drafts: OutboxDraft[], orderKeyOf: (draft: OutboxDraft) => number | null = () => null): string {
  return JSON.stringify(drafts.map((draft, i) => ({ id: randomUUID(), i, platform: draft.platform, kind: draft.kind, payload: draft.payload, orderKey: orderKeyOf(draft) })));
}

/** The columns of an outbox JSON row set (see outboxRows); `$first` is the first sequence number. */
export const OUTBOX_RECORDSET = `AS d("id" text, "i" int, "platform" text, "kind" text, "payload" jsonb, "orderKey" bigint)`;

/** Maps a link row to the port's record. */
export function toLinkRecord(row: { conversationId: string; platform: string; side: string; channelId: string; threadId: string; cardMessageId: string | null; url: string | null }): LinkRecord {
  return {
    conversationId: row.conversationId,
    platform: row.platform as Platform,
    side: row.side as Side,
    channelId: row.channelId,
    threadId: row.threadId,
    cardMessageId: row.cardMessageId,
    url: row.url,
  };
}

/** The ThreadLink columns the port's LinkRecord reads. */
export const LINK_COLUMNS = `"conversationId", "platform", "side", "channelId", "threadId", "cardMessageId", "url"`;

/** A message row as MESSAGE_SELECT reads it. */
export type MessageRow = {
  id: string;
  conversationId: string;
  platform: string;
  channelId: string;
  externalId: string;
  text: string;
  internal: boolean;
  deletedAt: unknown;
  authorName: string;
  authorAvatarUrl: string | null;
  isQuestion: boolean;
  attachments?: unknown;
  writtenAt?: unknown;
};

/** Which stored message to read: by id, or by its platform identity. */
export type MessageKey = { id: string } | { platform: string; channelId: string; externalId: string };

/** Reads messages (alias m) with their author and whether each is its conversation's question; add the WHERE. */
export const MESSAGE_SELECT = `
SELECT m."id", m."conversationId", m."platform", m."channelId", m."externalId", m."text", m."internal", m."deletedAt", m."attachments", m."writtenAt",
       a."displayName" AS "authorName", a."avatarUrl" AS "authorAvatarUrl",
       m."id" = (SELECT f."id" FROM "Message" f WHERE f."conversationId" = m."conversationId"
                 ORDER BY f."createdAt" ASC, f."id" ASC LIMIT 1) AS "isQuestion"
FROM "Message" m JOIN "PlatformAccount" a ON a."id" = m."authorId"`;
const MESSAGE_BY_ID = `${MESSAGE_SELECT} WHERE m."id" = $1::text`;
const MESSAGE_BY_IDENTITY = `${MESSAGE_SELECT} WHERE m."platform" = $1::text AND m."channelId" = $2::text AND m."externalId" = $3::text`;

/** Reads a message with its author and whether it is the question (the conversation's first message) in one statement. */
export async function readMessage(db: SqlDb, key: MessageKey): Promise<MessageRecord | null> {
  const { rows } = 'id' in key
    ? await db.query<MessageRow>(MESSAGE_BY_ID, [key.id])
    : await db.query<MessageRow>(MESSAGE_BY_IDENTITY, [key.platform, key.channelId, key.externalId]);
  const row = rows[0];
  return row ? toMessageRecord(row) : null;
}

/** Maps a message row (or its JSON form) to the port's record. */
export function toMessageRecord(row: MessageRow): MessageRecord {
  return {
    id: row.id,
    conversationId: row.conversationId,
    platform: row.platform as Platform,
    channelId: row.channelId,
    externalId: row.externalId,
    text: row.text,
    internal: row.internal,
    deleted: row.deletedAt !== null && row.deletedAt !== undefined,
    isQuestion: row.isQuestion === true,
    author: { displayName: row.authorName, ...(row.authorAvatarUrl ? { avatarUrl: row.authorAvatarUrl } : {}) },
    attachments: toAttachments(row.attachments),
    ...optionalDate('writtenAt', row.writtenAt),
  };
}

// The column holds what Heimo itself wrote; anything unexpected (a hand-edited row) is skipped, not fatal.
function toAttachments(value: unknown): Attachment[] {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: Record<string, unknown>) => {
    if (typeof item?.['name'] !== 'string' || typeof item['url'] !== 'string') return [];
    return [{
      name: item['name'],
      url: item['url'],
      ...(typeof item['mimeType'] === 'string' ? { mimeType: item['mimeType'] } : {}),
      ...(typeof item['size'] === 'number' ? { size: item['size'] } : {}),
    }];
  });
}

/**
 * A TIMESTAMP(3) column (UTC wall time, see nowParam) as a Date: pg hands a Date read as local time,
 * the JSON forms hand text without a zone; both are UTC here.
 */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
}

/** `{ [name]: date }` for a set column, `{}` for NULL (optional fields stay absent). */
export function optionalDate<K extends string>(name: K, value: unknown): { [P in K]?: Date } {
  const date = toDate(value);
  return (date === null ? {} : { [name]: date }) as { [P in K]?: Date };
}

/** A text or JSON column a rewrite reads and writes. */
export interface RewrittenColumn {
  name: string;
  json: boolean;
}

/** The rows to rewrite: one table, the column that names a row, the columns to read and write. */
export interface RewriteSpec {
  table: string;
  key: string;
  columns: readonly RewrittenColumn[];
}

/**
 * Rewrites, in `tx`, the rows of one table where a column's text matches one of `patterns` (LIKE
 * patterns as one JSON text parameter): `rewrite` gets each column's value (JSON parsed) and returns
 * the new one; a row is written only when one of its values changed. Returns the keys of the rows
 * written. For rare, whole-table work (forgetting a person); callers pass constant table and column names.
 */
export async function rewriteMatchingRows(
  tx: Pick<SqlDb, 'query'>,
  spec: RewriteSpec,
  patterns: string,
  rewrite: (value: unknown, column: string) => unknown,
): Promise<string[]> {
  const quoted = (name: string): string => `"${name}"`;
  const matches = spec.columns.map((column) => `${quoted(column.name)}::text LIKE p`).join(' OR ');
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT ${quoted(spec.key)} AS "key", ${spec.columns.map((column) => quoted(column.name)).join(', ')} FROM ${quoted(spec.table)}
     WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text($1::text::jsonb) p WHERE ${matches})`,
    [patterns],
  );
  const sets = spec.columns.map((column, i) => `${quoted(column.name)} = $${i + 2}::text${column.json ? '::jsonb' : ''}`).join(', ');
  const written: string[] = [];
  for (const row of rows) {
    let changed = false;
    const values = spec.columns.map((column) => {
      const raw = row[column.name];
      if (raw === null || raw === undefined) return null;
      const before = column.json && typeof raw === 'string' ? JSON.parse(raw) : raw;
      const after = rewrite(before, column.name);
      if (JSON.stringify(after) !== JSON.stringify(before)) changed = true;
      return column.json ? JSON.stringify(after) : String(after);
    });
    if (!changed) continue;
    await tx.query(`UPDATE ${quoted(spec.table)} SET ${sets} WHERE ${quoted(spec.key)} = $1::text`, [row['key'], ...values]);
    written.push(String(row['key']));
  }
  return written;
}
