import type { Attachment, ConversationStatus, Destination, EmployeePlatform, Platform, Side } from '../domain/types.ts';

/** What each outbox entry asks a platform to do. */
export type DeliveryKind =
  | 'thread.open'
  | 'card.post'
  | 'card.update'
  | 'message.post'
  | 'message.edit'
  | 'message.delete'
  | 'reaction.add'
  | 'reaction.remove';

/** A delivery to write in the same transaction as the change it delivers. */
export interface OutboxDraft {
  platform: Platform;
  kind: DeliveryKind;
  payload: Record<string, string>;
}

/** A platform identity as an inbound event describes it. */
export interface AccountInput {
  platform: Platform;
  externalId: string;
  displayName: string;
  avatarUrl?: string;
  isBot: boolean;
}

/** A conversation's thread on one platform. */
export interface LinkRecord {
  conversationId: string;
  platform: Platform;
  side: Side;
  channelId: string;
  threadId: string;
  cardMessageId: string | null;
  url: string | null;
}

/** A link to record, before or after the platform created the thread. */
export type LinkDraft = Omit<LinkRecord, 'conversationId'>;

/** A stored message, as the relay and the worker need it. */
export interface MessageRecord {
  id: string;
  conversationId: string;
  platform: Platform;
  channelId: string;
  externalId: string;
  text: string;
  internal: boolean;
  deleted: boolean;
  /** The conversation's first message: the question the card shows. */
  isQuestion: boolean;
  author: { displayName: string; avatarUrl?: string };
  /** Files to carry over with the message (empty for most). */
  attachments: Attachment[];
  /** When it was written, for a message Heimo relays late (read after downtime). */
  writtenAt?: Date;
}

/** A new source message and the deliveries it causes. */
export interface NewMessageInput {
  platform: Platform;
  channelId: string;
  externalId: string;
  author: AccountInput;
  text: string;
  internal: boolean;
  attachments?: Attachment[];
  /** When it was written, when Heimo read it late enough that the copy should say so. */
  writtenAt?: Date;
}

/** A conversation's status and the employee platform its route chose. */
export interface ConversationState {
  status: ConversationStatus;
  employeePlatform: EmployeePlatform;
}

/** A thread message's context: whether Heimo posted it, the thread's link and its conversation's state. */
export interface ThreadContext {
  /** True when the message is one Heimo posted (a relayed copy): never relay it back. */
  isCopy: boolean;
  link: LinkRecord | null;
  /** Null when the thread belongs to no conversation. */
  state: ConversationState | null;
}

/** How an append ended: stored; already stored; a copy Heimo posted; or decided from a stale state (read again, decide again). */
export type AppendResult = { status: 'stored'; messageId: string } | { status: 'duplicate' } | { status: 'echo' } | { status: 'stale' };

/** The stored message behind a message someone reacted to. */
export interface ReactedMessage {
  conversationId: string;
  /** Heimo's id of the message. */
  messageId: string;
  /** The reaction is on the message as written (`source`), or on a copy Heimo posted or the card (`copy`). */
  on: 'source' | 'copy';
  /** The platform the message was written on. */
  sourcePlatform: Platform;
  internal: boolean;
  deleted: boolean;
  employeePlatform: EmployeePlatform;
}

/** One person's reaction, added or taken back. */
export interface ReactionInput {
  conversationId: string;
  messageId: string;
  /** Where the person reacted. */
  platform: Platform;
  userId: string;
  emoji: string;
  added: boolean;
}

/**
 * How recording a reaction ended: `duplicate` when it changed nothing (a redelivery), `recorded`
 * when others on that side still hold the emoji (nothing to mirror), `mirrored` when the delivery
 * was queued.
 */
export type ReactionResult = 'duplicate' | 'recorded' | 'mirrored';

/** Persistence the relay needs; every write that causes deliveries is one transaction. */
export interface RelayStore {
  /** Creates conversation, first message, links and deliveries; null when the message was already stored. */
  openConversation(input: {
    communityId: string;
    title: string;
    destination: Destination;
    message: NewMessageInput;
    links: LinkDraft[];
    deliveries: (ids: { conversationId: string; messageId: string }) => OutboxDraft[];
  }): Promise<{ conversationId: string; messageId: string } | null>;
  /** What a message posted in a thread needs to know, in one read (the hot path of every follow-up). */
  threadContext(message: { platform: Platform; channelId: string; threadId: string; externalId: string }): Promise<ThreadContext>;
  findMessage(platform: Platform, channelId: string, externalId: string): Promise<MessageRecord | null>;
  /** The conversation's status and the employee platform its route chose. */
  conversationState(conversationId: string): Promise<ConversationState>;
  /**
   * Stores a message in a conversation with its deliveries, provided the conversation is still in
   * `expectedStatus` (the state the deliveries were decided from) and the message is not a copy
   * Heimo posted; see AppendResult.
   */
  appendMessage(input: {
    conversationId: string;
    expectedStatus: ConversationStatus;
    message: NewMessageInput;
    status?: ConversationStatus;
    deliveries: (messageId: string) => OutboxDraft[];
  }): Promise<AppendResult>;
  /** The message a reaction is on: a stored message, a copy Heimo posted, or a card (standing for the question). */
  reactedMessage(ref: { platform: Platform; channelId: string; externalId: string }): Promise<ReactedMessage | null>;
  /**
   * Records a reaction and, when it is the first of its emoji on that side (or the last taken
   * back), queues `delivery` to mirror it, in one statement.
   */
  recordReaction(input: ReactionInput, delivery: OutboxDraft): Promise<ReactionResult>;
  /**
   * Forgets every reaction on a message made on `platform` (or those of one emoji) and queues a
   * `reaction.remove` to `target` for each emoji someone held, in one statement; returns those emoji.
   */
  clearReactions(
    input: { conversationId: string; messageId: string; platform: Platform; emoji?: string },
    target: { platform: Platform; onto: 'source' | 'copy' },
  ): Promise<string[]>;
  /** Records an edit or delete of a stored message with its deliveries. */
  changeMessage(messageId: string, change: { text: string } | { deleted: true }, deliveries: OutboxDraft[]): Promise<void>;
}

