import type { PrismaClient } from '../db/generated/client.ts';
import type { ConversationStatus, EmployeePlatform, Platform } from '../../domain/types.ts';
import { HeimoError } from '../../errors.ts';
import type { DeliveryKind, DeliveryStream, OutboxRecord, OutboxStore } from '../../ports/store.ts';
import { saveLink, toLinkRecord } from './prisma-relay-store.ts';
import { readMessage } from './prisma-types.ts';

const toStreams = (rows: Array<{ conversationId: string; platform: string }>): DeliveryStream[] => {
  const seen = new Map<string, DeliveryStream>();
  for (const row of rows) seen.set(`${row.conversationId}:${row.platform}`, { conversationId: row.conversationId, platform: row.platform as Platform });
  return [...seen.values()];
};

/** Creates the outbox worker's store on Prisma. */
export function createPrismaOutboxStore(prisma: PrismaClient): OutboxStore {
  return {
    nextPending: async ({ conversationId, platform }) => {
      const row = await prisma.outboxEntry.findFirst({
        where: { conversationId, platform, status: 'pending' },
        orderBy: { seq: 'asc' },
      });
      if (!row) return null;
      const record: OutboxRecord = {
        id: row.id,
        conversationId: row.conversationId,
        seq: row.seq,
        platform: row.platform as Platform,
        kind: row.kind as DeliveryKind,
        payload: row.payload as Record<string, string>,
        attempts: row.attempts,
      };
      return record;
    },

    beginAttempt: async (id) => (await prisma.outboxEntry.update({ where: { id }, data: { attempts: { increment: 1 } }, select: { attempts: true } })).attempts,

    releaseAttempt: async (id) => {
      await prisma.outboxEntry.updateMany({ where: { id, attempts: { gt: 0 } }, data: { attempts: { decrement: 1 } } });
    },

    complete: async (id, effects) => {
      const sent = { status: 'sent', sentAt: new Date(), lastError: null };
      // One statement needs no transaction (opening a thread, updating a card).
      if (effects.length === 0) {
        await prisma.outboxEntry.update({ where: { id }, data: sent, select: { id: true } });
        return;
      }
      await prisma.$transaction(async (tx) => {
        const entry = await tx.outboxEntry.update({ where: { id }, data: sent, select: { conversationId: true } });
        for (const effect of effects) {
          if (effect.type === 'link') {
            await saveLink(tx, entry.conversationId, effect.link);
            continue;
          }
          await tx.messageCopy.deleteMany({ where: { messageId: effect.messageId, platform: effect.platform } });
          await tx.messageCopy.createMany({
            data: effect.partIds.map((externalId, part) => ({ messageId: effect.messageId, platform: effect.platform, channelId: effect.channelId, externalId, part })),
            skipDuplicates: true,
          });
        }
      });
    },

    fail: async (id, error, dead) => {
      await prisma.outboxEntry.update({ where: { id }, data: { lastError: error.slice(0, 2000), ...(dead ? { status: 'dead' } : {}) } });
    },

    conversationView: async (conversationId) => {
      const row = await prisma.conversation.findUniqueOrThrow({
        where: { id: conversationId },
        include: { asker: true, messages: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 1 } },
      });
      const question = row.messages[0];
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
        asker: { displayName: row.asker.displayName, ...(row.asker.avatarUrl ? { avatarUrl: row.asker.avatarUrl } : {}) },
        questionText: !question ? '' : question.deletedAt ? '_(the customer deleted this question)_' : question.text,
      };
    },

    message: async (id) => {
      const record = await readMessage(prisma, { id });
      if (!record) throw new HeimoError('NOT_FOUND', `message ${id} does not exist`, { context: { messageId: id } });
      return record;
    },

    link: async (conversationId, platform) => {
      const row = await prisma.threadLink.findUnique({ where: { conversationId_platform: { conversationId, platform } } });
      return row ? toLinkRecord(row) : null;
    },

    copies: async (messageId, platform) => {
      const rows = await prisma.messageCopy.findMany({ where: { messageId, platform }, orderBy: { part: 'asc' } });
      return { channelId: rows[0]?.channelId ?? '', partIds: rows.map((row) => row.externalId) };
    },

    pendingStreams: async (before) =>
      toStreams(await prisma.outboxEntry.findMany({ where: { status: 'pending', createdAt: { lt: before } }, select: { conversationId: true, platform: true }, distinct: ['conversationId', 'platform'] })),

    listDead: async () =>
      (await prisma.outboxEntry.findMany({ where: { status: 'dead' }, orderBy: { createdAt: 'asc' } })).map((row) => ({
        id: row.id,
        conversationId: row.conversationId,
        platform: row.platform as Platform,
        kind: row.kind as DeliveryKind,
        attempts: row.attempts,
        lastError: row.lastError,
        createdAt: row.createdAt,
      })),

    reviveDead: async (ids) => {
      const where = { status: 'dead', ...(ids ? { id: { in: ids } } : {}) };
      const rows = await prisma.outboxEntry.findMany({ where, select: { conversationId: true, platform: true } });
      await prisma.outboxEntry.updateMany({ where, data: { status: 'pending', attempts: 0 } });
      return toStreams(rows);
    },
  };
}
