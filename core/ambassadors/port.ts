import type { Destination } from '../domain/types.ts';

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

/** A customer the company could ask to be a reference: solved fast and thankful, or a steady helper. */
export interface ReferenceCandidate {
  personId: string;
  displayName: string;
  why: 'solved-fast-and-thankful' | 'sustained-helper';
  /** What made them one, already worded ("3 questions solved in 2 h median, thanked 4 times"). */
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
  /** The report of a community over the `days` before `to`. */
  report(communityId: string, options?: { days?: number; to?: Date }): Promise<AmbassadorReport>;
}

/** Where the digest goes: a Slack or Teams channel (the employee delivery's `postNotice`). */
export interface DigestDelivery {
  post(destination: Destination, text: string, idempotencyKey: string): Promise<void>;
}
