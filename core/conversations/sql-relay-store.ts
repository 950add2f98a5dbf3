import { randomUUID } from 'node:crypto';
import type { Database } from '../infra/db/create-database.ts';
import type { ConversationStatus, EmployeePlatform } from '../domain/types.ts';
import { HeimoError } from '../errors.ts';
import type { OutboxDraft } from '../domain/outbox.ts';
import type { LinkDraft } from '../domain/records.ts';
import { orderKey } from '../outbox/index.ts';
import type { RelayStore, WriteScope } from './port.ts';
import { clearReactions, readReactedMessage, writeReaction } from './sql-reactions.ts';
import { createAccountResolver, isUniqueViolation, nowParam, OUTBOX_RECORDSET, outboxRows, readMessage, sqlRunner, toLinkRecord, type SqlDb } from '../infra/store/sql-support.ts';

// Each write below is one statement: atomic on its own, so a unique violation rolls back all of it.
// Message and outbox ids are generated here, so the deliveries are known before the statement runs.
// The conversation row's UPDATE (nextSeq) takes its row lock: writers of one conversation get
// consecutive sequence numbers in commit order.

const OPEN_SQL = `
WITH conv AS (
  INSERT INTO "Conversation" ("id", "communityId", "title", "askerId", "destinationPlatform", "destinationChannelId", "destinationTeamId", "status", "nextSeq", "createdAt", "updatedAt")
  VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $20::text, 1 + $8::int, $9::timestamp, $9::timestamp)
  RETURNING "id"
), msg AS (
  INSERT INTO "Message" ("id", "conversationId", "platform", "channelId", "externalId", "authorId", "text", "internal", "writtenAt", "orderKey", "createdAt")
  SELECT $10::text, c."id", $11::text, $12::text, $13::text, $4::text, $14::text, $15::boolean, $18::timestamp, $19::bigint, $9::timestamp FROM conv c
), links AS (
  INSERT INTO "ThreadLink" ("id", "conversationId", "platform", "side", "channelId", "threadId", "cardMessageId", "url", "createdAt")
  SELECT d."id", c."id", d."platform", d."side", d."channelId", d."threadId", d."cardMessageId", d."url", $9::timestamp
  FROM conv c, jsonb_to_recordset($16::text::jsonb)
    AS d("id" text, "platform" text, "side" text, "channelId" text, "threadId" text, "cardMessageId" text, "url" text)
), outbox AS (
  INSERT INTO "OutboxEntry" ("id", "conversationId", "seq", "platform", "kind", "payload", "orderKey", "createdAt")
  SELECT d."id", c."id", 1 + d."i", d."platform", d."kind", d."payload", d."orderKey", $9::timestamp
  FROM conv c, jsonb_to_recordset($17::text::jsonb) ${OUTBOX_RECORDSET}
)
SELECT "id" FROM conv`;

// Stores nothing (and returns no "first") when the conversation left the status the relay decided
// from, or when the message is a copy Heimo posted: the relay's cached thread state is checked
// here, in the write itself, instead of by a read before it.
// The order keys never go below the question's: a platform clock behind another (or Teams' time of
// storing) must not put a reply before the thread or card it goes into.
const APPEND_SQL = `
WITH question AS (
  SELECT "orderKey" FROM "Message" WHERE "conversationId" = $1::text ORDER BY "createdAt" ASC, "id" ASC LIMIT 1
), copy AS (
  SELECT EXISTS (SELECT 1 FROM "MessageCopy" WHERE "platform" = $6::text AND "channelId" = $7::text AND "externalId" = $8::text) AS "found"
), conv AS (
  UPDATE "Conversation"
  SET "nextSeq" = "nextSeq" + $2::int,
      "status" = COALESCE($3::text, "status"),
      "firstResponseAt" = CASE WHEN $3::text = 'answered' AND "firstResponseAt" IS NULL THEN $4::timestamp ELSE "firstResponseAt" END,
      "updatedAt" = CASE WHEN $3::text IS NULL AND $2::int = 0 THEN "updatedAt" ELSE $4::timestamp END
  WHERE "id" = $1::text AND "status" = $13::text AND NOT (SELECT "found" FROM copy)
  RETURNING "id", "nextSeq" - $2::int AS "first"
), msg AS (
  INSERT INTO "Message" ("id", "conversationId", "platform", "channelId", "externalId", "authorId", "text", "internal", "attachments", "writtenAt", "orderKey", "createdAt")
  SELECT $5::text, c."id", $6::text, $7::text, $8::text, $9::text, $10::text, $11::boolean, $14::text::jsonb, $15::timestamp, GREATEST($16::bigint, (SELECT "orderKey" FROM question)), $4::timestamp FROM conv c
), outbox AS (
  INSERT INTO "OutboxEntry" ("id", "conversationId", "seq", "platform", "kind", "payload", "orderKey", "createdAt")
  SELECT d."id", c."id", c."first" + d."i", d."platform", d."kind", d."payload", GREATEST(d."orderKey", (SELECT "orderKey" FROM question)), $4::timestamp
  FROM conv c, jsonb_to_recordset($12::text::jsonb) ${OUTBOX_RECORDSET}
)
SELECT (SELECT "first" FROM conv) AS "first", (SELECT "found" FROM copy) AS "isCopy"`;

