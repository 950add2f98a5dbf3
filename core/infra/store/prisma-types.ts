import { Prisma, type PrismaClient } from '../db/generated/client.ts';
import type { Platform } from '../../domain/types.ts';
import type { AccountInput, MessageRecord } from '../../ports/store.ts';

/** The Prisma client, or the transaction client handed to `$transaction` callbacks. */
export type Db = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** True for Prisma's unique-constraint violation (a redelivered event, a concurrent insert). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Finds or creates the platform account (and its person), refreshing name and avatar. */
export async function upsertAccount(db: Db, input: AccountInput): Promise<string> {
  const data = { displayName: input.displayName, avatarUrl: input.avatarUrl ?? null, isBot: input.isBot };
  const where = { platform_externalId: { platform: input.platform, externalId: input.externalId } };
  // Nearly every message comes from a known account whose profile did not change: read it, and
  // write only a change (an upsert here is three statements and rewrites and locks the row every time).
  const known = await db.platformAccount.findUnique({ where, select: { id: true, displayName: true, avatarUrl: true, isBot: true } });
  if (known) {
    if (known.displayName !== data.displayName || known.avatarUrl !== data.avatarUrl || known.isBot !== data.isBot) {
      await db.platformAccount.update({ where: { id: known.id }, data, select: { id: true } });
    }
    return known.id;
  }
  const account = await db.platformAccount.upsert({
    where,
    update: data,
    create: { ...data, platform: input.platform, externalId: input.externalId, person: { create: { displayName: input.displayName } } },
    select: { id: true },
  });
  return account.id;
}

/**
 * The account's id, created if needed, outside any message transaction: when two first messages of
 * a new person arrive at once, one creation loses the race with a unique violation, and inside the
 * message's transaction that violation would pass for a duplicate message and drop it.
 */
export async function ensureAccount(prisma: PrismaClient, input: AccountInput): Promise<string> {
  try {
    return await upsertAccount(prisma, input);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return upsertAccount(prisma, input); // the other writer created it: found now
  }
}

type MessageRow = {
  id: string;
  conversationId: string;
  platform: string;
  channelId: string;
  externalId: string;
  text: string;
  internal: boolean;
  deletedAt: Date | null;
  authorName: string;
  authorAvatarUrl: string | null;
  isQuestion: boolean;
};

/** Which stored message to read: by id, or by its platform identity. */
export type MessageKey = { id: string } | { platform: string; channelId: string; externalId: string };

/**
 * Reads a message with its author and whether it is the question (the conversation's first
 * message) in one statement; through Prisma's API that is three.
 */
export async function readMessage(db: Db, key: MessageKey): Promise<MessageRecord | null> {
  const where = 'id' in key
    ? Prisma.sql`m."id" = ${key.id}`
    : Prisma.sql`m."platform" = ${key.platform} AND m."channelId" = ${key.channelId} AND m."externalId" = ${key.externalId}`;
  const rows = await db.$queryRaw<MessageRow[]>`
    SELECT m."id", m."conversationId", m."platform", m."channelId", m."externalId", m."text", m."internal", m."deletedAt",
           a."displayName" AS "authorName", a."avatarUrl" AS "authorAvatarUrl",
           m."id" = (SELECT f."id" FROM "Message" f WHERE f."conversationId" = m."conversationId"
                     ORDER BY f."createdAt" ASC, f."id" ASC LIMIT 1) AS "isQuestion"
    FROM "Message" m JOIN "PlatformAccount" a ON a."id" = m."authorId"
    WHERE ${where}`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    conversationId: row.conversationId,
    platform: row.platform as Platform,
    channelId: row.channelId,
    externalId: row.externalId,
    text: row.text,
    internal: row.internal,
    deleted: row.deletedAt !== null,
    isQuestion: row.isQuestion === true,
    author: { displayName: row.authorName, ...(row.authorAvatarUrl ? { avatarUrl: row.authorAvatarUrl } : {}) },
  };
}
