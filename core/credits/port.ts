import type { AccountRef, Actor } from '../domain/domain-events.ts';
import type { Tx } from '../jobs/index.ts';

// Credits' contract: an append-only ledger of points to platform accounts, earned from the
// lifecycle's and the knowledge base's events under the community's fairness rules, reversed
// (never edited) by deletes and moderators, and read as standings (leaderboards, profiles) with
// accounts grouped into people by identity.

/** Why points were given. */
export type CreditReason =
  | 'answer.accepted'
  | 'answer.accepted.routed'
  | 'accepting'
  | 'thanks'
  | 'article.published'
  | 'suggestion.accepted'
  | 'moderator'
  | 'reversal';

/** One ledger row. */
export interface CreditEntryView {
  id: string;
  communityId: string;
  account: AccountRef;
  points: number;
  reason: CreditReason;
  sourceKey: string;
  giver: AccountRef | null;
  conversationId: string | null;
  articleId: string | null;
  messageId: string | null;
  reversesId: string | null;
  staff: boolean;
  note: string | null;
  createdAt: Date;
}

/** A leaderboard's window. */
export type StandingsWindow = '7d' | '30d' | 'all';

/** Which board: community members, or staff (kept apart, never in community figures). */
export type Board = 'community' | 'staff';

/** One row of a leaderboard: a person (accounts grouped), their points in the window, and tier. */
export interface LeaderboardRow {
  rank: number;
  personId: string;
  displayName: string;
  points: number;
  /** The person's ambassador tier id in the community; null: none. */
  tierId: string | null;
  /** The tier's name from the community's credits settings (absent: no tier, or a tier no longer configured). */
  tierName?: string;
  /** Accounts of the person, for consent checks and mentions. */
  accounts: AccountRef[];
}

/** What a profile shows. */
export interface ProfileView {
  personId: string;
  displayName: string;
  staff: boolean;
  tierId: string | null;
  /** The tier's name from the community's credits settings (absent: no tier, or a tier no longer configured). */
  tierName?: string;
  /** Points over the tier window, and in all. */
  windowPoints: number;
  totalPoints: number;
  pointsByReason: Partial<Record<CreditReason, number>>;
  answersAccepted: number;
  articles: number;
  peopleHelped: number;
  accounts: AccountRef[];
}

/** An open ring flag, as moderators see it. */
export interface CreditFlagView {
  id: string;
  communityId: string;
  members: { personId: string; displayName: string }[];
  evidence: { credits: number; share: number; windowDays: number };
  status: 'open' | 'cleared' | 'confirmed';
  flaggedAt: Date;
}

/** The credits capability. */
export interface CreditsService {
  /** Registers the listeners (question.resolved, article.published, suggestion.accepted, gratitude.expressed, message.deleted). Before jobs start. */
  listen(): void;
  /** A moderator gives points by hand (`/heimo credit give`); appends a `moderator` row. */
  give(request: { communityId: string; to: AccountRef; points: number; reason: string; actor: Actor }): Promise<CreditEntryView>;
  /**
   * A moderator takes points back (`/heimo credit revoke`): appends reversals of the person's
   * credits, newest first, until `points` are reversed (a negative `moderator` row for the rest).
   */
  revoke(request: { communityId: string; from: AccountRef; points: number; reason: string; actor: Actor }): Promise<{ reversed: number }>;
  /** Leaderboard of a community and window; `limit` rows (default 10). */
  leaderboard(request: { communityId: string; window: StandingsWindow; board?: Board; limit?: number }): Promise<LeaderboardRow[]>;
  /** A person's profile in a community; null when the person is unknown. */
  profile(request: { communityId: string; personId: string }): Promise<ProfileView | null>;
  /** Points of a person (all accounts) since `since`, community credits only (what tiers count). */
  pointsSince(communityId: string, personId: string, since: Date, tx?: Tx): Promise<number>;
  /** People with any credit in the community since `since` and their points (tier recompute, digest). */
  totalsSince(communityId: string, since: Date, tx?: Tx): Promise<Map<string, number>>;
  /** Open ring flags of a community. */
  flags(communityId: string, tx?: Tx): Promise<CreditFlagView[]>;
  /** True when the person is in an open ring flag: recognition promotes nobody flagged. */
  isFlagged(communityId: string, personId: string, tx?: Tx): Promise<boolean>;
}