const CHANGE_SQL = `
WITH m AS (
  UPDATE "Message"
  SET "text" = COALESCE($2::text, "text"),
      "editedAt" = CASE WHEN $2::text IS NULL THEN "editedAt" ELSE $3::timestamp END,
      "deletedAt" = CASE WHEN $2::text IS NULL THEN $3::timestamp ELSE "deletedAt" END
  WHERE "id" = $1::text
  RETURNING "conversationId", "orderKey"
), conv AS (
  UPDATE "Conversation" c
  SET "nextSeq" = c."nextSeq" + $4::int, "updatedAt" = $3::timestamp
  FROM m WHERE c."id" = m."conversationId" AND $4::int > 0
  RETURNING c."id", c."nextSeq" - $4::int AS "first", m."orderKey"
), outbox AS (
  INSERT INTO "OutboxEntry" ("id", "conversationId", "seq", "platform", "kind", "payload", "orderKey", "createdAt")
  SELECT d."id", c."id", c."first" + d."i", d."platform", d."kind", d."payload", c."orderKey", $3::timestamp
  FROM conv c, jsonb_to_recordset($5::text::jsonb) ${OUTBOX_RECORDSET}
)
SELECT "conversationId" FROM m`;

// Whether Heimo posted the message, and the thread's link with its conversation's state, in one read.
const THREAD_CONTEXT_SQL = `
SELECT EXISTS (SELECT 1 FROM "MessageCopy" WHERE "platform" = $1::text AND "channelId" = $2::text AND "externalId" = $4::text) AS "isCopy",
  (SELECT to_jsonb(x) FROM (
    SELECT l."conversationId", l."platform", l."side", l."channelId", l."threadId", l."cardMessageId", l."url",
           c."status", c."destinationPlatform", c."communityId"
    FROM "ThreadLink" l JOIN "Conversation" c ON c."id" = l."conversationId"
    WHERE l."platform" = $1::text AND l."channelId" = $2::text AND l."threadId" = $3::text) x) AS "thread"`;

type ThreadContextRow = { isCopy: boolean; thread: (Parameters<typeof toLinkRecord>[0] & { status: string; destinationPlatform: string; communityId: string }) | null };

const linkRows = (links: LinkDraft[]): string => {
  // One link per platform (a later one replaces an earlier one, as an upsert would).
  const byPlatform = new Map(links.map((link) => [link.platform, link]));
  return JSON.stringify([...byPlatform.values()].map((link) => ({
    id: randomUUID(),
    platform: link.platform,
    side: link.side,
    channelId: link.channelId,
    threadId: link.threadId,
    cardMessageId: link.cardMessageId,
    url: link.url,
  })));
};

