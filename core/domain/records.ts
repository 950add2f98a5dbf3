import type { Attachment, Platform, Side } from './types.ts';

// Stored links and messages as the store hands them back: the conversations and the outbox both read them.

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
