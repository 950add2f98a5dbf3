import { randomUUID } from 'node:crypto';
import type { AccountRef } from '../domain/domain-events.ts';
import type { Platform } from '../domain/types.ts';
import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, toDate, type SqlDb } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';
import type { LinkVia, PersonView } from './port.ts';

// Identity's tables ("Identity", "IdentityAccount", "LinkCode"), read and written with raw SQL in
// the caller's transaction. Timestamps are UTC wall time in TIMESTAMP(3) columns (see nowParam).

/** The database identity reads on outside a transaction. */
export type IdentityDatabase = Pick<Database, 'pool' | 'kind'>;

/** One stored account of a person. */
export interface StoredAccount extends AccountRef {
  identityId: string;
  email: string | null;
  via: LinkVia;
}

/** One stored person with their accounts. */
export interface StoredPerson {
  id: string;
  displayName: string;
  staff: boolean;
  accounts: StoredAccount[];
}

/** A stored link code. */
export interface StoredLinkCode extends AccountRef {
  code: string;
  identityId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

type AccountRow = { identityId: string; platform: string; userId: string; email: string | null; via: string };
type PersonRow = { id: string; displayName: string; staff: boolean };

const stamp = (date: Date): string => date.toISOString();
const toAccount = (row: AccountRow): StoredAccount => ({ identityId: row.identityId, platform: row.platform as Platform, userId: row.userId, email: row.email, via: row.via as LinkVia });

/** A stored person as other capabilities see them. */
export const toView = (person: StoredPerson): PersonView => ({
  id: person.id, displayName: person.displayName, staff: person.staff,
  accounts: person.accounts.map(({ platform, userId, via }) => ({ platform, userId, via })),
});

const ACCOUNT_COLUMNS = `"identityId", "platform", "userId", "email", "via"`;

/** Identity's statements: writes take the transaction they run in; reads fall back to the pool. */
export function createIdentityQueries(database: IdentityDatabase) {
  const pool: SqlDb = sqlRunner(database);
  const on = (tx?: Tx): Tx | SqlDb => tx ?? pool;

  const people = async (ids: readonly string[], tx?: Tx): Promise<StoredPerson[]> => {
    if (ids.length === 0) return [];
    const json = JSON.stringify([...new Set(ids)]);
    const found = await on(tx).query<PersonRow>(`SELECT "id", "displayName", "staff" FROM "Identity" WHERE "id" IN (SELECT jsonb_array_elements_text($1::text::jsonb))`, [json]);
    const accounts = await on(tx).query<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM "IdentityAccount" WHERE "identityId" IN (SELECT jsonb_array_elements_text($1::text::jsonb)) ORDER BY "linkedAt", "platform", "userId"`, [json],
    );
    return found.rows.map((row) => ({ ...row, accounts: accounts.rows.filter((account) => account.identityId === row.id).map(toAccount) }));
  };

  return {
    people,

    /** One person with their accounts; null when unknown. */
    async person(id: string, tx?: Tx): Promise<StoredPerson | null> {
      return (await people([id], tx))[0] ?? null;
    },

    /** The stored accounts among `accounts`. */
    async accounts(accounts: readonly AccountRef[], tx?: Tx): Promise<StoredAccount[]> {
      if (accounts.length === 0) return [];
      const { rows } = await on(tx).query<AccountRow>(
        `SELECT a."identityId", a."platform", a."userId", a."email", a."via" FROM "IdentityAccount" a
         JOIN jsonb_to_recordset($1::text::jsonb) AS wanted("platform" text, "userId" text) ON a."platform" = wanted."platform" AND a."userId" = wanted."userId"`,
        [JSON.stringify(accounts.map(({ platform, userId }) => ({ platform, userId })))],
      );
      return rows.map(toAccount);
    },

    /** The account, its row locked until `tx` ends; null when never seen. */
    async lockAccount(tx: Tx, account: AccountRef): Promise<StoredAccount | null> {
      const { rows } = await tx.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM "IdentityAccount" WHERE "platform" = $1::text AND "userId" = $2::text FOR UPDATE`, [account.platform, account.userId]);
      return rows[0] ? toAccount(rows[0]) : null;
    },

    /** Locks people (in id order, so two merges never wait on each other crosswise). */
    async lockPeople(tx: Tx, ids: readonly string[]): Promise<void> {
      await tx.query(`SELECT "id" FROM "Identity" WHERE "id" IN (SELECT jsonb_array_elements_text($1::text::jsonb)) ORDER BY "id" FOR UPDATE`, [JSON.stringify([...new Set(ids)].sort())]);
    },

