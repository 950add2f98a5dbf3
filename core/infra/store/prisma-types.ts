import type { PrismaClient } from '../db/generated/client.ts';
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
  const account = await db.platformAccount.upsert({
    where,
    update: data,
    create: { ...data, platform: input.platform, externalId: input.externalId, person: { create: { displayName: input.displayName } } },
    select: { id: true },
  });
  return account.id;
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
  author: { displayName: string; avatarUrl: string | null };
};

/** Selects what `toMessageRecord` needs. */
export const messageSelect = {
  id: true,
  conversationId: true,
  platform: true,
  channelId: true,
  externalId: true,
  text: true,
  internal: true,
  deletedAt: true,
  createdAt: true,
  author: { select: { displayName: true, avatarUrl: true } },
} as const;

/** Maps a message row to the port's record; the question is the conversation's first message. */
export async function toMessageRecord(db: Db, row: MessageRow): Promise<MessageRecord> {
  const first = await db.message.findFirst({
    where: { conversationId: row.conversationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true },
  });
  return {
    id: row.id,
    conversationId: row.conversationId,
    platform: row.platform as Platform,
    channelId: row.channelId,
    externalId: row.externalId,
    text: row.text,
    internal: row.internal,
    deleted: row.deletedAt !== null,
    isQuestion: first?.id === row.id,
    author: { displayName: row.author.displayName, ...(row.author.avatarUrl ? { avatarUrl: row.author.avatarUrl } : {}) },
  };
}
