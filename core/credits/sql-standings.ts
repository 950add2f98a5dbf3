import type { AccountRef } from '../domain/domain-events.ts';
import type { Platform } from '../domain/types.ts';
import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, toDate, type SqlDb } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';
import type { CreditReason } from './port.ts';

// Credits' read side over its own ledger ("CreditEntry"): sums per account, and one person's rows
// for a profile. Grouping accounts into people is standings.ts's work (through identity's port).

/** The database the standings read from outside transactions. */
export type StandingsDatabase = Pick<Database, 'pool' | 'kind'>;

/** Points of one account. */
export interface AccountTotal extends AccountRef {
  points: number;
}

/** Which rows a sum counts: community rows, staff rows, or both. */
export type RowKind = 'community' | 'staff' | 'any';

/** One ledger row as a profile counts it. */
export interface ProfileRow {
  reason: CreditReason;
  points: number;
  staff: boolean;
  createdAt: Date;
  conversationId: string | null;
  articleId: string | null;
  /** Another row reverses this one (a deleted answer, a moderator's revoke). */
  reversed: boolean;
}

/** Credits' read statements. */
export interface StandingsStore {
  /** Sum of points per account since `since` (null: all time); accounts summing to nothing are left out. */
  totals(communityId: string, since: Date | null, kind: RowKind, tx?: Tx): Promise<AccountTotal[]>;
  /** Every row of the accounts in the community, oldest first. */
  rowsOf(communityId: string, accounts: readonly AccountRef[], tx?: Tx): Promise<ProfileRow[]>;
}

// `$3` null counts every row; a reversal carries the staff flag of the row it reverses.
const TOTALS_SQL = `
SELECT e."platform", e."userId", SUM(e."points")::int AS "points"
FROM "CreditEntry" e
WHERE e."communityId" = $1::text
  AND ($2::timestamp IS NULL OR e."createdAt" >= $2::timestamp)
  AND ($3::boolean IS NULL OR e."staff" = $3::boolean)
GROUP BY e."platform", e."userId"
HAVING SUM(e."points") <> 0`;

// Accounts travel as one JSON text parameter, as in every Heimo store.
const ROWS_SQL = `
SELECT e."reason", e."points", e."staff", e."createdAt", e."conversationId", e."articleId",
  EXISTS (SELECT 1 FROM "CreditEntry" r WHERE r."reversesId" = e."id") AS "reversed"
FROM "CreditEntry" e
JOIN jsonb_to_recordset($2::text::jsonb) AS a("platform" text, "userId" text) ON a."platform" = e."platform" AND a."userId" = e."userId"
WHERE e."communityId" = $1::text
ORDER BY e."createdAt", e."id"`;

// TIMESTAMP(3) columns hold UTC wall time: ISO text casts to it unchanged (see nowParam).
const timestamp = (at: Date | null): string | null => (at === null ? null : at.toISOString());

const staffParam = (kind: RowKind): boolean | null => (kind === 'any' ? null : kind === 'staff');

/** Creates the standings' statements on the database's pool (or the caller's transaction). */
export function createSqlStandingsStore(database: StandingsDatabase): StandingsStore {
  const pool: SqlDb = sqlRunner(database);
  return {
    async totals(communityId, since, kind, tx) {
      const { rows } = await (tx ?? pool).query<{ platform: string; userId: string; points: number }>(TOTALS_SQL, [communityId, timestamp(since), staffParam(kind)]);
      return rows.map((row) => ({ platform: row.platform as Platform, userId: row.userId, points: Number(row.points) }));
    },
    async rowsOf(communityId, accounts, tx) {
      if (accounts.length === 0) return [];
      const wanted = JSON.stringify(accounts.map(({ platform, userId }) => ({ platform, userId })));
      const { rows } = await (tx ?? pool).query<Omit<ProfileRow, 'createdAt'> & { createdAt: unknown }>(ROWS_SQL, [communityId, wanted]);
      return rows.map((row) => ({ ...row, points: Number(row.points), createdAt: toDate(row.createdAt) ?? new Date(0) }));
    },
  };
}
