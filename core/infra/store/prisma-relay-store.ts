import type { PrismaClient } from '../db/generated/client.ts';
import type { ConversationStatus, EmployeePlatform, Platform, Side } from '../../domain/types.ts';
import { HeimoError } from '../../errors.ts';
import type { LinkDraft, LinkRecord, NewMessageInput, OutboxDraft, RelayStore } from '../../ports/store.ts';
import { ensureAccount, isUniqueViolation, readMessage, type Db } from './prisma-types.ts';

/** Writes outbox drafts with the conversation's next sequence numbers (the row lock orders writers). */
export async function writeOutbox(db: Db, conversationId: string, drafts: OutboxDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const { nextSeq } = await db.conversation.update({
    where: { id: conversationId },
    data: { nextSeq: { increment: drafts.length } },
    select: { nextSeq: true },
  });
  const first = nextSeq - drafts.length;
  await db.outboxEntry.createMany({
    data: drafts.map((draft, index) => ({ conversationId, seq: first + index, platform: draft.platform, kind: draft.kind, payload: draft.payload })),
  });
}

/** Upserts a link; a second call for the same conversation and platform updates it. */
export async function saveLink(db: Db, conversationId: string, link: LinkDraft): Promise<void> {
  const data = { side: link.side, channelId: link.channelId, threadId: link.threadId, cardMessageId: link.cardMessageId, url: link.url };
  await db.threadLink.upsert({
    where: { conversationId_platform: { conversationId, platform: link.platform } },
    update: data,
    create: { ...data, conversationId, platform: link.platform },
  });
}

/** Maps a link row to the port's record. */
export function toLinkRecord(row: { conversationId: string; platform: string; side: string; channelId: string; threadId: string; cardMessageId: string | null; url: string | null }): LinkRecord {
  return { ...row, platform: row.platform as Platform, side: row.side as Side };
}

const insertMessage = async (db: Db, conversationId: string, message: NewMessageInput, authorId: string): Promise<string> => {
  const row = await db.message.create({
    data: { conversationId, platform: message.platform, channelId: message.channelId, externalId: message.externalId, authorId, text: message.text, internal: message.internal },
    select: { id: true },
  });
  return row.id;
};

/** Creates the relay's store on Prisma; duplicates surface as null, never as errors. */
export function createPrismaRelayStore(prisma: PrismaClient): RelayStore {
  const duplicateAsNull = async <T>(work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  };

  return {
    openConversation: async (input) => {
      const askerId = await ensureAccount(prisma, input.message.author);
      return duplicateAsNull(() =>
        prisma.$transaction(async (tx) => {
          const conversation = await tx.conversation.create({
            data: {
              communityId: input.communityId,
              title: input.title,
              askerId,
              destinationPlatform: input.destination.platform,
              destinationChannelId: input.destination.channelId,
              destinationTeamId: input.destination.teamId ?? null,
            },
            select: { id: true },
          });
          const messageId = await insertMessage(tx, conversation.id, input.message, askerId);
          for (const link of input.links) await saveLink(tx, conversation.id, link);
          await writeOutbox(tx, conversation.id, input.deliveries({ conversationId: conversation.id, messageId }));
          return { conversationId: conversation.id, messageId };
        }),
      );
    },

    findLink: async (platform, channelId, threadId) => {
      const row = await prisma.threadLink.findUnique({ where: { platform_channelId_threadId: { platform, channelId, threadId } } });
      return row ? toLinkRecord(row) : null;
    },

    isCopy: async (platform, channelId, externalId) =>
      (await prisma.messageCopy.count({ where: { platform, channelId, externalId } })) > 0,

    findMessage: (platform, channelId, externalId) => readMessage(prisma, { platform, channelId, externalId }),

    conversationState: async (conversationId) => {
      const row = await prisma.conversation.findUnique({ where: { id: conversationId }, select: { status: true, destinationPlatform: true } });
      if (!row) throw new HeimoError('NOT_FOUND', `conversation ${conversationId} does not exist`, { context: { conversationId } });
      return { status: row.status as ConversationStatus, employeePlatform: row.destinationPlatform as EmployeePlatform };
    },

    appendMessage: async (input) => {
      const authorId = await ensureAccount(prisma, input.message.author);
      return duplicateAsNull(() =>
        prisma.$transaction(async (tx) => {
          const messageId = await insertMessage(tx, input.conversationId, input.message, authorId);
          if (input.status) {
            const now = new Date();
            const current = await tx.conversation.findUniqueOrThrow({ where: { id: input.conversationId }, select: { firstResponseAt: true } });
            await tx.conversation.update({
              where: { id: input.conversationId },
              data: { status: input.status, ...(input.status === 'answered' && current.firstResponseAt === null ? { firstResponseAt: now } : {}) },
            });
          }
          await writeOutbox(tx, input.conversationId, input.deliveries(messageId));
          return { messageId };
        }),
      );
    },

    changeMessage: async (messageId, change, deliveries) => {
      await prisma.$transaction(async (tx) => {
        const data = 'text' in change ? { text: change.text, editedAt: new Date() } : { deletedAt: new Date() };
        const row = await tx.message.update({ where: { id: messageId }, data, select: { conversationId: true } });
        await writeOutbox(tx, row.conversationId, deliveries);
      });
    },
  };
}
