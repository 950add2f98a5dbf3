import { randomUUID } from 'node:crypto';
import type { EmployeePlatform, Platform } from '../domain/types.ts';
import type { OutboxDraft } from '../domain/outbox.ts';
import type { ReactedMessage, ReactionInput, ReactionResult, WriteScope } from './port.ts';
import { nowParam, OUTBOX_RECORDSET, outboxRows, type SqlDb } from '../infra/store/sql-support.ts';

// A reaction can be on the message as written, on a copy Heimo posted of it, or on the employee
// card, which stands for the conversation's question (its first message). The ranks only order
// the impossible case of one platform id matching twice.
const REACTED_SQL = `
WITH hit AS (
  SELECT m."id", 'source' AS "on", 1 AS "rank" FROM "Message" m
  WHERE m."platform" = $1::text AND m."channelId" = $2::text AND m."externalId" = $3::text
  UNION ALL
  SELECT c."messageId", 'copy', 2 FROM "MessageCopy" c
  WHERE c."platform" = $1::text AND c."channelId" = $2::text AND c."externalId" = $3::text
  UNION ALL
  SELECT (SELECT f."id" FROM "Message" f WHERE f."conversationId" = l."conversationId" ORDER BY f."createdAt" ASC, f."id" ASC LIMIT 1), 'copy', 3
  FROM "ThreadLink" l
  WHERE l."platform" = $1::text AND l."channelId" = $2::text AND l."threadId" = $3::text AND l."cardMessageId" = $3::text
)
SELECT m."id", m."conversationId", m."platform", m."internal", m."deletedAt" IS NOT NULL AS "deleted", h."on", c."destinationPlatform"
FROM hit h JOIN "Message" m ON m."id" = h."id" JOIN "Conversation" c ON c."id" = m."conversationId"
ORDER BY h."rank" LIMIT 1`;

// A reaction's mirror is queued with its message's order key ($1 is the message's id): after the
// message's post (by seq), before later messages.
const MESSAGE_ORDER_KEY = `(SELECT r."orderKey" FROM "Message" r WHERE r."id" = $1::text)`;

// The mirror follows the first person on a side to add an emoji and the last to take it back.
// Each change that really changed a person's reaction moves the emoji's tally by one, and the
// tally row's lock orders concurrent changes: the one that takes the tally to 1 (or to 0) is the
// one that writes the outbox entry. Counting the Reaction rows instead would let two concurrent
// statements each miss the other's uncommitted row and both decide wrong.
const mirrorSql = (change: string, tally: string, mirrored: number): string => `
WITH changed AS (${change}
), tally AS (${tally}
  RETURNING "holders"
), conv AS (
  UPDATE "Conversation" SET "nextSeq" = "nextSeq" + 1
  WHERE "id" = $5::text AND (SELECT "holders" FROM tally) = ${mirrored} AND jsonb_array_length($7::text::jsonb) > 0
  RETURNING "id", "nextSeq" - 1 AS "first"
), outbox AS (
  INSERT INTO "OutboxEntry" ("id", "conversationId", "seq", "platform", "kind", "payload", "orderKey", "createdAt")
  SELECT d."id", c."id", c."first" + d."i", d."platform", d."kind", d."payload", ${MESSAGE_ORDER_KEY}, $6::timestamp
  FROM conv c, jsonb_to_recordset($7::text::jsonb) ${OUTBOX_RECORDSET}
)
SELECT EXISTS (SELECT 1 FROM changed) AS "changed", EXISTS (SELECT 1 FROM conv) AS "mirrored"`;

const ADD_SQL = mirrorSql(
  `
  INSERT INTO "Reaction" ("id", "messageId", "platform", "emoji", "userId", "createdAt")
  VALUES ($8::text, $1::text, $2::text, $3::text, $4::text, $6::timestamp)
  ON CONFLICT ("messageId", "platform", "emoji", "userId") DO NOTHING
  RETURNING 1`,
  `
  INSERT INTO "ReactionTally" ("messageId", "platform", "emoji", "holders")
  SELECT $1::text, $2::text, $3::text, 1 WHERE EXISTS (SELECT 1 FROM changed)
  ON CONFLICT ("messageId", "platform", "emoji") DO UPDATE SET "holders" = "ReactionTally"."holders" + 1`,
  1,
);

const REMOVE_SQL = mirrorSql(
  `
  DELETE FROM "Reaction"
  WHERE "messageId" = $1::text AND "platform" = $2::text AND "emoji" = $3::text AND "userId" = $4::text
  RETURNING 1`,
  `
  UPDATE "ReactionTally" SET "holders" = "holders" - 1
  WHERE "messageId" = $1::text AND "platform" = $2::text AND "emoji" = $3::text AND EXISTS (SELECT 1 FROM changed)`,
  0,
);

