import { isEmployeePlatform, type Attachment, type Destination, type EmployeePlatform, type Platform } from '../domain/types.ts';
import { HeimoError, PlatformRejectedError, hasCode } from '../errors.ts';
import type { CardView, ChatDelivery, CustomerDelivery, EmployeeDelivery, OutboundFile, OutboundMessage, ReactionTarget } from '../ports/delivery.ts';
import { withLateNote } from '../backfill/index.ts';
import type { ClaimedEntry, DeliveryEffect, OutboxRecord, OutboxStore } from './port.ts';
import type { LinkRecord, MessageRecord } from '../domain/records.ts';
import { cardDetails, type CardSources } from './card-details.ts';
import { executeNotice } from './execute-notice.ts';
import { executeReview, type ReviewCards } from './execute-review.ts';
import { executeSuggestions } from './execute-suggestions.ts';
import type { KnowledgeSources } from './knowledge-sources.ts';

/** The platform adapters the worker delivers through; an absent platform keeps its entries pending. */
export interface Deliveries {
  discord?: CustomerDelivery;
  slack?: EmployeeDelivery;
  teams?: EmployeeDelivery;
}

/** What executing one outbox entry needs. */
export interface ExecuteContext {
  store: OutboxStore;
  deliveries: Deliveries;
  communityName: (communityId: string) => string;
  /** Owner, route and clocks for cards, statuses and prompts in the community's language; without it cards are bare. */
  cards?: CardSources;
  /** Review cards of draft articles (the knowledge base's); without it review deliveries are dead letters. */
  reviews?: ReviewCards;
  /** The knowledge base's suggestions; without it suggestion deliveries are dead letters. */
  knowledge?: KnowledgeSources;
}

/** A payload field the entry's kind needs; BAD_INPUT (a dead letter) when it is missing. */
export const field = (entry: OutboxRecord, name: string): string => {
  const value = entry.payload[name];
  if (typeof value !== 'string') throw new HeimoError('BAD_INPUT', `outbox entry ${entry.id} (${entry.kind}) lacks "${name}"`, { context: { entryId: entry.id } });
  return value;
};

const adapterFor = (deliveries: Deliveries, platform: Platform) => {
  const adapter = deliveries[platform];
  if (!adapter) throw new HeimoError('NOT_CONNECTED', `${platform} is not configured`, { context: { platform } });
  return adapter;
};

const employee = (deliveries: Deliveries, platform: Platform): EmployeeDelivery => {
  if (platform === 'discord') throw new HeimoError('BAD_INPUT', 'cards are posted on the employee side only');
  return adapterFor(deliveries, platform) as EmployeeDelivery;
};

// The card and where it goes, from one read of the conversation.
const cardView = async (context: ExecuteContext, entry: OutboxRecord, isRetry: boolean): Promise<{ card: CardView; destination: Destination }> => {
  const view = await context.store.conversationView(entry.conversationId);
  const card: CardView = {
    conversationId: view.id,
    communityName: context.communityName(view.communityId),
    asker: view.asker,
    title: view.title,
    text: withLateNote(view.questionText, view.questionWrittenAt),
    status: view.status,
    customerThreadUrl: view.customerThreadUrl ?? '',
    idempotencyKey: entry.id,
    isRetry,
    ...(context.cards === undefined ? {} : await cardDetails(context.cards, view)),
  };
  return { card, destination: view.destination };
};

// A stored message as the adapters post it; the entry's id is the idempotency key of every attempt.
const outboundOf = (message: MessageRecord, entry: OutboxRecord, isRetry: boolean): OutboundMessage => ({
  author: message.author,
  text: withLateNote(message.text, message.writtenAt),
  internal: message.internal,
  idempotencyKey: entry.id,
  isRetry,
});

/** The conversation's thread on the entry's platform (its card's thread on the employee side). */
export const threadOf = (claimed: ClaimedEntry): LinkRecord => {
  const { entry, link } = claimed;
  // Without the thread (its card or thread delivery died) this entry can never succeed.
  if (!link) throw new HeimoError('NOT_FOUND', `conversation ${entry.conversationId} has no ${entry.platform} thread`, { context: { entryId: entry.id } });
  return link;
};

