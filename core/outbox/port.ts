import type { Tx } from '../jobs/index.ts';
import type { ConversationStatus, Destination, Platform } from '../domain/types.ts';
import type { DeliveryKind, DeliveryStream, OutboxDraft } from '../domain/outbox.ts';
import type { LinkDraft, LinkRecord, MessageRecord } from '../domain/records.ts';

/** One pending delivery, as the worker reads it. */
export interface OutboxRecord {
  id: string;
  conversationId: string;
  seq: number;
  platform: Platform;
  kind: DeliveryKind;
  payload: Record<string, string>;
  attempts: number;
  /** When the entry was stored (ms since the epoch): outages are retried until the retry horizon counted from here; the latency metric counts from it too. */
  createdAtMs: number;
}

/** A pending entry claimed for one attempt, read together with what delivering it needs. */
export interface ClaimedEntry {
  /** The entry; its `attempts` already counts this attempt. */
  entry: OutboxRecord;
  /** The conversation's thread on the entry's platform, once it exists. */
  link: LinkRecord | null;
  /** The message the entry's payload names (`messageId`), if any. */
  message: MessageRecord | null;
  /** The claim's lease token (renewClaim, and the end of the attempt, release it); absent from stores without leases. */
  claim?: string;
}

/** What a successful delivery changed, written atomically with marking it sent. */
export type DeliveryEffect =
  | { type: 'link'; link: LinkDraft }
  | { type: 'copies'; messageId: string; platform: Platform; channelId: string; partIds: string[] };

/** A conversation as the employee card shows it. */
export interface ConversationView {
  id: string;
  communityId: string;
  title: string;
  status: ConversationStatus;
  destination: Destination;
  asker: { displayName: string; avatarUrl?: string };
  questionText: string;
  /** When the question was written, when Heimo read it late (see MessageRecord.writtenAt). */
  questionWrittenAt?: Date;
  /** The customer's thread on Discord, where the card links to. */
  customerThreadUrl: string | null;
}

/** A dead delivery, as `heimo deliveries list` shows it. */
export interface DeadDelivery {
  id: string;
  conversationId: string;
  platform: Platform;
  kind: DeliveryKind;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** One platform's outbox, as delivery status shows it. */
export interface PlatformBacklog {
  platform: Platform;
  /** Entries waiting for delivery. */
  pending: number;
  /** When the oldest pending entry was written (null when none is pending). */
  oldestPendingAt: Date | null;
  dead: number;
}

/**
 * How long a claim is leased by default: renewed every sixth of it while the delivery runs, so only a
 * drain stalled 5 s loses it (the BullMQ lock is lost after 3 s); a killed process's entry waits at most
 * this long before another process takes it, about as long as the new process needs to start.
 */
export const DEFAULT_CLAIM_LEASE_MS = 6_000;

/** Persistence the outbox worker needs. */
export interface OutboxStore {
  /**
   * Claims the stream's next pending entry (lowest order key, then sequence), counting the attempt
   * before the platform is called (so a crash mid-call is known on restart), with the link and
   * message it delivers.
   */
  claimNext(stream: DeliveryStream): Promise<ClaimedEntry | null>;
  /**
   * As claimNext, but a message post is claimable only once it is `settleMs` old (an earlier
   * message committed by another process a moment later then still goes first); when the stream's
   * next entry is younger, nothing is claimed and `waitMs` says how long until it is due. The claim
   * is leased for `leaseMs` (default DEFAULT_CLAIM_LEASE_MS): while another drain's lease holds the
   * next entry, nothing is claimed either and `waitMs` says when to look again.
   */
  claimSettled(stream: DeliveryStream, settleMs: number, leaseMs?: number): Promise<ClaimedEntry | { waitMs: number } | null>;
  /**
   * Extends the lease of a claim still in flight (the claim's entry is not claimed by another drain
   * before the lease ends: two drains of one stream never post the same entry). False: it was lost.
   */
  renewClaim(id: string, claim: string, leaseMs: number): Promise<boolean>;
  /**
   * Ends claim leases at once: the given ones (a stopping process hands its deliveries over), or every
   * one (at start, when this process is the only one on its store: whoever held them is gone).
   */
  releaseClaims(held?: Array<{ id: string; claim: string }>): Promise<void>;
  /** Undoes an attempt the platform refused with 429 (nothing was posted). */
  releaseAttempt(id: string, claim?: string): Promise<void>;
  /** Marks the entry sent with what it changed; says whether the stream has more pending entries. */
  complete(id: string, effects: DeliveryEffect[]): Promise<{ morePending: boolean }>;
  /** Records a failed attempt (dead: for good), ending the claim's lease. */
  fail(id: string, error: string, dead: boolean, claim?: string): Promise<void>;
  conversationView(conversationId: string): Promise<ConversationView>;
  message(id: string): Promise<MessageRecord>;
  copies(messageId: string, platform: Platform): Promise<{ channelId: string; partIds: string[] }>;
  /** Streams with pending entries created before `before`: what a restart or a lost queue must re-drain. */
  pendingStreams(before: Date): Promise<DeliveryStream[]>;
  /** Dead entries, oldest first; only the community's conversations' when `communityId` is given (a moderator's chat command). */
  listDead(filter?: { communityId?: string }): Promise<DeadDelivery[]>;
  /** Pending and dead entries per platform, and the age of the oldest pending one. */
  backlog(): Promise<PlatformBacklog[]>;
  /** Moves dead entries (all, or the given ids; of the community only when given) back to pending; returns the streams to drain. */
  reviveDead(ids?: string[], filter?: { communityId?: string }): Promise<DeliveryStream[]>;
}

/**
 * Writes deliveries inside a capability's transaction, after the conversation's other deliveries:
 * lifecycle, owners and clocks get it injected; the app wires the real one.
 */
export interface OutboxWriter {
  enqueue(tx: Tx, conversationId: string, drafts: OutboxDraft[]): Promise<void>;
}
