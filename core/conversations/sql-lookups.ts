import type { MessageRef } from '../domain/domain-events.ts';
import type { ConversationStatus, Destination, EmployeePlatform, Platform } from '../domain/types.ts';
import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, toDate } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';

/** A conversation as commands find it. */
export interface ConversationSummary {
  conversationId: string;
  communityId: string;
  title: string;
  status: ConversationStatus;
  askedAt: Date;
  destination: Destination;
}

/** Where a conversation lives on one platform (a thread, or a card and its thread). */
export type ThreadKey = { platform: Platform; channelId?: string; threadId: string } | { url: string };

/** The employee card a move leaves behind (its ids go into the moved card's note). */
export interface EmployeeCard {
  platform: EmployeePlatform;
  channelId: string;
  threadId: string;
  cardMessageId: string | null;
  url: string | null;
}

const SUMMARY = `SELECT c."id" AS "conversationId", c."communityId", c."title", c."status", c."createdAt" AS "askedAt",
  c."destinationPlatform", c."destinationChannelId", c."destinationTeamId" FROM "Conversation" c`;

type SummaryRow = { conversationId: string; communityId: string; title: string; status: string; askedAt: unknown; destinationPlatform: string; destinationChannelId: string; destinationTeamId: string | null };

const toSummary = (row: SummaryRow): ConversationSummary => ({
  conversationId: row.conversationId,
  communityId: row.communityId,
  title: row.title,
  status: row.status as ConversationStatus,
  askedAt: toDate(row.askedAt) ?? new Date(0),
  destination: {
    platform: row.destinationPlatform as EmployeePlatform,
    channelId: row.destinationChannelId,
    ...(row.destinationTeamId === null ? {} : { teamId: row.destinationTeamId }),
  },
});

/**
 * Reads (and the one rewrite a move needs) of the conversations' tables for other capabilities:
 * questions by id, thread or link, askers, messages a command names, and the employee card.
 */