    /**
     * Creates a person for a new account; when a concurrent transaction created the account first,
     * its person wins (the account's unique key decides) and ours is dropped. Returns the account.
     */
    async createAccount(tx: Tx, account: AccountRef & { displayName: string; via: LinkVia; email?: string | null }, at: Date): Promise<StoredAccount> {
      const identityId = randomUUID();
      await tx.query(`INSERT INTO "Identity" ("id", "displayName", "staff", "createdAt", "updatedAt") VALUES ($1::text, $2::text, false, $3::timestamp, $3::timestamp)`, [identityId, account.displayName, stamp(at)]);
      const inserted = await tx.query(
        `INSERT INTO "IdentityAccount" ("id", "identityId", "platform", "userId", "email", "via", "linkedAt") VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::timestamp)
         ON CONFLICT ("platform", "userId") DO NOTHING`,
        [randomUUID(), identityId, account.platform, account.userId, account.email ?? null, account.via, stamp(at)],
      );
      if ((inserted.rowCount ?? 0) === 0) await tx.query(`DELETE FROM "Identity" WHERE "id" = $1::text`, [identityId]);
      const { rows } = await tx.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM "IdentityAccount" WHERE "platform" = $1::text AND "userId" = $2::text FOR UPDATE`, [account.platform, account.userId]);
      if (!rows[0]) throw new Error(`identity account ${account.platform}:${account.userId} was neither found nor created`);
      return toAccount(rows[0]);
    },

    /** Sets an account's e-mail (lower case by the caller). */
    async setEmail(tx: Tx, account: AccountRef, email: string): Promise<void> {
      await tx.query(`UPDATE "IdentityAccount" SET "email" = $3::text WHERE "platform" = $1::text AND "userId" = $2::text AND "email" IS DISTINCT FROM $3::text`, [account.platform, account.userId, email]);
    },

    /** Another person's account with this e-mail (the earliest linked), if any. */
    async personByEmail(tx: Tx, email: string, except: string): Promise<string | null> {
      const { rows } = await tx.query<{ identityId: string }>(
        `SELECT "identityId" FROM "IdentityAccount" WHERE "email" = $1::text AND "identityId" <> $2::text ORDER BY "linkedAt", "identityId" LIMIT 1`, [email, except],
      );
      return rows[0]?.identityId ?? null;
    },

    /** Keeps a person's name and staff mark current. */
    async updatePerson(tx: Tx, id: string, changes: { displayName?: string; staff?: boolean }, at: Date): Promise<void> {
      await tx.query(
        `UPDATE "Identity" SET "displayName" = COALESCE($2::text, "displayName"), "staff" = COALESCE($3::boolean, "staff"), "updatedAt" = $4::timestamp
         WHERE "id" = $1::text AND ("displayName" IS DISTINCT FROM COALESCE($2::text, "displayName") OR "staff" IS DISTINCT FROM COALESCE($3::boolean, "staff"))`,
        [id, changes.displayName ?? null, changes.staff ?? null, stamp(at)],
      );
    },

    /** Moves every account of `from` to `into` (one account gets `via`), then deletes the emptied `from`. */
    async merge(tx: Tx, from: string, into: string, joined: AccountRef, via: LinkVia, at: Date): Promise<void> {
      await tx.query(`UPDATE "IdentityAccount" SET "identityId" = $2::text WHERE "identityId" = $1::text`, [from, into]);
      await tx.query(`UPDATE "IdentityAccount" SET "via" = $3::text, "linkedAt" = $4::timestamp WHERE "platform" = $1::text AND "userId" = $2::text`, [joined.platform, joined.userId, via, stamp(at)]);
      await tx.query(`DELETE FROM "Identity" WHERE "id" = $1::text`, [from]);
    },

    /** Moves one account into a new person of its own; returns the new person's id. */
    async split(tx: Tx, account: AccountRef, displayName: string, at: Date): Promise<string> {
      const identityId = randomUUID();
      await tx.query(`INSERT INTO "Identity" ("id", "displayName", "staff", "createdAt", "updatedAt") VALUES ($1::text, $2::text, false, $3::timestamp, $3::timestamp)`, [identityId, displayName, stamp(at)]);
      await tx.query(`UPDATE "IdentityAccount" SET "identityId" = $3::text, "via" = 'first-seen', "linkedAt" = $4::timestamp WHERE "platform" = $1::text AND "userId" = $2::text`, [account.platform, account.userId, identityId, stamp(at)]);
      return identityId;
    },

    /** Stores a fresh code for the account, ending its older unused ones. */
    async putLinkCode(tx: Tx, code: StoredLinkCode, at: Date): Promise<void> {
      await tx.query(`DELETE FROM "LinkCode" WHERE "platform" = $1::text AND "userId" = $2::text AND "usedAt" IS NULL`, [code.platform, code.userId]);
      await tx.query(
        `INSERT INTO "LinkCode" ("code", "platform", "userId", "identityId", "expiresAt", "createdAt") VALUES ($1::text, $2::text, $3::text, $4::text, $5::timestamp, $6::timestamp)`,
        [code.code, code.platform, code.userId, code.identityId, stamp(code.expiresAt), stamp(at)],
      );
    },

    /** A code, locked until `tx` ends; null when unknown. */
    async lockLinkCode(tx: Tx, code: string): Promise<StoredLinkCode | null> {
      const { rows } = await tx.query<{ code: string; platform: string; userId: string; identityId: string; expiresAt: unknown; usedAt: unknown }>(
        `SELECT "code", "platform", "userId", "identityId", "expiresAt", "usedAt" FROM "LinkCode" WHERE "code" = $1::text FOR UPDATE`, [code],
      );
      const row = rows[0];
      if (!row) return null;
      return { code: row.code, platform: row.platform as Platform, userId: row.userId, identityId: row.identityId, expiresAt: toDate(row.expiresAt) ?? new Date(0), usedAt: toDate(row.usedAt) };
    },

    /** Marks a code used. */
    async useLinkCode(tx: Tx, code: string, at: Date): Promise<void> {
      await tx.query(`UPDATE "LinkCode" SET "usedAt" = $2::timestamp WHERE "code" = $1::text`, [code, stamp(at)]);
    },
  };
}

/** Identity's statements (see createIdentityQueries). */
export type IdentityQueries = ReturnType<typeof createIdentityQueries>;
