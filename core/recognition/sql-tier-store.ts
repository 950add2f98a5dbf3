import { randomUUID } from 'node:crypto';
import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, toDate, type SqlDb } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';
import type { TierChangeView, TierHoldingView } from './port.ts';

// Recognition's own tables: TierHolding (the tier each person holds, and the Discord role Heimo
// granted for it) and TierChange (every promotion and demotion, append-only). Writes run on the
// caller's transaction; reads take one when given, else the pool.

/** A holding with the Discord grant recorded beside it. */
export interface StoredHolding extends TierHoldingView {
  /** The role Heimo granted (null: none granted, or the member lost it). */
  grantedRoleId: string | null;
  discordUserId: string | null;
}

const HOLDING_COLUMNS = `"communityId", "identityId", "tierId", "since", "grantedRoleId", "discordUserId"`;

// One person at a time per community: a credit and a recompute for the same person queue behind
// each other, also when the person holds no tier yet (no row to lock).
const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`;
const HOLDING_SQL = `SELECT ${HOLDING_COLUMNS} FROM "TierHolding" WHERE "communityId" = $1::text AND "identityId" = $2::text`;
const HOLDINGS_SQL = `SELECT ${HOLDING_COLUMNS} FROM "TierHolding" WHERE "communityId" = $1::text ORDER BY "since", "identityId"`;
const OF_PERSON_SQL = `SELECT ${HOLDING_COLUMNS} FROM "TierHolding" WHERE "identityId" = $1::text`;
const UPSERT_SQL = `
INSERT INTO "TierHolding" ("communityId", "identityId", "tierId", "since", "grantedRoleId", "discordUserId", "updatedAt")
VALUES ($1::text, $2::text, $3::text, $4::timestamp, $5::text, $6::text, $4::timestamp)
ON CONFLICT ("communityId", "identityId") DO UPDATE
SET "tierId" = EXCLUDED."tierId", "since" = EXCLUDED."since", "grantedRoleId" = EXCLUDED."grantedRoleId", "discordUserId" = EXCLUDED."discordUserId", "updatedAt" = EXCLUDED."updatedAt"`;
const DELETE_SQL = `DELETE FROM "TierHolding" WHERE "communityId" = $1::text AND "identityId" = $2::text`;
const GRANT_SQL = `
UPDATE "TierHolding" SET "grantedRoleId" = $3::text, "discordUserId" = $4::text, "updatedAt" = $5::timestamp
WHERE "communityId" = $1::text AND "identityId" = $2::text`;
const CHANGE_SQL = `
INSERT INTO "TierChange" ("id", "communityId", "identityId", "fromTier", "toTier", "direction", "points", "at")
VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::int, $8::timestamp)`;
const CHANGE_COLUMNS = `"id", "communityId", "identityId", "fromTier", "toTier", "direction", "points", "at"`;
const CHANGES_SQL = `SELECT ${CHANGE_COLUMNS} FROM "TierChange" WHERE "communityId" = $1::text AND "at" >= $2::timestamp ORDER BY "at", "id"`;
const CHANGE_BY_ID_SQL = `SELECT ${CHANGE_COLUMNS} FROM "TierChange" WHERE "id" = $1::text`;
const MOVE_CHANGES_SQL = `UPDATE "TierChange" SET "identityId" = $2::text WHERE "identityId" = $1::text`;

interface HoldingRow {
  communityId: string;
  identityId: string;
  tierId: string;
  since: unknown;
  grantedRoleId: string | null;
  discordUserId: string | null;
}

interface ChangeRow {
  id: string;
  communityId: string;
  identityId: string;
  fromTier: string | null;
  toTier: string | null;
  direction: string;
  points: number;
  at: unknown;
}

const toHolding = (row: HoldingRow): StoredHolding => ({
  communityId: row.communityId,
  personId: row.identityId,
  tierId: row.tierId,
  since: toDate(row.since) ?? new Date(Number.NaN),
  grantedRoleId: row.grantedRoleId,
  discordUserId: row.discordUserId,
});

const toChange = (row: ChangeRow): TierChangeView => ({
  id: row.id,
  communityId: row.communityId,
  personId: row.identityId,
  from: row.fromTier,
  to: row.toTier,
  direction: row.direction === 'demoted' ? 'demoted' : 'promoted',
  points: Number(row.points),
  at: toDate(row.at) ?? new Date(Number.NaN),
});

/** A change to record: who moved from which tier to which, with how many points (its id is given on insert). */
export type ChangeDraft = Omit<TierChangeView, 'id'>;

/** The database recognition's tables live in. */
export type RecognitionDatabase = Pick<Database, 'pool' | 'kind'>;

/** Creates recognition's queries over TierHolding and TierChange. */
export function createTierStore(database: RecognitionDatabase) {
  const db: SqlDb = sqlRunner(database);
  const on = (tx?: Tx): Pick<SqlDb, 'query'> => tx ?? db;
  return {
    /** Serialises work on one person's tier in a community until `tx` ends. */
    async lock(tx: Tx, communityId: string, personId: string): Promise<void> {
      await tx.query(LOCK_SQL, [`recognition:${communityId}:${personId}`]);
    },
    async holding(tx: Tx, communityId: string, personId: string): Promise<StoredHolding | null> {
      const [row] = (await tx.query<HoldingRow>(HOLDING_SQL, [communityId, personId])).rows;
      return row === undefined ? null : toHolding(row);
    },
    async holdings(communityId: string, tx?: Tx): Promise<StoredHolding[]> {
      return (await on(tx).query<HoldingRow>(HOLDINGS_SQL, [communityId])).rows.map(toHolding);
    },
    /** Every community's holding of one person. */
    async ofPerson(tx: Tx, personId: string): Promise<StoredHolding[]> {
      return (await tx.query<HoldingRow>(OF_PERSON_SQL, [personId])).rows.map(toHolding);
    },
    async save(tx: Tx, holding: StoredHolding): Promise<void> {
      await tx.query(UPSERT_SQL, [holding.communityId, holding.personId, holding.tierId, holding.since.toISOString(), holding.grantedRoleId, holding.discordUserId]);
    },
    async remove(tx: Tx, communityId: string, personId: string): Promise<void> {
      await tx.query(DELETE_SQL, [communityId, personId]);
    },
    /** Records the role Heimo granted (null: none held any more). */
    async setGrant(tx: Tx, communityId: string, personId: string, roleId: string | null, discordUserId: string | null, at: Date): Promise<void> {
      await tx.query(GRANT_SQL, [communityId, personId, roleId, discordUserId, at.toISOString()]);
    },
    /** Appends a TierChange row; returns its id. */
    async recordChange(tx: Tx, draft: ChangeDraft): Promise<string> {
      const id = randomUUID();
      await tx.query(CHANGE_SQL, [id, draft.communityId, draft.personId, draft.from, draft.to, draft.direction, draft.points, draft.at.toISOString()]);
      return id;
    },
    async changesSince(communityId: string, since: Date, tx?: Tx): Promise<TierChangeView[]> {
      return (await on(tx).query<ChangeRow>(CHANGES_SQL, [communityId, since.toISOString()])).rows.map(toChange);
    },
    async change(id: string, tx?: Tx): Promise<TierChangeView | null> {
      const [row] = (await on(tx).query<ChangeRow>(CHANGE_BY_ID_SQL, [id])).rows;
      return row === undefined ? null : toChange(row);
    },
    /** A merged person's history follows them. */
    async moveChanges(tx: Tx, fromPersonId: string, toPersonId: string): Promise<void> {
      await tx.query(MOVE_CHANGES_SQL, [fromPersonId, toPersonId]);
    },
  };
}

/** Recognition's queries. */
export type TierStore = ReturnType<typeof createTierStore>;