export function createSqlConversationLookups(database: Pick<Database, 'pool' | 'kind'>) {
  const db = sqlRunner(database);
  const one = async (sql: string, params: unknown[]): Promise<ConversationSummary | null> => {
    const { rows } = await db.query<SummaryRow>(sql, params);
    return rows[0] ? toSummary(rows[0]) : null;
  };
  return {
    /** The conversation with this id in the community (in any with null). */
    byId: (communityId: string | null, conversationId: string) =>
      one(`${SUMMARY} WHERE c."id" = $1::text AND ($2::text IS NULL OR c."communityId" = $2::text)`, [conversationId, communityId]),

    /**
     * The conversation a platform thread (or card) belongs to, in the community. Discord hands the
     * thread as the channel, so there the thread id alone names it. In any community with null.
     */
    byThread: (communityId: string | null, key: ThreadKey) =>
      'url' in key
        ? one(`${SUMMARY} JOIN "ThreadLink" l ON l."conversationId" = c."id" WHERE l."url" = $1::text AND ($2::text IS NULL OR c."communityId" = $2::text) LIMIT 1`, [key.url, communityId])
        : one(
            `${SUMMARY} JOIN "ThreadLink" l ON l."conversationId" = c."id"
             WHERE l."platform" = $1::text AND (l."threadId" = $2::text OR l."cardMessageId" = $2::text)
               AND ($3::text IS NULL OR l."channelId" = $3::text OR l."platform" = 'discord') AND ($4::text IS NULL OR c."communityId" = $4::text)
             LIMIT 1`,
            [key.platform, key.threadId, key.channelId ?? null, communityId],
          ),

    /** True when the account (or another account of the same person) asked the conversation. */
    async isAsker(conversationId: string, account: { platform: Platform; userId: string }): Promise<boolean> {
      const { rows } = await db.query(
        `SELECT 1 FROM "Conversation" c JOIN "PlatformAccount" asker ON asker."id" = c."askerId"
         JOIN "PlatformAccount" a ON a."platform" = $2::text AND a."externalId" = $3::text
         WHERE c."id" = $1::text AND (a."id" = asker."id" OR a."personId" = asker."personId")`,
        [conversationId, account.platform, account.userId],
      );
      return rows.length > 0;
    },

    /** The stored message a platform message is (as written, or as Heimo's copy of it) in the conversation. */
    async findMessage(conversationId: string, target: { platform: Platform; channelId: string; messageId: string }): Promise<MessageRef | null> {
      const { rows } = await db.query<{ id: string; platform: string; authorId: string }>(
        `SELECT m."id", m."platform", a."externalId" AS "authorId" FROM "Message" m JOIN "PlatformAccount" a ON a."id" = m."authorId"
         WHERE m."conversationId" = $1::text AND m."deletedAt" IS NULL AND (
           (m."platform" = $2::text AND m."externalId" = $4::text AND (m."channelId" = $3::text OR m."platform" = 'discord'))
           OR m."id" IN (SELECT k."messageId" FROM "MessageCopy" k WHERE k."platform" = $2::text AND k."externalId" = $4::text AND (k."channelId" = $3::text OR k."platform" = 'discord')))
         LIMIT 1`,
        [conversationId, target.platform, target.channelId, target.messageId],
      );
      const row = rows[0];
      return row ? { messageId: row.id, platform: row.platform as Platform, authorId: row.authorId } : null;
    },

    /** The latest public answer an employee (Slack, Teams) wrote in the conversation. */
    async latestEmployeeAnswer(conversationId: string): Promise<MessageRef | null> {
      const { rows } = await db.query<{ id: string; platform: string; authorId: string }>(
        `SELECT m."id", m."platform", a."externalId" AS "authorId" FROM "Message" m JOIN "PlatformAccount" a ON a."id" = m."authorId"
         WHERE m."conversationId" = $1::text AND m."platform" IN ('slack', 'teams') AND NOT m."internal" AND m."deletedAt" IS NULL
         ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1`,
        [conversationId],
      );
      const row = rows[0];
      return row ? { messageId: row.id, platform: row.platform as Platform, authorId: row.authorId } : null;
    },

    /** The name Heimo knows a platform account by; null when it never saw them. */
    async accountName(platform: Platform, userId: string): Promise<string | null> {
      const { rows } = await db.query<{ displayName: string }>(`SELECT "displayName" FROM "PlatformAccount" WHERE "platform" = $1::text AND "externalId" = $2::text`, [platform, userId]);
      return rows[0]?.displayName ?? null;
    },

    /** Open conversations (not resolved or closed) of a community whose destination is the channel, oldest first. */
    async openAt(tx: Tx | null, communityId: string, channelId: string): Promise<ConversationSummary[]> {
      const { rows } = await (tx ?? db).query<SummaryRow>(
        `${SUMMARY} WHERE c."communityId" = $1::text AND c."destinationChannelId" = $2::text AND c."status" NOT IN ('resolved', 'closed') ORDER BY c."createdAt", c."id"`,
        [communityId, channelId],
      );
      return rows.map(toSummary);
    },

    /**
     * Points the conversation at a new destination and drops its employee card link, so the new
     * card's link takes its place (one link per platform); returns the card left behind. Locks the
     * conversation row first, as every writer of a conversation does.
     */
    async moveDestination(tx: Tx, conversationId: string, destination: Destination): Promise<EmployeeCard | null> {
      await tx.query(
        `UPDATE "Conversation" SET "destinationPlatform" = $2::text, "destinationChannelId" = $3::text, "destinationTeamId" = $4::text, "updatedAt" = $5::timestamp WHERE "id" = $1::text`,
        [conversationId, destination.platform, destination.channelId, destination.teamId ?? null, new Date().toISOString()],
      );
      const { rows } = await tx.query<EmployeeCard>(
        `DELETE FROM "ThreadLink" WHERE "conversationId" = $1::text AND "side" = 'employee' RETURNING "platform", "channelId", "threadId", "cardMessageId", "url"`,
        [conversationId],
      );
      return rows[0] ?? null;
    },
  };
}

/** The conversations' lookups (see createSqlConversationLookups). */
export type ConversationLookups = ReturnType<typeof createSqlConversationLookups>;
