import type { Attachment, ConversationStatus, Destination, EmployeePlatform, Platform } from '../domain/types.ts';
import type { OutboxDraft } from '../domain/outbox.ts';
import type { AccountInput, LinkDraft, LinkRecord, MessageRecord } from '../domain/records.ts';
import type { Tx } from '../jobs/index.ts';

/**
 * Runs a store write inside the caller's transaction, with more work after it in the same
 * transaction (routing, lifecycle): the write and what it causes commit together or not at all.
 */
export interface WriteScope<R> {
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs after the write stored its rows (not when it stored nothing), on the same `tx`. */
  after(tx: Tx, result: R): Promise<void>;
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
  /** The community the question was asked in (whose staff roles the thread's authors are read against). */
  communityId: string;
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
    /** The status it starts in (default `open`; `new` while only the community sees it). */
    status?: ConversationStatus;
  }, scope?: WriteScope<{ conversationId: string; messageId: string }>): Promise<{ conversationId: string; messageId: string } | null>;
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
  }, scope?: WriteScope<string>): Promise<AppendResult>;
  /** The message a reaction is on: a stored message, a copy Heimo posted, or a card (standing for the question). */
  reactedMessage(ref: { platform: Platform; channelId: string; externalId: string }): Promise<ReactedMessage | null>;
  /**
   * Records a reaction and, when it is the first of its emoji on that side (or the last taken
   * back), queues `delivery` to mirror it, in one statement (null: nothing to mirror, the reaction
   * is only recorded); with `scope`, inside its transaction followed by its `after` work when the
   * reaction changed something (a thank-you's `gratitude.expressed`).
   */
  recordReaction(input: ReactionInput, delivery: OutboxDraft | null, scope?: WriteScope<ReactionResult>): Promise<ReactionResult>;
  /**
   * Forgets every reaction on a message made on `platform` (or those of one emoji) and queues a
   * `reaction.remove` to `target` for each emoji someone held, in one statement; returns those emoji.
   */
  clearReactions(
    input: { conversationId: string; messageId: string; platform: Platform; emoji?: string },
    target: { platform: Platform; onto: 'source' | 'copy' },
  ): Promise<string[]>;
  /**
   * Records an edit or delete of a stored message with its deliveries; with `scope`, inside its
   * transaction followed by its `after` work (a delete's `message.deleted` event).
   */
  changeMessage(messageId: string, change: { text: string } | { deleted: true }, deliveries: OutboxDraft[], scope?: WriteScope<string>): Promise<void>;
}
