import type { ConversationStatus, Platform } from './types.ts';

/** Who did something: a person on a platform, or Heimo itself (timers, rules). */
export type Actor = { kind: 'person'; platform: Platform; userId: string; displayName?: string } | { kind: 'heimo' };

/** A message of a conversation, named by Heimo's id and where it was written. */
export interface MessageRef {
  messageId: string;
  platform: Platform;
  /** Who wrote it (the platform's user id), for credit. */
  authorId: string;
}

/** The status of a question changed (every change, with who and when). */
export interface StatusChangedEvent {
  type: 'question.status_changed';
  conversationId: string;
  from: ConversationStatus;
  to: ConversationStatus;
  actor: Actor;
  at: string;
}

/** A question was resolved with a solution: what the knowledge base and credits listen to. */
export interface QuestionResolvedEvent {
  type: 'question.resolved';
  conversationId: string;
  communityId: string;
  /** The message accepted as the solution; null when an accepted suggestion (`articleId`) solved it. */
  solution: MessageRef | null;
  /** Set when the asker accepted a suggested article ("This solved it"): the question was deflected. */
  articleId?: string;
  /** Who accepted the solution (the asker, a moderator, staff). */
  acceptedBy: Actor;
  at: string;
}

/** A question was routed (first time or moved) to a team by a rule. */
export interface QuestionRoutedEvent {
  type: 'question.routed';
  conversationId: string;
  teamId: string;
  rule: string;
  actor: Actor;
  at: string;
}

/** A question got an owner (claim, assign, round robin), or lost one (null). */
export interface QuestionAssignedEvent {
  type: 'question.assigned';
  conversationId: string;
  assignee: { platform: Platform; userId: string } | null;
  actor: Actor;
  at: string;
}

/** Someone who wrote or accepted part of an article (credits follow them). */
export interface ArticleContributorRef {
  role: 'asker' | 'answerer' | 'accepter' | 'editor';
  platform: Platform;
  userId: string;
}

/** An article was published (first time or again after an edit): credits its contributors. */
export interface ArticlePublishedEvent {
  type: 'article.published';
  articleId: string;
  communityId: string;
  /** The question it was built from, if any. */
  conversationId: string | null;
  contributors: ArticleContributorRef[];
  actor: Actor;
  at: string;
}

/** A suggested article solved a later question ("This solved it" by the asker). */
export interface SuggestionAcceptedEvent {
  type: 'suggestion.accepted';
  articleId: string;
  communityId: string;
  conversationId: string;
  contributors: ArticleContributorRef[];
  acceptedBy: Actor;
  at: string;
}

/** A message of a conversation was deleted on its platform (articles built from it drop it). */
export interface MessageDeletedEvent {
  type: 'message.deleted';
  conversationId: string;
  /** Heimo's message id. */
  messageId: string;
  platform: Platform;
  at: string;
}

/** Events capabilities publish to each other through the job system (never by reading each other's tables). */
export type DomainEvent =
  | StatusChangedEvent
  | QuestionResolvedEvent
  | QuestionRoutedEvent
  | QuestionAssignedEvent
  | ArticlePublishedEvent
  | SuggestionAcceptedEvent
  | MessageDeletedEvent;

/** The type names of domain events. */
export type DomainEventType = DomainEvent['type'];