/** One pending delivery, as the worker reads it. */
export interface OutboxRecord {
  id: string;
  conversationId: string;
  seq: number;
  platform: Platform;
  kind: DeliveryKind;
  payload: Record<string, string>;
  attempts: number;
  /** When the entry was stored (ms since the epoch): outages are retried until the retry horizon counted from here; the latency metric counts from it too. */
  createdAtMs: number;
}

/** A pending entry claimed for one attempt, read together with what delivering it needs. */
export interface ClaimedEntry {
  /** The entry; its `attempts` already counts this attempt. */
  entry: OutboxRecord;
  /** The conversation's thread on the entry's platform, once it exists. */
  link: LinkRecord | null;
  /** The message the entry's payload names (`messageId`), if any. */
  message: MessageRecord | null;
}

/** What a successful delivery changed, written atomically with marking it sent. */
export type DeliveryEffect =
  | { type: 'link'; link: LinkDraft }
  | { type: 'copies'; messageId: string; platform: Platform; channelId: string; partIds: string[] };

/** A conversation as the employee card shows it. */
export interface ConversationView {
  id: string;
  communityId: string;
  title: string;
  status: ConversationStatus;
  destination: Destination;
  asker: { displayName: string; avatarUrl?: string };
  questionText: string;
  /** When the question was written, when Heimo read it late (see MessageRecord.writtenAt). */
  questionWrittenAt?: Date;
  /** The customer's thread on Discord, where the card links to. */
  customerThreadUrl: string | null;
}

/** A dead delivery, as `heimo deliveries list` shows it. */
export interface DeadDelivery {
  id: string;
  conversationId: string;
  platform: Platform;
  kind: DeliveryKind;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** A (conversation, platform) pair whose pending deliveries one drain job sends in order. */
export interface DeliveryStream {
  conversationId: string;
  platform: Platform;
}

/** One platform's outbox, as delivery status shows it. */
export interface PlatformBacklog {
  platform: Platform;
  /** Entries waiting for delivery. */
  pending: number;
  /** When the oldest pending entry was written (null when none is pending). */
  oldestPendingAt: Date | null;
  dead: number;
}

/** Persistence the outbox worker needs. */
export interface OutboxStore {
  /**
   * Claims the stream's next pending entry (lowest order key, then sequence), counting the attempt
   * before the platform is called (so a crash mid-call is known on restart), with the link and
   * message it delivers.
   */
  claimNext(stream: DeliveryStream): Promise<ClaimedEntry | null>;
  /**
   * As claimNext, but a message post is claimable only once it is `settleMs` old (an earlier
   * message committed by another process a moment later then still goes first); when the stream's
   * next entry is younger, nothing is claimed and `waitMs` says how long until it is due.
   */
  claimSettled(stream: DeliveryStream, settleMs: number): Promise<ClaimedEntry | { waitMs: number } | null>;
  /** Undoes an attempt the platform refused with 429 (nothing was posted). */
  releaseAttempt(id: string): Promise<void>;
  /** Marks the entry sent with what it changed; says whether the stream has more pending entries. */
  complete(id: string, effects: DeliveryEffect[]): Promise<{ morePending: boolean }>;
  fail(id: string, error: string, dead: boolean): Promise<void>;
  conversationView(conversationId: string): Promise<ConversationView>;
  message(id: string): Promise<MessageRecord>;
  copies(messageId: string, platform: Platform): Promise<{ channelId: string; partIds: string[] }>;
  /** Streams with pending entries created before `before`: what a restart or a lost queue must re-drain. */
  pendingStreams(before: Date): Promise<DeliveryStream[]>;
  listDead(): Promise<DeadDelivery[]>;
  /** Pending and dead entries per platform, and the age of the oldest pending one. */
  backlog(): Promise<PlatformBacklog[]>;
  /** Moves dead entries (all, or the given ids) back to pending; returns the streams to drain. */
  reviveDead(ids?: string[]): Promise<DeliveryStream[]>;
}