const messageOf = (claimed: ClaimedEntry): MessageRecord => {
  const messageId = field(claimed.entry, 'messageId');
  if (!claimed.message) throw new HeimoError('NOT_FOUND', `message ${messageId} does not exist`, { context: { entryId: claimed.entry.id, messageId } });
  return claimed.message;
};

/**
 * Performs one claimed outbox entry against its platform and returns what to record on success.
 * `jobRestarted`: the drain job ran before (failed or stalled), so a platform call may have
 * happened that the entry's attempt count does not show; the adapters then look before posting.
 */
export async function executeDelivery(context: ExecuteContext, claimed: ClaimedEntry, jobRestarted = false): Promise<DeliveryEffect[]> {
  const { store, deliveries } = context;
  const { entry } = claimed;
  const isRetry = entry.attempts > 1 || jobRestarted;
  switch (entry.kind) {
    case 'thread.open': {
      const discord = deliveries.discord;
      if (!discord) throw new HeimoError('NOT_CONNECTED', 'discord is not configured');
      await discord.openThread({ channelId: field(entry, 'channelId'), messageId: field(entry, 'messageId'), title: field(entry, 'title') });
      return [];
    }
    case 'card.post': {
      const { card, destination } = await cardView(context, entry, isRetry);
      const ref = await employee(deliveries, entry.platform).postCard(destination, card);
      const platform = entry.platform as EmployeePlatform;
      return [{ type: 'link', link: { platform, side: 'employee', channelId: ref.channelId, threadId: ref.threadId, cardMessageId: ref.cardMessageId, url: null } }];
    }
    case 'card.update': {
      const link = threadOf(claimed);
      const { card, destination } = await cardView(context, entry, isRetry);
      await employee(deliveries, entry.platform).updateCard(destination, { channelId: link.channelId, threadId: link.threadId, cardMessageId: link.cardMessageId ?? link.threadId }, card);
      return [];
    }
    case 'message.post': {
      // A deleted message is skipped before a missing thread is an error.
      const message = messageOf(claimed);
      if (message.deleted) return [];
      const link = threadOf(claimed);
      const adapter = adapterFor(deliveries, entry.platform);
      const files = await carryFiles(deliveries, message, adapter);
      const outbound: OutboundMessage = { ...outboundOf(message, entry, isRetry), ...files };
      const partIds = await adapter.postMessage({ channelId: link.channelId, threadId: link.threadId }, outbound);
      return [{ type: 'copies', messageId: message.id, platform: entry.platform, channelId: link.channelId, partIds }];
    }
    case 'message.edit':
    case 'message.delete': {
      const message = messageOf(claimed);
      const copies = await store.copies(message.id, entry.platform);
      if (copies.partIds.length === 0) return [];
      const link = threadOf(claimed);
      const thread = { channelId: link.channelId, threadId: link.threadId };
      const adapter = adapterFor(deliveries, entry.platform);
      if (entry.kind === 'message.delete') {
        await adapter.deleteMessage(thread, copies.partIds);
        return [{ type: 'copies', messageId: message.id, platform: entry.platform, channelId: copies.channelId, partIds: [] }];
      }
      // Files stay on the post; the adapter names again those the post does not carry.
      const outbound: OutboundMessage = {
        ...outboundOf(message, entry, isRetry),
        ...(message.attachments.length === 0 ? {} : { attachments: message.attachments }),
      };
      const partIds = await adapter.editMessage(thread, copies.partIds, outbound);
      return [{ type: 'copies', messageId: message.id, platform: entry.platform, channelId: copies.channelId, partIds }];
    }
    case 'reaction.add':
    case 'reaction.remove': {
      const message = messageOf(claimed);
      if (message.deleted) return [];
      const target = await reactionTarget(context, claimed, message);
      // No copy means the message was never relayed there (or its copy was removed): nothing to mirror onto.
      if (target === null) return [];
      await adapterFor(deliveries, entry.platform).react(target, field(entry, 'emoji'), entry.kind === 'reaction.add');
      return [];
    }
    case 'notice.post': {
      const adapter = employee(deliveries, entry.platform);
      if (adapter.postNotice === undefined) throw new HeimoError('BAD_INPUT', `no ${entry.platform} delivery renders ${entry.kind} yet`, { context: { entryId: entry.id } });
      const notice = { text: field(entry, 'text'), idempotencyKey: entry.id, isRetry };
      // A note without a thread goes to the card's thread now (a rating); a moved card's note names
      // its old thread itself, as that link is gone by the time the note goes out.
      if (entry.payload['threadId'] === undefined) {
        const link = threadOf(claimed);
        const { destination } = await store.conversationView(entry.conversationId);
        await adapter.postNotice({ ...destination, channelId: link.channelId }, notice, { channelId: link.channelId, threadId: link.threadId });
        return [];
      }
      const teamId = entry.payload['teamId'];
      const destination: Destination = { platform: entry.platform as EmployeePlatform, channelId: field(entry, 'channelId'), ...(teamId === undefined || teamId === '' ? {} : { teamId }) };
      await adapter.postNotice(destination, notice, { channelId: field(entry, 'channelId'), threadId: field(entry, 'threadId') });
      return [];
    }
    case 'status.update':
    case 'prompt.post':
    case 'dm.post':
    case 'escalation.post':
      return executeNotice(context, claimed, isRetry);
    case 'suggestions.post':
      return executeSuggestions(context, claimed, isRetry);
    case 'review.post':
    case 'review.update':
      return executeReview(context, claimed, isRetry);
  }
}

