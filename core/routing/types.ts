import type { TeamConfig, TierConfig } from '../domain/network.ts';
import type { Destination } from '../domain/types.ts';

/** What routing reads of a new question (the Discord bot hands these over in QuestionAskedEvent). */
export interface RoutingQuestion {
  /** The help channel or forum channel the question was asked in. */
  channelId: string;
  /** Names of the forum tags applied to the post; empty for a help-channel message. */
  tags: string[];
  title: string;
  text: string;
  /** The asker's Discord role ids. */
  authorRoleIds: string[];
}

/** Where a question goes and on what terms. */
export interface RouteDecision {
  /** The matching rule's name, `fallback` (the community's fallbackTeam) or `channel-route`. */
  rule: string;
  team: TeamConfig;
  destination: Destination;
  tier: TierConfig | null;
  /** ISO 639-1 code of the detected language; null when the text is too short or nothing is told apart. */
  language: string | null;
  /** How long only the community sees the question; 0 when the rule has no window or the tier skips it. */
  communityWindowMs: number;
  /** The Discord role pinged when the community window opens. */
  pingRoleId?: string;
}

/** Patterns only ever see this many characters of a question, so a costly pattern stays bounded. */
export const PATTERN_INPUT_LIMIT = 4_000;
