import { OUTBOX_RECORDSET, outboxRows } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';
import type { DeliveryStream, OutboxDraft } from '../domain/outbox.ts';
import type { OutboxWriter } from './port.ts';

// The conversation row's UPDATE takes its lock, so writers of one conversation get consecutive
// sequence numbers in commit order (as the relay's one-statement writes in sql-relay-store.ts).
// The columns are named: a column added later (with a default) needs no change here.
const ENQUEUE_SQL = `
WITH conv AS (
  UPDATE "Conversation" SET "nextSeq" = "nextSeq" + $2::int
  WHERE "id" = $1::text
  RETURNING "id", "nextSeq" - $2::int AS "first"
)
INSERT INTO "OutboxEntry" ("id", "conversationId", "seq", "platform", "kind", "payload", "createdAt")
SELECT d."id", c."id", c."first" + d."i", d."platform", d."kind", d."payload", $4::timestamp
FROM conv c, jsonb_to_recordset($3::text::jsonb) ${OUTBOX_RECORDSET}`;

/** Inserts outbox entries in `tx` at the conversation's next sequence numbers (nothing for no drafts). */
export async function insertOutboxEntries(tx: Tx, conversationId: string, drafts: OutboxDraft[], now: Date = new Date()): Promise<void> {
  if (drafts.length === 0) return;
  await tx.query(ENQUEUE_SQL, [conversationId, drafts.length, outboxRows(drafts), now.toISOString()]);
}

/** What wakes the delivery worker once a writer's transaction committed. */
export interface OutboxWakeUp {
  /** Runs `work` after `tx` commits (the job system's `afterCommit`); never when it rolls back. */
  afterCommit(tx: Tx, work: () => Promise<void>): void;
  /** The delivery worker's `schedule`. */
  schedule(streams: DeliveryStream[]): Promise<void>;
}

/**
 * The one OutboxWriter: rows in the caller's transaction; with `wake`, the streams it wrote to are
 * scheduled after the commit (without it, or when that fails, the worker's sweep finds them).
 */
export function createSqlOutboxWriter(wake?: OutboxWakeUp): OutboxWriter {
  return {
    async enqueue(tx, conversationId, drafts) {
      await insertOutboxEntries(tx, conversationId, drafts);
      if (wake === undefined || drafts.length === 0) return;
      const streams = [...new Set(drafts.map((draft) => draft.platform))].map((platform) => ({ conversationId, platform }));
      wake.afterCommit(tx, () => wake.schedule(streams));
    },
  };
}
