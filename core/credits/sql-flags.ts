import { randomUUID } from 'node:crypto';
import { toDate } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';

// Ring flags: one open flag per sorted member set; moderators decide them (status) later.

/** What a flag records of a ring. */
export interface RingEvidence {
  credits: number;
  share: number;
  windowDays: number;
}

/** An open flag as stored (members are identity ids). */
export interface StoredFlag {
  id: string;
  communityId: string;
  members: string[];
  evidence: RingEvidence;
  status: 'open' | 'cleared' | 'confirmed';
  flaggedAt: Date;
}

// Flags of one community are written one transaction at a time, so two listeners never both open one.
const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('credit-flag:' || $1::text))`;

const OPEN_SQL = `SELECT "id" FROM "CreditFlag" WHERE "communityId" = $1::text AND "status" = 'open' AND "members" = ARRAY(SELECT jsonb_array_elements_text($2::text::jsonb))`;

const INSERT_SQL = `INSERT INTO "CreditFlag" ("id", "communityId", "kind", "members", "evidence", "status", "flaggedAt")
VALUES ($1::text, $2::text, 'ring', ARRAY(SELECT jsonb_array_elements_text($3::text::jsonb)), $4::text::jsonb, 'open', $5::timestamp)`;

const LIST_SQL = `SELECT "id", "communityId", "members", "evidence", "status", "flaggedAt" FROM "CreditFlag"
WHERE "communityId" = $1::text AND "status" = 'open' ORDER BY "flaggedAt" DESC, "id"`;

const FLAGGED_SQL = `SELECT 1 FROM "CreditFlag" WHERE "communityId" = $1::text AND "status" = 'open' AND $2::text = ANY("members") LIMIT 1`;

type FlagRow = { id: string; communityId: string; members: string[]; evidence: unknown; status: string; flaggedAt: unknown };

/** A runner: a transaction, or the pool. */
export type Runner = Pick<Tx, 'query'>;

/** Opens a flag for the group unless one is open; true when it opened one. */
export async function openFlag(tx: Tx, communityId: string, members: readonly string[], evidence: RingEvidence, at: Date): Promise<boolean> {
  const sorted = [...members].sort();
  await tx.query(LOCK_SQL, [communityId]);
  if ((await tx.query(OPEN_SQL, [communityId, JSON.stringify(sorted)])).rows.length > 0) return false;
  await tx.query(INSERT_SQL, [randomUUID(), communityId, JSON.stringify(sorted), JSON.stringify(evidence), at.toISOString()]);
  return true;
}

/** Open flags of a community, newest first. */
export async function openFlags(run: Runner, communityId: string): Promise<StoredFlag[]> {
  return (await run.query<FlagRow>(LIST_SQL, [communityId])).rows.map((row) => ({
    id: row.id,
    communityId: row.communityId,
    members: row.members,
    evidence: (typeof row.evidence === 'string' ? JSON.parse(row.evidence) : row.evidence) as RingEvidence,
    status: row.status as StoredFlag['status'],
    flaggedAt: toDate(row.flaggedAt) ?? new Date(0),
  }));
}

/** True when the person is a member of an open flag. */
export async function isFlagged(run: Runner, communityId: string, personId: string): Promise<boolean> {
  return (await run.query(FLAGGED_SQL, [communityId, personId])).rows.length > 0;
}
