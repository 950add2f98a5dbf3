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
  solution: MessageRef;
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

/** Events capabilities publish to each other through the job system (never by reading each other's tables). */
export type DomainEvent = StatusChangedEvent | QuestionResolvedEvent | QuestionRoutedEvent | QuestionAssignedEvent;

/** The type names of domain events. */
export type DomainEventType = DomainEvent['type'];
