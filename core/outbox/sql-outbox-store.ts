import { randomUUID } from 'node:crypto';
import type { Database } from '../infra/db/create-database.ts';
import type { ConversationStatus, EmployeePlatform, Platform } from '../domain/types.ts';
import { HeimoError } from '../errors.ts';
import type { DeliveryEffect, OutboxRecord, OutboxStore } from './port.ts';
import type { DeliveryKind, DeliveryStream } from '../domain/outbox.ts';
import { LINK_COLUMNS, nowParam, optionalDate, readMessage, sqlRunner, type SqlDb } from '../infra/store/sql-support.ts';
import { createClaimSettled } from './sql-claim.ts';

const toStreams = (rows: Array<{ conversationId: string; platform: string }>): DeliveryStream[] => {
  const seen = new Map<string, DeliveryStream>();
  for (const row of rows) seen.set(`${row.conversationId}:${row.platform}`, { conversationId: row.conversationId, platform: row.platform as Platform });
  return [...seen.values()];
};

type ViewRow = {
  id: string;
  communityId: string;
  title: string;
  status: string;
  destinationPlatform: string;
  destinationChannelId: string;
  destinationTeamId: string | null;
  askerName: string;
  askerAvatarUrl: string | null;
  questionText: string | null;
  questionDeleted: boolean | null;
  questionWrittenAt: unknown;
  customerThreadUrl: string | null;
};

// What a card shows, in one read: the conversation, its asker, its question and the customer's thread.
const VIEW_SQL = `
SELECT c."id", c."communityId", c."title", c."status", c."destinationPlatform", c."destinationChannelId", c."destinationTeamId",
       a."displayName" AS "askerName", a."avatarUrl" AS "askerAvatarUrl",
       q."text" AS "questionText", q."deletedAt" IS NOT NULL AS "questionDeleted", q."writtenAt" AS "questionWrittenAt",
       (SELECT l."url" FROM "ThreadLink" l WHERE l."conversationId" = c."id" AND l."platform" = 'discord') AS "customerThreadUrl"
FROM "Conversation" c
JOIN "PlatformAccount" a ON a."id" = c."askerId"
LEFT JOIN LATERAL (SELECT m."text", m."deletedAt", m."writtenAt" FROM "Message" m WHERE m."conversationId" = c."id"
                   ORDER BY m."createdAt" ASC, m."id" ASC LIMIT 1) q ON true
WHERE c."id" = $1::text`;

// A moderator's chat command sees only their community's conversations.
const inCommunity = (filter: { communityId?: string } | undefined) =>
  filter?.communityId === undefined ? {} : { conversation: { communityId: filter.communityId } };

const notFound = (id: string): HeimoError => new HeimoError('NOT_FOUND', `outbox entry ${id} does not exist`, { context: { entryId: id } });

/**
 * Marking an entry sent and recording what the delivery changed, as ONE statement (atomic without a
 * transaction). Every effect depends on the entry's row (`sent`), so nothing is written for an
 * unknown entry. Copies: the new parts are upserted and the message's other copies on the platform
 * deleted; the two touch disjoint rows, as one statement requires.
 */
