import type { AccountRef } from '../domain/domain-events.ts';
import type { Destination } from '../domain/types.ts';
import type { Tx } from '../jobs/index.ts';

// The company's view of its ambassadors: top and rising helpers, new tier holders, and reference
// customer candidates; posted weekly to a Slack or Teams channel and given as a report (CSV, JSON).

/** One person in the report. */
export interface AmbassadorRow {
  personId: string;
  displayName: string;
  tierId: string | null;
  points: number;
  /** Points in the previous period of the same length (rising = points - previous). */
  previousPoints: number;
}

/** A customer the company could ask to be a reference: solved fast and thankful, rated their help well, or a steady helper. */
export interface ReferenceCandidate {
  personId: string;
  displayName: string;
  why: 'solved-fast-and-thankful' | 'rated-well' | 'sustained-helper';
  /** What made them one, already worded ("3 questions solved in 2 h median, thanked 4 times", "rated 5/5"). */
  evidence: string;
}

/** The digest / report of one community over a period. */
export interface AmbassadorReport {
  communityId: string;
  communityName: string;
  from: Date;
  to: Date;
  top: AmbassadorRow[];
  rising: AmbassadorRow[];
  newTierHolders: { personId: string; displayName: string; tierId: string; at: Date }[];
  referenceCandidates: ReferenceCandidate[];
}

/** The ambassadors capability. */
export interface AmbassadorsService {
  /** Registers the weekly digest timer handler. Before jobs start. */
  listen(): void;
  /** Sets each community's next digest timer (worker start). */
  schedule(): Promise<void>;
  /** The report of a community over the `days` before `to` (default 7 days before now); NOT_FOUND for an unknown community. */
  report(communityId: string, options?: ReportOptions): Promise<AmbassadorReport>;
}

/** Where the digest goes: a Slack or Teams channel (the employee delivery's `postNotice`). */
export interface DigestDelivery {
  post(destination: Destination, text: string, idempotencyKey: string): Promise<void>;
}

/** What a report covers: the `days` (default 7) before `to` (default now). */
export interface ReportOptions {
  days?: number;
  to?: Date;
}

/** One question solved in a period, by whom it was asked and how long it took from asking to solution. */
export interface SolvedQuestion {
  conversationId: string;
  asker: AccountRef;
  resolutionMs: number;
}

/** Askers' outcomes, answered by the lifecycle (it owns solutions): questions solved in [from, to). */
export interface AskerOutcomes {
  solvedBetween(communityId: string, from: Date, to: Date, tx?: Tx): Promise<SolvedQuestion[]>;
}

/** Thanks each account gave in [from, to) that still count (not reversed), answered by credits (it owns the ledger). */
export interface ThanksGiven {
  thanksGivenBetween(communityId: string, from: Date, to: Date, tx?: Tx): Promise<{ giver: AccountRef; count: number }[]>;
}

/** Askers' survey scores (1-5, null: not rated) given in [from, to), answered by satisfaction (it owns the surveys). */
export interface AskerRatings {
  ratedBetween(communityId: string, from: Date, to: Date, tx?: Tx): Promise<{ asker: AccountRef; score: number | null }[]>;
}
