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

/** A platform account, as credits and identity name the people of an event. */
export interface AccountRef {
  platform: Platform;
  userId: string;
}

/**
 * Someone may have thanked someone in a conversation: a message with thanks words (en, fi, sk...)
 * or a thank-you reaction. Conversations publish it; credits decides whom it thanks and whether it counts.
 */
export interface GratitudeExpressedEvent {
  type: 'gratitude.expressed';
  conversationId: string;
  communityId: string;
  giver: AccountRef;
  /** Accounts the message mentions or replies to, or the author of the message reacted on; empty: credits infers it from the thread. */
  to: AccountRef[];
  via: 'message' | 'reaction';
  /** Heimo's id of the thanking message, or of the message reacted on. */
  messageId: string;
  /** The reaction's emoji (via `reaction`). */
  emoji?: string;
  at: string;
}

/** A credit (or a reversal, negative) was appended to the ledger: tiers recompute the person. */
export interface CreditRecordedEvent {
  type: 'credit.recorded';
  communityId: string;
  entryId: string;
  account: AccountRef;
  points: number;
  reason: string;
  at: string;
}

/** Two accounts became one person (`/heimo link`, an e-mail match), or an account left a person (unlink). */
export interface IdentityChangedEvent {
  type: 'identity.changed';
  /** The person the accounts now belong to. */
  identityId: string;
  /** A person merged into `identityId` (gone now); null when nothing merged. */
  mergedId: string | null;
  /** An account split off into its own person (unlink), with that person's id. */
  split?: { account: AccountRef; identityId: string };
  actor: Actor;
  at: string;
}

/** A person's ambassador tier changed: the Discord role follows, a promotion is announced. */
export interface TierChangedEvent {
  type: 'tier.changed';
  communityId: string;
  identityId: string;
  /** The TierChange row. */
  changeId: string;
  from: string | null;
  to: string | null;
  direction: 'promoted' | 'demoted';
  at: string;
}

/** An asker rated how their solved question went (the satisfaction survey): metrics and the ambassador report read it. */
export interface SatisfactionRatedEvent {
  type: 'satisfaction.rated';
  communityId: string;
  conversationId: string;
  asker: AccountRef;
  /** 1 (bad) to 5 (great). */
  score: number;
  /** The asker's earlier score of this question, when they changed it. */
  previousScore: number | null;
  at: string;
}

/**
 * A message or question was written by an account holding one of its community's Discord staff
 * roles (`permissions.discord.staffRoleIds`): identity marks the person staff, so credits keep them
 * off the community board. Published only when a role matches, with the message that showed it.
 */
export interface StaffRoleSeenEvent {
  type: 'staff.seen';
  communityId: string;
  account: AccountRef;
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
  | MessageDeletedEvent
  | GratitudeExpressedEvent
  | CreditRecordedEvent
  | IdentityChangedEvent
  | TierChangedEvent
  | SatisfactionRatedEvent
  | StaffRoleSeenEvent;

/** The type names of domain events. */
export type DomainEventType = DomainEvent['type'];