function completeStatement(id: string, effects: DeliveryEffect[]): { text: string; params: unknown[] } {
  const params: unknown[] = [id, nowParam()];
  const param = (value: unknown, cast: string): string => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const ctes = [
    `sent AS (UPDATE "OutboxEntry" SET "status" = 'sent', "sentAt" = $2::timestamp, "lastError" = NULL, "claimedUntil" = NULL WHERE "id" = $1::text RETURNING "conversationId", "platform")`,
  ];
  effects.forEach((effect, index) => {
    if (effect.type === 'link') {
      const { link } = effect;
      ctes.push(`link${index} AS (
        INSERT INTO "ThreadLink" ("id", "conversationId", "platform", "side", "channelId", "threadId", "cardMessageId", "url", "createdAt")
        SELECT ${param(randomUUID(), 'text')}, s."conversationId", ${param(link.platform, 'text')}, ${param(link.side, 'text')}, ${param(link.channelId, 'text')},
               ${param(link.threadId, 'text')}, ${param(link.cardMessageId, 'text')}, ${param(link.url, 'text')}, $2::timestamp
        FROM sent s
        ON CONFLICT ("conversationId", "platform") DO UPDATE
        SET "side" = EXCLUDED."side", "channelId" = EXCLUDED."channelId", "threadId" = EXCLUDED."threadId",
            "cardMessageId" = EXCLUDED."cardMessageId", "url" = EXCLUDED."url")`);
      return;
    }
    const messageId = param(effect.messageId, 'text');
    const platform = param(effect.platform, 'text');
    const channelId = param(effect.channelId, 'text');
    // A part id listed twice is stored once, at its first part (an upsert cannot touch a row twice).
    const rows = new Map<string, { id: string; externalId: string; part: number }>();
    effect.partIds.forEach((externalId, part) => {
      if (!rows.has(externalId)) rows.set(externalId, { id: randomUUID(), externalId, part });
    });
    const parts = param(JSON.stringify([...rows.values()]), 'text::jsonb');
    ctes.push(`copies${index} AS (
      INSERT INTO "MessageCopy" ("id", "messageId", "platform", "channelId", "externalId", "part", "createdAt")
      SELECT d."id", ${messageId}, ${platform}, ${channelId}, d."externalId", d."part", $2::timestamp
      FROM jsonb_to_recordset(${parts}) AS d("id" text, "externalId" text, "part" int)
      WHERE EXISTS (SELECT 1 FROM sent)
      ON CONFLICT ("platform", "channelId", "externalId") DO UPDATE SET "part" = EXCLUDED."part"
      WHERE "MessageCopy"."messageId" = EXCLUDED."messageId")`);
    ctes.push(`stale${index} AS (
      DELETE FROM "MessageCopy" c
      WHERE c."messageId" = ${messageId} AND c."platform" = ${platform} AND EXISTS (SELECT 1 FROM sent)
        AND NOT (c."channelId" = ${channelId} AND c."externalId" IN (SELECT d."externalId" FROM jsonb_to_recordset(${parts}) AS d("externalId" text))))`);
  });
  // Whether the stream has more: the statement's snapshot does not see its own UPDATE, hence `<> $1`.
  const more = `EXISTS (SELECT 1 FROM "OutboxEntry" p WHERE p."conversationId" = s."conversationId" AND p."platform" = s."platform"
    AND p."status" = 'pending' AND p."id" <> $1::text) AS "more"`;
  return { text: `WITH ${ctes.join(',\n')}\nSELECT ${more} FROM sent s`, params };
}

/**
 * Creates the outbox worker's store: the per-delivery statements run as raw SQL on the database's
 * pool; the rare ones (card views, the sweep, dead-entry maintenance) stay on Prisma.
 */