type ReactedRow = { id: string; conversationId: string; platform: string; internal: boolean; deleted: boolean; on: string; destinationPlatform: string };

/** Reads the stored message a reaction is on (see RelayStore.reactedMessage). */
export async function readReactedMessage(db: SqlDb, ref: { platform: Platform; channelId: string; externalId: string }): Promise<ReactedMessage | null> {
  const { rows } = await db.query<ReactedRow>(REACTED_SQL, [ref.platform, ref.channelId, ref.externalId]);
  const row = rows[0];
  if (!row) return null;
  return {
    conversationId: row.conversationId,
    messageId: row.id,
    on: row.on === 'copy' ? 'copy' : 'source',
    sourcePlatform: row.platform as Platform,
    internal: row.internal,
    deleted: row.deleted,
    employeePlatform: row.destinationPlatform as EmployeePlatform,
  };
}

/** Records a reaction and queues its mirror when it flips the side's state (see RelayStore.recordReaction). */
export async function writeReaction(db: SqlDb, input: ReactionInput, delivery: OutboxDraft | null, scope?: WriteScope<ReactionResult>): Promise<ReactionResult> {
  // Without a delivery (no bot can react on the other side) the reaction and its tally are recorded, nothing is queued.
  const params = [input.messageId, input.platform, input.emoji, input.userId, input.conversationId, nowParam(), outboxRows(delivery === null ? [] : [delivery])];
  const run = async (query: Pick<SqlDb, 'query'>): Promise<ReactionResult> => {
    const { rows } = input.added
      ? await query.query<{ changed: boolean; mirrored: boolean }>(ADD_SQL, [...params, randomUUID()])
      : await query.query<{ changed: boolean; mirrored: boolean }>(REMOVE_SQL, params);
    const row = rows[0];
    if (row?.changed !== true) return 'duplicate';
    return row.mirrored ? 'mirrored' : 'recorded';
  };
  if (scope === undefined) return run(db);
  return scope.transaction(async (tx) => {
    const result = await run(tx);
    if (result !== 'duplicate') await scope.after(tx, result);
    return result;
  });
}

// Each emoji that anyone on the side still held gets one removal; the tally's lock orders this
// against concurrent single changes, which then find nothing left to change.
const CLEAR_SQL = `
WITH gone AS (
  DELETE FROM "Reaction"
  WHERE "messageId" = $1::text AND "platform" = $2::text AND ($3::text IS NULL OR "emoji" = $3::text)
  RETURNING 1
), cleared AS (
  UPDATE "ReactionTally" SET "holders" = 0
  WHERE "messageId" = $1::text AND "platform" = $2::text AND ($3::text IS NULL OR "emoji" = $3::text) AND "holders" > 0
  RETURNING "emoji"
), numbered AS (
  SELECT "emoji", (row_number() OVER (ORDER BY "emoji"))::int - 1 AS "i" FROM cleared
), conv AS (
  UPDATE "Conversation" SET "nextSeq" = "nextSeq" + (SELECT COUNT(*)::int FROM cleared)
  WHERE "id" = $4::text AND EXISTS (SELECT 1 FROM cleared)
  RETURNING "id", "nextSeq" - (SELECT COUNT(*)::int FROM cleared) AS "first"
), outbox AS (
  INSERT INTO "OutboxEntry" ("id", "conversationId", "seq", "platform", "kind", "payload", "orderKey", "createdAt")
  SELECT gen_random_uuid()::text, c."id", c."first" + n."i", $5::text, 'reaction.remove',
         jsonb_build_object('messageId', $1::text, 'emoji', n."emoji", 'onto', $6::text), ${MESSAGE_ORDER_KEY}, $7::timestamp
  FROM conv c, numbered n
)
SELECT "emoji" FROM numbered ORDER BY "i"`;

/** Clears a message's reactions on one side and queues the mirrors' removal (see RelayStore.clearReactions). */
export async function clearReactions(
  db: SqlDb,
  input: { conversationId: string; messageId: string; platform: Platform; emoji?: string },
  target: { platform: Platform; onto: 'source' | 'copy' },
): Promise<string[]> {
  const { rows } = await db.query<{ emoji: string }>(CLEAR_SQL, [
    input.messageId,
    input.platform,
    input.emoji ?? null,
    input.conversationId,
    target.platform,
    target.onto,
    nowParam(),
  ]);
  return rows.map((row) => row.emoji);
}
