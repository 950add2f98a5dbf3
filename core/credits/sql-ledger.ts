import { randomUUID } from 'node:crypto';
import type { AccountRef } from '../domain/domain-events.ts';
import type { Platform } from '../domain/types.ts';
import { toDate } from '../infra/store/sql-support.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import { CAPPED_REASONS } from './credit-rules.ts';
import type { CreditEntryView, CreditReason } from './port.ts';

// The ledger's SQL: rows are only ever appended (the eraser alone rewrites names). A source key
// appends once (a redelivered event appends nothing); a row is reversed at most once.

/** A row to append. */
export interface CreditDraft {
  communityId: string;
  account: AccountRef;
  points: number;
  reason: CreditReason;
  sourceKey: string;
  giver?: AccountRef | null;
  conversationId?: string | null;
  articleId?: string | null;
  messageId?: string | null;
  reversesId?: string | null;
  staff: boolean;
  note?: string | null;
}

const COLUMNS = `"id", "communityId", "platform", "userId", "points", "reason", "sourceKey", "giverPlatform", "giverUserId", "conversationId", "articleId", "messageId", "reversesId", "staff", "note", "createdAt"`;

// No conflict target: a second reversal of a row ("reversesId") appends nothing either.
const APPEND_SQL = `
INSERT INTO "CreditEntry" (${COLUMNS})
VALUES ($1::text, $2::text, $3::text, $4::text, $5::int, $6::text, $7::text, $8::text, $9::text, $10::text, $11::text, $12::text, $13::text, $14::boolean, $15::text, $16::timestamp)
ON CONFLICT DO NOTHING
RETURNING ${COLUMNS}`;

// Accounts travel as one JSON parameter.
const IN_ACCOUNTS = (platform: string, user: string, param: number) =>
  `(${platform}, ${user}) IN (SELECT a->>'platform', a->>'userId' FROM jsonb_array_elements($${param}::text::jsonb) a)`;

const UNREVERSED = `NOT EXISTS (SELECT 1 FROM "CreditEntry" r WHERE r."reversesId" = e."id") AND e."reason" <> 'reversal'`;

const BY_MESSAGE_SQL = `SELECT ${COLUMNS} FROM "CreditEntry" e WHERE e."messageId" = $1::text AND ${UNREVERSED} ORDER BY e."createdAt", e."id"`;

const CAPPED = `e."reason" IN (${CAPPED_REASONS.map((reason) => `'${reason}'`).join(', ')}) AND e."points" > 0`;

const RECEIVED_SQL = `SELECT COALESCE(SUM(e."points"), 0)::int AS "n" FROM "CreditEntry" e
WHERE e."communityId" = $1::text AND e."createdAt" >= $3::timestamp AND ${CAPPED} AND ${IN_ACCOUNTS('e."platform"', 'e."userId"', 2)}`;

const GIVEN_SQL = `SELECT COALESCE(SUM(e."points"), 0)::int AS "n" FROM "CreditEntry" e
WHERE e."communityId" = $1::text AND e."createdAt" >= $3::timestamp AND ${CAPPED} AND ${IN_ACCOUNTS('e."giverPlatform"', 'e."giverUserId"', 2)}`;

const PAIR_SQL = `SELECT count(*)::int AS "n" FROM "CreditEntry" e
WHERE e."communityId" = $1::text AND e."reason" = $2::text AND e."createdAt" >= $5::timestamp AND ${UNREVERSED}
  AND ${IN_ACCOUNTS('e."giverPlatform"', 'e."giverUserId"', 3)} AND ${IN_ACCOUNTS('e."platform"', 'e."userId"', 4)}`;

// What ring detection reads: the community's earned credits in the window, given or received by the accounts.
const TOUCHING_SQL = `SELECT ${COLUMNS} FROM "CreditEntry" e
WHERE e."communityId" = $1::text AND e."createdAt" >= $3::timestamp AND e."points" > 0 AND NOT e."staff" AND e."reason" NOT IN ('moderator', 'reversal') AND ${UNREVERSED}
  AND (${IN_ACCOUNTS('e."platform"', 'e."userId"', 2)} OR ${IN_ACCOUNTS('e."giverPlatform"', 'e."giverUserId"', 2)})`;