/** Creates the relay's store on raw SQL over the database's pool; duplicates surface as null, never as errors. */
export function createSqlRelayStore(database: Pick<Database, 'pool' | 'kind'>): RelayStore {
  const db: SqlDb = sqlRunner(database);
  const ensureAccount = createAccountResolver(db);
  // A write on its own (one statement, auto-committed), or inside the scope's transaction with its `after` work.
  const write = async <R, S>(text: string, params: unknown[], scope: WriteScope<S> | undefined, result: (rows: R[]) => S | null): Promise<R[]> => {
    if (scope === undefined) return (await db.query<R>(text, params)).rows;
    return scope.transaction(async (tx) => {
      const { rows } = await tx.query<R>(text, params);
      const stored = result(rows);
      if (stored !== null) await scope.after(tx, stored);
      return rows;
    });
  };
  const duplicateAsNull = async <T>(work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  };

  return {
    openConversation: async (input, scope) => {
      const askerId = await ensureAccount(input.message.author);
      const conversationId = randomUUID();
      const messageId = randomUUID();
      const drafts = input.deliveries({ conversationId, messageId });
      const { message, destination } = input;
      // The question's deliveries (thread, card) go in the order it was written.
      const key = orderKey(message, Date.now());
      const ids = { conversationId, messageId };
      return duplicateAsNull(async () => {
        await write(OPEN_SQL, [
          conversationId,
          input.communityId,
          input.title,
          askerId,
          destination.platform,
          destination.channelId,
          destination.teamId ?? null,
          drafts.length,
          nowParam(),
          messageId,
          message.platform,
          message.channelId,
          message.externalId,
          message.text,
          message.internal,
          linkRows(input.links),
          outboxRows(drafts, () => key),
          message.writtenAt?.toISOString() ?? null,
          key,
          input.status ?? 'open',
        ], scope, () => ids);
        return ids;
      });
    },

    threadContext: async ({ platform, channelId, threadId, externalId }) => {
      const { rows } = await db.query<ThreadContextRow>(THREAD_CONTEXT_SQL, [platform, channelId, threadId, externalId]);
      const thread = rows[0]?.thread ?? null;
      return {
        isCopy: rows[0]?.isCopy === true,
        link: thread ? toLinkRecord(thread) : null,
        state: thread ? { status: thread.status as ConversationStatus, communityId: thread.communityId, employeePlatform: thread.destinationPlatform as EmployeePlatform } : null,
      };
    },

    findMessage: (platform, channelId, externalId) => readMessage(db, { platform, channelId, externalId }),

    conversationState: async (conversationId) => {
      const { rows } = await db.query<{ status: string; destinationPlatform: string; communityId: string }>(
        `SELECT "status", "destinationPlatform", "communityId" FROM "Conversation" WHERE "id" = $1::text`,
        [conversationId],
      );
      const row = rows[0];
      if (!row) throw new HeimoError('NOT_FOUND', `conversation ${conversationId} does not exist`, { context: { conversationId } });
      return { status: row.status as ConversationStatus, communityId: row.communityId, employeePlatform: row.destinationPlatform as EmployeePlatform };
    },

    appendMessage: async (input, scope) => {
      const authorId = await ensureAccount(input.message.author);
      const messageId = randomUUID();
      const drafts = input.deliveries(messageId);
      const { message } = input;
      // The message's post goes in the order it was written; a card update has no source message of its own.
      const storedAtMs = Date.now();
      const key = orderKey(message, storedAtMs);
      const keyOf = (draft: OutboxDraft): number => (draft.kind === 'card.update' ? orderKey(null, storedAtMs) : key);
      const result = await duplicateAsNull(async () => {
        const rows = await write<{ first: number | null; isCopy: boolean }, string>(APPEND_SQL, [
          input.conversationId,
          drafts.length,
          input.status ?? null,
          nowParam(),
          messageId,
          message.platform,
          message.channelId,
          message.externalId,
          authorId,
          message.text,
          message.internal,
          outboxRows(drafts, keyOf),
          input.expectedStatus,
          message.attachments === undefined || message.attachments.length === 0 ? null : JSON.stringify(message.attachments),
          message.writtenAt?.toISOString() ?? null,
          key,
        ], scope, (found) => (found[0]?.first === null || found[0]?.first === undefined ? null : messageId));
        return rows[0];
      });
      if (result === null) return { status: 'duplicate' };
      if (result?.first !== null && result?.first !== undefined) return { status: 'stored', messageId };
      return result?.isCopy ? { status: 'echo' } : { status: 'stale' };
    },

    reactedMessage: (ref) => readReactedMessage(db, ref),

    recordReaction: (input, delivery, scope) => writeReaction(db, input, delivery, scope),

    clearReactions: (input, target) => clearReactions(db, input, target),

    changeMessage: async (messageId, change, deliveries, scope) => {
      const text = 'text' in change ? change.text : null;
      const params = [messageId, text, nowParam(), deliveries.length, outboxRows(deliveries)];
      const rows = await write<{ conversationId: string }, string>(CHANGE_SQL, params, scope, (changed) => changed[0]?.conversationId ?? null);
      if (rows.length === 0) throw new HeimoError('NOT_FOUND', `message ${messageId} does not exist`, { context: { messageId } });
    },
  };
}
