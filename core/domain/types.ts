/** Every chat platform Heimo speaks to. */
export type Platform = 'discord' | 'slack' | 'teams';

/** Platforms where employees answer. */
export type EmployeePlatform = 'slack' | 'teams';

/** Which side of a conversation a platform thread belongs to. */
export type Side = 'customer' | 'employee';

/**
 * Lifecycle of a question, shown on the employee card and in Discord: `new` (community-first
 * window, Discord only) -> `open` -> `claimed` -> `answered` -> `resolved` (with a solution) or
 * `closed` (without one). A customer reply reopens `answered`, `resolved` and `closed` (core/lifecycle).
 */
export type ConversationStatus = 'new' | 'open' | 'claimed' | 'answered' | 'resolved' | 'closed';

/** Every status, in lifecycle order. */
export const CONVERSATION_STATUSES: readonly ConversationStatus[] = ['new', 'open', 'claimed', 'answered', 'resolved', 'closed'];

/**
 * Message text in Heimo's canonical form: CommonMark with GFM strikethrough, mentions already
 * resolved to readable `@name` text. Bots convert platform markup to and from it.
 */
export type CanonicalText = string;

/** The person behind an inbound message, as the platform describes them. */
export interface Author {
  platformUserId: string;
  displayName: string;
  avatarUrl?: string;
  isBot: boolean;
}

/** A file attached to a message, as its source platform serves it. */
export interface Attachment {
  name: string;
  /** Where the source platform serves the file; may need the source bot's credentials (Slack's url_private). */
  url: string;
  mimeType?: string;
  /** Size in bytes, when the platform says. */
  size?: number;
}

/** A thread on one platform: the channel and the thread inside it. */
export interface ThreadRef {
  channelId: string;
  threadId: string;
}

/** Where a community routes questions from one Discord channel to. */
export interface Destination {
  platform: EmployeePlatform;
  channelId: string;
  /** Teams only: the team that owns the channel. */
  teamId?: string;
}

/** True for the platforms employees answer from. */
export function isEmployeePlatform(platform: Platform): platform is EmployeePlatform {
  return platform === 'slack' || platform === 'teams';
}

/** True where a bot can put a reaction on a message: Bot Framework gives Teams bots no way to react. */
export function canBotReact(platform: Platform): boolean {
  return platform !== 'teams';
}
