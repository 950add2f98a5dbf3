import type { Platform } from './types.ts';

// Delivery types both the conversations (which write outbox rows) and the outbox (which sends them) use.

/** What each outbox entry asks a platform to do. */
export type DeliveryKind =
  | 'thread.open'
  | 'card.post'
  | 'card.update'
  | 'message.post'
  | 'message.edit'
  | 'message.delete'
  | 'reaction.add'
  | 'reaction.remove'
  /** A question's status shown in its Discord thread (forum tag or a short status line). */
  | 'status.update'
  /** A prompt with buttons posted in the Discord thread ("Did this solve it?"). */
  | 'prompt.post'
  /** A private message to an employee (the assignee of a question): payload userId, title, url. */
  | 'dm.post'
  /** A breached clock posted where the team escalates: payload channelId, teamId?, mention?, clock, title, url. */
  | 'escalation.post'
  /** Heimo's note in an employee card's thread (a moved card says where it went): payload channelId, teamId?, threadId, text. */
  | 'notice.post'
  /** A draft article's review card in the community's review channel: payload articleId, channelId, teamId?. */
  | 'review.post'
  /** The review card updated in place (published, edited, rejected): payload articleId. */
  | 'review.update'
  /** Articles suggested to a new question, posted in its Discord thread with "This solved it" buttons: payload suggestionIds (comma-separated). */
  | 'suggestions.post';

/** A delivery to write in the same transaction as the change it delivers. */
export interface OutboxDraft {
  platform: Platform;
  kind: DeliveryKind;
  payload: Record<string, string>;
}

/** A (conversation, platform) pair whose pending deliveries one drain job sends in order. */
export interface DeliveryStream {
  conversationId: string;
  platform: Platform;
}
