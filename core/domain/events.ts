import type { Attachment, Author, CanonicalText, Platform } from './types.ts';

/** A customer opened a question: a message in a help channel or a new forum post. */
export interface QuestionAskedEvent {
  type: 'question.asked';
  platform: 'discord';
  /** The help channel or forum channel the question was asked in (the routing key). */
  channelId: string;
  /** The forum post's thread; null for a channel message (Heimo opens a thread for it). */
  threadId: string | null;
  messageId: string;
  author: Author;
  title: string;
  text: CanonicalText;
  /** A link people can open to see the question on its platform. */
  url: string;
  /** When it was written (ISO 8601), set when the bot read it late, after downtime (backfill). */
  writtenAt?: string;
  /** Names of the forum tags applied to the post (routing rules match them); absent for a help-channel message. */
  tags?: string[];
  /** The asker's Discord role ids (routing tiers); absent when the platform did not say. */
  authorRoleIds?: string[];
}

/** A message in a thread Heimo links: a customer follow-up or an employee reply. */
export interface MessagePostedEvent {
  type: 'message.posted';
  platform: Platform;
  /** The channel the message lives in (for Discord threads, the thread's own id). */
  channelId: string;
  /** The thread key Heimo linked (Discord thread id, Slack thread_ts, Teams root activity id). */
  threadId: string;
  messageId: string;
  author: Author;
  text: CanonicalText;
  /** Files the platform serves only to its own bot (Slack); Heimo carries them over as files. */
  attachments?: Attachment[];
  /** When it was written (ISO 8601), set when the bot read it late, after downtime (backfill). */
  writtenAt?: string;
  /** The platform user ids the message mentions (canonical text keeps only their names): whom a thanks thanks. */
  mentionedUserIds?: string[];
  /** The platform's id of the message this one replies to (Discord replies), in the same channel. */
  replyToMessageId?: string;
  /** The author's Discord role ids (a community's staff roles mark them staff); absent when the platform did not say. */
  authorRoleIds?: string[];
}

/** A message Heimo knows was edited on its platform. */
export interface MessageEditedEvent {
  type: 'message.edited';
  platform: Platform;
  channelId: string;
  /** The thread key as in MessagePostedEvent, where the platform says it: orders the edit after its post. */
  threadId?: string;
  messageId: string;
  text: CanonicalText;
}

/** A message Heimo knows was deleted on its platform. */
export interface MessageDeletedEvent {
  type: 'message.deleted';
  platform: Platform;
  channelId: string;
  /** The thread key as in MessagePostedEvent, where the platform says it. */
  threadId?: string;
  messageId: string;
}

/**
 * Someone added or removed a reaction on a message: a source message, a copy Heimo posted, or
 * the employee card. Bots translate the platform's emoji to Unicode and drop custom emoji (the
 * other platform cannot show them) and reactions by bots, Heimo's own included.
 */
export interface ReactionChangedEvent {
  type: 'reaction.added' | 'reaction.removed';
  platform: Platform;
  /** The channel the reacted message lives in, as messages of this platform are keyed. */
  channelId: string;
  /** The thread key as in MessagePostedEvent, where the platform says it. */
  threadId?: string;
  /** The platform's id of the message reacted to. */
  messageId: string;
  /** Who reacted (the platform's user id). */
  userId: string;
  /** The emoji as Unicode, e.g. "👍" or "👍🏽". */
  emoji: string;
}

/** A moderator removed every reaction on a message, or every reaction of one emoji. */
export interface ReactionsClearedEvent {
  type: 'reactions.cleared';
  platform: Platform;
  channelId: string;
  /** The thread key as in MessagePostedEvent, where the platform says it. */
  threadId?: string;
  messageId: string;
  /** Only this emoji (Unicode); every emoji when absent. */
  emoji?: string;
}

/** Everything a bot hands to the core, already translated out of the platform SDK's shapes. */
export type InboundEvent =
  | QuestionAskedEvent
  | MessagePostedEvent
  | MessageEditedEvent
  | MessageDeletedEvent
  | ReactionChangedEvent
  | ReactionsClearedEvent;

/** What the core did with an inbound event; bots log it, tests assert on it. */
export type IngestOutcome =
  | { status: 'accepted'; conversationId: string; messageId?: string; internal?: boolean }
  | { status: 'duplicate' | 'echo' | 'unlinked' | 'unrouted' | 'unchanged'; reason: string };

/** The core's entry point that every bot calls with translated events. */
export type InboundHandler = (event: InboundEvent) => Promise<IngestOutcome>;
