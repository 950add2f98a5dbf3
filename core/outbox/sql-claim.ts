import { randomUUID } from 'node:crypto';
import type { Platform } from '../domain/types.ts';
import type { DeliveryKind } from '../domain/outbox.ts';
import { DEFAULT_CLAIM_LEASE_MS, type OutboxRecord, type OutboxStore } from './port.ts';
import { LINK_COLUMNS, MESSAGE_SELECT, toLinkRecord, toMessageRecord, type MessageRow, type SqlDb } from '../infra/store/sql-support.ts';

type ClaimRow = {
  id: string | null;
  conversationId: string;
  seq: number;
  platform: string;
  kind: string;
  payload: unknown;
  attempts: number;
  createdAtMs: number | string;
  link: Parameters<typeof toLinkRecord>[0] | null;
  message: MessageRow | null;
  headCreatedAtMs: number | string;
  headClaimedUntilMs: number | string | null;
};

// Claims the next entry (counting the attempt) and reads its link and message: one round trip per
// delivery instead of four. The JSON columns keep the joined rows' names apart.
// Its commit does not wait for the WAL flush (set_config(..., true) lasts for this statement's own
// transaction): the count survives a Heimo crash as it is, and is flushed with the next synchronous
// commit (the entry's `complete`). Only a PostgreSQL crash in between can lose it, and then the
// retried drain job, started before, still marks the delivery a retry (see the worker).
// The next entry is the lowest (orderKey, seq): the order people wrote in, whichever process
// committed first. A message post stored after $3 (now minus the settle window; NULL: no window) is not claimed yet,
// nor anything after it: the head's time of storing then tells the caller how long to wait.
// `createdAt` is stamped when the relay's statement runs, and a loaded database can take longer
// than the window to commit: a message written earlier may still be committing in another
// process. So a recent post (stored after $7, a few seconds ago) also waits the window from when a
// drain first saw it committed (`visibleAt`, set here); an older backlog goes at once.
// The claim is leased until $5 under token $6: while another drain's lease on the head lasts ($4: now),
// nothing is claimed. Two drains racing for the same head both pass the snapshot's test, but the
// UPDATE re-checks its WHERE on the row the first one committed (READ COMMITTED): the second finds
// it leased or sent and claims nothing, so the entry is posted once.
const CLAIM_SQL = `
WITH head AS (
  SELECT "id", "kind", "createdAt", "claimedUntil", "visibleAt",
    ("kind" = 'message.post' AND $3::timestamp IS NOT NULL AND "createdAt" > $7::timestamp) AS "recent"
  FROM "OutboxEntry"
  WHERE "conversationId" = $1::text AND "platform" = $2::text AND "status" = 'pending'
  ORDER BY "orderKey" ASC, "seq" ASC LIMIT 1
), seen AS (
  UPDATE "OutboxEntry" o SET "visibleAt" = $4::timestamp
  FROM head WHERE o."id" = head."id" AND head."recent" AND o."visibleAt" IS NULL
  RETURNING o."id"
), next AS (
  SELECT "id" FROM head
  WHERE ("kind" <> 'message.post' OR $3::timestamp IS NULL
      OR ("createdAt" <= $3::timestamp AND (NOT "recent" OR "visibleAt" <= $3::timestamp)))
    AND ("claimedUntil" IS NULL OR "claimedUntil" <= $4::timestamp)
), claimed AS (
  UPDATE "OutboxEntry" o SET "attempts" = o."attempts" + 1, "claimedUntil" = $5::timestamp, "claimToken" = $6::text
  FROM next WHERE o."id" = next."id" AND o."status" = 'pending' AND (o."claimedUntil" IS NULL OR o."claimedUntil" <= $4::timestamp)
  RETURNING o."id", o."conversationId", o."seq", o."platform", o."kind", o."payload", o."attempts",
    (EXTRACT(EPOCH FROM o."createdAt") * 1000)::float8 AS "createdAtMs"
)
SELECT c.*,
  (SELECT to_jsonb(l) FROM (SELECT ${LINK_COLUMNS} FROM "ThreadLink"
    WHERE "conversationId" = c."conversationId" AND "platform" = c."platform") l) AS "link",
  (SELECT to_jsonb(x) FROM (${MESSAGE_SELECT} WHERE m."id" = c."payload"->>'messageId') x) AS "message",
  set_config('synchronous_commit', 'off', true) AS "asyncCommit",
  (EXTRACT(EPOCH FROM GREATEST(h."createdAt", CASE WHEN h."recent" THEN COALESCE(h."visibleAt", $4::timestamp) END)) * 1000)::float8 AS "headCreatedAtMs",
  (EXTRACT(EPOCH FROM h."claimedUntil") * 1000)::float8 AS "headClaimedUntilMs"
FROM head h LEFT JOIN claimed c ON true`;

// How long a relay transaction may take to commit after stamping its entries: a post stored longer
// ago than the window plus this was surely visible to drains before, so it needs no first sighting.
const SLOW_COMMIT_MS = 5_000;

// How soon a drain that found the next entry held by another drain looks again: the holder goes on
// by itself, so this only covers a holder that died; short, since fresh wake-ups wait behind it.
const HELD_RECHECK_MS = 1_000;

/** The outbox store's claim: the stream's next entry, settled and not leased to another drain, leased to this one. */
export function createClaimSettled(db: SqlDb): OutboxStore['claimSettled'] {
  return async ({ conversationId, platform }, settleMs, leaseMs = DEFAULT_CLAIM_LEASE_MS) => {
    const now = Date.now();
    const claim = randomUUID();
    const { rows } = await db.query<ClaimRow>(CLAIM_SQL, [
      conversationId,
      platform,
      settleMs > 0 ? new Date(now - settleMs).toISOString() : null,
      new Date(now).toISOString(),
      new Date(now + leaseMs).toISOString(),
      claim,
      new Date(now - settleMs - SLOW_COMMIT_MS).toISOString(),
    ]);
    const row = rows[0];
    if (!row) return null;
    if (row.id === null) {
      const heldUntil = row.headClaimedUntilMs === null ? 0 : Number(row.headClaimedUntilMs);
      if (heldUntil > now) return { waitMs: Math.max(1, Math.min(HELD_RECHECK_MS, Math.ceil(heldUntil - now))) };
      const settledAt = Number(row.headCreatedAtMs) + settleMs;
      // Neither held nor settling in our snapshot: another drain claimed it a moment before us.
      return { waitMs: settledAt > now ? Math.ceil(settledAt - now) : HELD_RECHECK_MS };
    }
    const entry: OutboxRecord = {
      id: row.id,
      conversationId: row.conversationId,
      seq: row.seq,
      platform: row.platform as Platform,
      kind: row.kind as DeliveryKind,
      payload: row.payload as Record<string, string>,
      attempts: row.attempts,
      createdAtMs: Number(row.createdAtMs),
    };
    return { entry, link: row.link ? toLinkRecord(row.link) : null, message: row.message ? toMessageRecord(row.message) : null, claim };
  };
}