// A file the target cannot take (too large on its own or past the message's total, gone at the
// source) is named in the post instead of failing it; a source that is down fails the delivery,
// to be retried. The total bounds what one delivery holds in memory.
const carryFiles = async (deliveries: Deliveries, message: MessageRecord, limits: Pick<ChatDelivery, 'maxFileBytes' | 'maxMessageFileBytes'>): Promise<Pick<OutboundMessage, 'files' | 'unfetched'>> => {
  if (message.attachments.length === 0) return {};
  const files: OutboundFile[] = [];
  const unfetched: Attachment[] = [];
  let budget = limits.maxMessageFileBytes;
  for (const attachment of message.attachments) {
    const maxBytes = Math.min(limits.maxFileBytes, budget);
    if (maxBytes <= 0 || (attachment.size !== undefined && attachment.size > maxBytes)) {
      unfetched.push(attachment);
      continue;
    }
    try {
      const data = await adapterFor(deliveries, message.platform).fetchFile(attachment, maxBytes);
      budget -= data.byteLength;
      files.push({ name: attachment.name, data, ...(attachment.mimeType === undefined ? {} : { mimeType: attachment.mimeType }) });
    } catch (error) {
      if (!hasCode(error, 'TOO_LARGE') && !(error instanceof PlatformRejectedError)) throw error;
      unfetched.push(attachment);
    }
  }
  return { ...(files.length === 0 ? {} : { files }), ...(unfetched.length === 0 ? {} : { unfetched }) };
};

// Where Heimo's mirrored reaction goes: the message as written, the card standing for the
// question, or the first part of the copy Heimo posted.
const reactionTarget = async (context: ExecuteContext, claimed: ClaimedEntry, message: MessageRecord): Promise<ReactionTarget | null> => {
  const { entry } = claimed;
  if (field(entry, 'onto') === 'source') return { channelId: message.channelId, messageId: message.externalId };
  if (message.isQuestion && isEmployeePlatform(entry.platform)) {
    const link = threadOf(claimed);
    return { channelId: link.channelId, messageId: link.cardMessageId ?? link.threadId };
  }
  const copies = await context.store.copies(message.id, entry.platform);
  const first = copies.partIds[0];
  return first === undefined ? null : { channelId: copies.channelId, messageId: first };
};
