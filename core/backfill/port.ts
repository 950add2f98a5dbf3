import type { EmployeePlatform, Platform } from '../domain/types.ts';

/** A channel, or one thread in it (Slack and Teams threads share their channel), on one platform. */
export interface BackfillPlace {
  platform: Platform;
  channelId: string;
  /** The thread key within the channel, where a platform's threads are not channels of their own (Slack). */
  threadId?: string;
  /**
   * Count only messages Heimo stored before this moment (when the connection was lost): a new
   * session may store live messages before the catch-up reaches this place, and they must not move
   * "seen" past the gap written while it was away.
   */
  storedBefore?: Date;
}

/** An employee-side thread (a card's) whose replies a bot reads after downtime. */
export interface OpenThread {
  channelId: string;
  threadId: string;
}

/** What a bot reading what Heimo missed is told: where to resume and how far back it may go. */
export interface BackfillPlan {
  /** The id of the newest message Heimo saw there (one it stored or one it posted); null when none. */
  lastSeen(place: BackfillPlace): Promise<string | null>;
  /** Nothing written before this is read in the channel: the horizon, or when Heimo began watching it (if it was recorded). */
  notBefore(platform: Platform, channelId: string): Promise<Date>;
  /** The open conversations' threads on an employee platform, active within the horizon. */
  openThreads(platform: EmployeePlatform): Promise<OpenThread[]>;
}

/** What a backfill did: messages read from history, and how many the core accepted as new. */
export interface BackfillReport {
  read: number;
  relayed: number;
}

/** Persistence behind a BackfillPlan. */
export interface BackfillStore {
  lastSeen(place: BackfillPlace): Promise<string | null>;
  /** Records that Heimo watches these channels from `since` on, unless it already did. */
  watch(platform: Platform, channelIds: string[], since: Date): Promise<void>;
  watchedSince(platform: Platform, channelId: string): Promise<Date | null>;
  /** Threads of conversations not resolved and updated at or after `since`. */
  openThreads(platform: EmployeePlatform, since: Date): Promise<OpenThread[]>;
}
