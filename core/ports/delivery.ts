import type {
  Attachment,
  CanonicalText,
  ConversationStatus,
  Destination,
  EmployeePlatform,
  Platform,
  ThreadRef,
} from '../domain/types.ts';

/** A message Heimo posts on a platform on someone's behalf. */
export interface OutboundMessage {
  author: { displayName: string; avatarUrl?: string };
  text: CanonicalText;
  /** Internal notes appear only on the employee side, visibly marked. */
  internal: boolean;
  /** Stable per delivery (the outbox entry id): platforms that support it dedupe on it. */
  idempotencyKey: string;
  /** True when an earlier attempt may have reached the platform: check before posting again. */
  isRetry: boolean;
  /**
   * Files to post with the message, fetched from the source platform. Files the adapter cannot
   * post (too large for the platform) are named in a line of text instead, never dropped.
   */
  files?: OutboundFile[];
  /** Attachments that could not be fetched (too large to carry): the adapter names them. */
  unfetched?: Attachment[];
  /**
   * On an edit: every file of the message. The post keeps the files it carries; the adapter names
   * again those it does not carry, whatever kept them off (size, gone at the source).
   */
  attachments?: Attachment[];
}

/** A file Heimo posts with a message, already fetched from its source platform. */
export interface OutboundFile {
  name: string;
  data: Uint8Array;
  mimeType?: string;
}

/** Operations every platform adapter performs inside a thread. */
export interface ChatDelivery {
  readonly platform: Platform;
  /** The largest file this adapter posts with a message; 0 when it posts none (they are named instead). */
  readonly maxFileBytes: number;
  /** The most bytes of files one message carries in all (what one platform request takes); the rest are named. */
  readonly maxMessageFileBytes: number;
  /** Posts the message, split as the platform requires; returns every part's id in order. */
  postMessage(thread: ThreadRef, message: OutboundMessage): Promise<string[]>;
  /** Replaces the text of an earlier post; returns the parts' ids afterwards (parts may be added or removed). */
  editMessage(thread: ThreadRef, partIds: string[], message: OutboundMessage): Promise<string[]>;
  /** Deletes every part of an earlier post; a part already gone is not an error. */
  deleteMessage(thread: ThreadRef, partIds: string[]): Promise<void>;
  /**
   * Adds (`added`) or removes Heimo's own reaction, a Unicode emoji, on a message in `channelId`.
   * Already there, already gone or a message since deleted is not an error. Only called where
   * `canBotReact(platform)` holds.
   */
  react(target: ReactionTarget, emoji: string, added: boolean): Promise<void>;
  /**
   * Downloads a file attached to a message on this platform, with this bot's credentials where the
   * platform requires them (only to the platform's own hosts). Throws TOO_LARGE for a file over
   * `maxBytes`, PLATFORM_REJECTED for one the platform will not serve (deleted, not its own URL).
   */
  fetchFile(attachment: Attachment, maxBytes: number): Promise<Uint8Array>;
}

/** A message Heimo reacts on: the channel it lives in (Discord: the thread) and its id. */
export interface ReactionTarget {
  channelId: string;
  messageId: string;
}

/** The customer side (Discord): also opens a thread for a question asked in a channel. */
export interface CustomerDelivery extends ChatDelivery {
  readonly platform: 'discord';
  /** Opens (or finds) the thread for a question message; a forum post is already its own thread. */
  openThread(request: { channelId: string; messageId: string; title: string }): Promise<ThreadRef>;
}

/** What the employee card shows about a conversation. */
export interface CardView {
  conversationId: string;
  communityName: string;
  asker: { displayName: string; avatarUrl?: string };
  title: string;
  text: CanonicalText;
  status: ConversationStatus;
  customerThreadUrl: string;
  idempotencyKey: string;
  isRetry: boolean;
}

/** Where a posted card lives: its message, and the thread replies go in. */
export interface CardRef extends ThreadRef {
  cardMessageId: string;
}

/** The employee side (Slack, Teams): posts and updates the conversation card. */
export interface EmployeeDelivery extends ChatDelivery {
  readonly platform: EmployeePlatform;
  /** Posts the card in the destination channel; its thread is where the conversation continues. */
  postCard(destination: Destination, card: CardView): Promise<CardRef>;
  /** Updates the card in place (status changes). */
  updateCard(destination: Destination, card: CardRef, view: CardView): Promise<void>;
}