// The daily caps and the pair rule read sums, then append: two workers crediting one person at
// once would both read the sum before either appends. People are locked in id order (no deadlock
// between two credits), until the transaction ends.
const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtextextended('credit:' || $1::text || ':' || $2::text, 0))`;

const HAS_SQL = `SELECT 1 FROM "CreditEntry" WHERE "sourceKey" = $1::text`;

const REVOCABLE_SQL = `SELECT ${COLUMNS} FROM "CreditEntry" e
WHERE e."communityId" = $1::text AND e."points" > 0 AND ${UNREVERSED} AND ${IN_ACCOUNTS('e."platform"', 'e."userId"', 2)}
ORDER BY e."createdAt" DESC, e."id" DESC`;

type EntryRow = {
  id: string; communityId: string; platform: string; userId: string; points: number; reason: string; sourceKey: string;
  giverPlatform: string | null; giverUserId: string | null; conversationId: string | null; articleId: string | null;
  messageId: string | null; reversesId: string | null; staff: boolean; note: string | null; createdAt: unknown;
};

function toView(row: EntryRow): CreditEntryView {
  return {
    id: row.id,
    communityId: row.communityId,
    account: { platform: row.platform as Platform, userId: row.userId },
    points: Number(row.points),
    reason: row.reason as CreditReason,
    sourceKey: row.sourceKey,
    giver: row.giverPlatform !== null && row.giverUserId !== null ? { platform: row.giverPlatform as Platform, userId: row.giverUserId } : null,
    conversationId: row.conversationId,
    articleId: row.articleId,
    messageId: row.messageId,
    reversesId: row.reversesId,
    staff: row.staff,
    note: row.note,
    createdAt: toDate(row.createdAt) ?? new Date(0),
  };
}

const accountsParam = (accounts: readonly AccountRef[]): string => JSON.stringify(accounts.map(({ platform, userId }) => ({ platform, userId })));

/** The ledger's statements, each in the caller's transaction. */
export interface Ledger {
  /** Appends a row and publishes `credit.recorded` with it; null when its source (or the row it reverses) was already credited. */
  append(tx: Tx, draft: CreditDraft, at: Date): Promise<CreditEntryView | null>;
  /** Appends the reversal of `entry` (negative points, same receiver and board); null when it was already reversed. */
  reverse(tx: Tx, entry: CreditEntryView, note: string, at: Date): Promise<CreditEntryView | null>;
  /** Holds the people (identity ids) of a community until `tx` ends, so their caps are read and appended one credit at a time. */
  lockPeople(tx: Tx, communityId: string, personIds: readonly string[]): Promise<void>;
  /** True when a source already appended its row. */
  has(tx: Tx, sourceKey: string): Promise<boolean>;
  /** Unreversed credits earned from a message. */
  byMessage(tx: Tx, messageId: string): Promise<CreditEntryView[]>;
  /** Capped points the accounts received since `since`. */
  receivedSince(tx: Tx, communityId: string, accounts: readonly AccountRef[], since: Date): Promise<number>;
  /** Capped points the accounts gave since `since`. */
  givenSince(tx: Tx, communityId: string, accounts: readonly AccountRef[], since: Date): Promise<number>;
  /** Unreversed credits of `reason` from `givers` to `receivers` since `since`. */
  between(tx: Tx, communityId: string, reason: CreditReason, givers: readonly AccountRef[], receivers: readonly AccountRef[], since: Date): Promise<number>;
  /** Unreversed earned community credits given or received by the accounts since `since`. */
  touching(tx: Tx, communityId: string, accounts: readonly AccountRef[], since: Date): Promise<CreditEntryView[]>;
  /** Unreversed positive credits of the accounts, newest first (what a revoke reverses). */
  revocable(tx: Tx, communityId: string, accounts: readonly AccountRef[]): Promise<CreditEntryView[]>;
}

/** Creates the ledger; `publish` is the job system's (credit.recorded commits with its row). */
export function createSqlLedger(jobs: Pick<Jobs, 'publish'>): Ledger {
  const append: Ledger['append'] = async (tx, draft, at) => {
    const { rows } = await tx.query<EntryRow>(APPEND_SQL, [
      randomUUID(), draft.communityId, draft.account.platform, draft.account.userId, draft.points, draft.reason, draft.sourceKey,
      draft.giver?.platform ?? null, draft.giver?.userId ?? null, draft.conversationId ?? null, draft.articleId ?? null,
      draft.messageId ?? null, draft.reversesId ?? null, draft.staff, draft.note ?? null, at.toISOString(),
    ]);
    const row = rows[0];
    if (row === undefined) return null;
    const entry = toView(row);
    await jobs.publish(tx, { type: 'credit.recorded', communityId: entry.communityId, entryId: entry.id, account: entry.account, points: entry.points, reason: entry.reason, at: at.toISOString() });
    return entry;
  };
  const count = async (tx: Tx, sql: string, params: unknown[]): Promise<number> => Number((await tx.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0);
  return {
    append,
    reverse: (tx, entry, note, at) =>
      append(tx, {
        communityId: entry.communityId, account: entry.account, points: -entry.points, reason: 'reversal', sourceKey: `reversal:${entry.id}`,
        giver: entry.giver, conversationId: entry.conversationId, articleId: entry.articleId, messageId: entry.messageId,
        reversesId: entry.id, staff: entry.staff, note,
      }, at),
    async lockPeople(tx, communityId, personIds) {
      for (const personId of [...new Set(personIds)].sort()) await tx.query(LOCK_SQL, [communityId, personId]);
    },
    has: async (tx, sourceKey) => (await tx.query(HAS_SQL, [sourceKey])).rows.length > 0,
    byMessage: async (tx, messageId) => (await tx.query<EntryRow>(BY_MESSAGE_SQL, [messageId])).rows.map(toView),
    receivedSince: (tx, communityId, accounts, since) => count(tx, RECEIVED_SQL, [communityId, accountsParam(accounts), since.toISOString()]),
    givenSince: (tx, communityId, accounts, since) => count(tx, GIVEN_SQL, [communityId, accountsParam(accounts), since.toISOString()]),
    between: (tx, communityId, reason, givers, receivers, since) => count(tx, PAIR_SQL, [communityId, reason, accountsParam(givers), accountsParam(receivers), since.toISOString()]),
    touching: async (tx, communityId, accounts, since) => (await tx.query<EntryRow>(TOUCHING_SQL, [communityId, accountsParam(accounts), since.toISOString()])).rows.map(toView),
    revocable: async (tx, communityId, accounts) => (await tx.query<EntryRow>(REVOCABLE_SQL, [communityId, accountsParam(accounts)])).rows.map(toView),
  };
}