export function createSqlOutboxStore(database: Pick<Database, 'pool' | 'kind' | 'prisma'>): OutboxStore {
  const db: SqlDb = sqlRunner(database);
  const { prisma } = database;
  const claimSettled = createClaimSettled(db);
  return {
    claimNext: async (stream) => {
      const claimed = await claimSettled(stream, 0);
      return claimed === null || 'waitMs' in claimed ? null : claimed;
    },

    claimSettled,

    renewClaim: async (id, claim, leaseMs) => {
      const { rows } = await db.query(
        `UPDATE "OutboxEntry" SET "claimedUntil" = $3::timestamp WHERE "id" = $1::text AND "claimToken" = $2::text AND "status" = 'pending' RETURNING "id"`,
        [id, claim, new Date(Date.now() + leaseMs).toISOString()],
      );
      return rows.length > 0;
    },

    releaseClaims: async (held) => {
      if (held === undefined) {
        await db.query(`UPDATE "OutboxEntry" SET "claimedUntil" = NULL WHERE "status" = 'pending' AND "claimedUntil" IS NOT NULL`);
        return;
      }
      if (held.length === 0) return;
      await db.query(
        `UPDATE "OutboxEntry" o SET "claimedUntil" = NULL FROM jsonb_to_recordset($1::text::jsonb) AS d("id" text, "claim" text)
         WHERE o."id" = d."id" AND o."claimToken" = d."claim"`,
        [JSON.stringify(held)],
      );
    },

    // The lease ends with the attempt, unless another claim has taken the entry over since.
    releaseAttempt: async (id, claim) => {
      await db.query(
        `UPDATE "OutboxEntry" SET "attempts" = GREATEST("attempts" - 1, 0),
           "claimedUntil" = CASE WHEN $2::text IS NULL OR "claimToken" = $2::text THEN NULL ELSE "claimedUntil" END
         WHERE "id" = $1::text`,
        [id, claim ?? null],
      );
    },

    complete: async (id, effects) => {
      const { text, params } = completeStatement(id, effects);
      const { rows } = await db.query<{ more: boolean }>(text, params);
      const row = rows[0];
      if (!row) throw notFound(id);
      return { morePending: row.more };
    },

    fail: async (id, error, dead, claim) => {
      const { rows } = await db.query(
        `UPDATE "OutboxEntry" SET "lastError" = $2::text, "status" = CASE WHEN $3::boolean THEN 'dead' ELSE "status" END,
           "claimedUntil" = CASE WHEN $4::text IS NULL OR "claimToken" = $4::text THEN NULL ELSE "claimedUntil" END
         WHERE "id" = $1::text RETURNING "id"`,
        [id, error.slice(0, 2000), dead, claim ?? null],
      );
      if (rows.length === 0) throw notFound(id);
    },

    conversationView: async (conversationId) => {
      const { rows } = await db.query<ViewRow>(VIEW_SQL, [conversationId]);
      const row = rows[0];
      if (!row) throw new HeimoError('NOT_FOUND', `conversation ${conversationId} does not exist`, { context: { conversationId } });
      return {
        id: row.id,
        communityId: row.communityId,
        title: row.title,
        status: row.status as ConversationStatus,
        destination: {
          platform: row.destinationPlatform as EmployeePlatform,
          channelId: row.destinationChannelId,
          ...(row.destinationTeamId ? { teamId: row.destinationTeamId } : {}),
        },
        asker: { displayName: row.askerName, ...(row.askerAvatarUrl ? { avatarUrl: row.askerAvatarUrl } : {}) },
        questionText: row.questionText === null ? '' : row.questionDeleted ? '_(the customer deleted this question)_' : row.questionText,
        customerThreadUrl: row.customerThreadUrl,
        ...optionalDate('questionWrittenAt', row.questionWrittenAt),
      };
    },

    message: async (id) => {
      const record = await readMessage(db, { id });
      if (!record) throw new HeimoError('NOT_FOUND', `message ${id} does not exist`, { context: { messageId: id } });
      return record;
    },

    copies: async (messageId, platform) => {
      const { rows } = await db.query<{ channelId: string; externalId: string }>(
        `SELECT "channelId", "externalId" FROM "MessageCopy" WHERE "messageId" = $1::text AND "platform" = $2::text ORDER BY "part" ASC`,
        [messageId, platform],
      );
      return { channelId: rows[0]?.channelId ?? '', partIds: rows.map((row) => row.externalId) };
    },

    pendingStreams: async (before) =>
      toStreams(await prisma.outboxEntry.findMany({ where: { status: 'pending', createdAt: { lt: before } }, select: { conversationId: true, platform: true }, distinct: ['conversationId', 'platform'] })),

    listDead: async (filter) =>
      (await prisma.outboxEntry.findMany({ where: { status: 'dead', ...inCommunity(filter) }, orderBy: { createdAt: 'asc' } })).map((row) => ({
        id: row.id,
        conversationId: row.conversationId,
        platform: row.platform as Platform,
        kind: row.kind as DeliveryKind,
        attempts: row.attempts,
        lastError: row.lastError,
        createdAt: row.createdAt,
      })),

    backlog: async () => {
      // Timestamps are UTC wall time without a zone (Prisma's convention): epoch ms reads them as such.
      const { rows } = await db.query<{ platform: string; pending: number; dead: number; oldestMs: number | string | null }>(
        `SELECT "platform", COUNT(*) FILTER (WHERE "status" = 'pending')::int AS "pending", COUNT(*) FILTER (WHERE "status" = 'dead')::int AS "dead",
                (extract(epoch FROM MIN("createdAt") FILTER (WHERE "status" = 'pending')) * 1000)::float8 AS "oldestMs"
         FROM "OutboxEntry" WHERE "status" IN ('pending', 'dead') GROUP BY "platform" ORDER BY "platform"`,
      );
      return rows.map((row) => ({ platform: row.platform as Platform, pending: row.pending, dead: row.dead, oldestPendingAt: row.oldestMs === null ? null : new Date(Number(row.oldestMs)) }));
    },

    reviveDead: async (ids, filter) => {
      const where = { status: 'dead', ...(ids ? { id: { in: ids } } : {}), ...inCommunity(filter) };
      const rows = await prisma.outboxEntry.findMany({ where, select: { conversationId: true, platform: true } });
      await prisma.outboxEntry.updateMany({ where, data: { status: 'pending', attempts: 0 } });
      return toStreams(rows);
    },
  };
}
