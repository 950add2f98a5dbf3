import type { Destination, Platform } from './types.ts';

// The network file's settings of credits, ambassador tiers, the digest and staff (issue 11),
// apart from the routing settings in network.ts (which re-exports them).

/** Points each kind of credit is worth in a community. */
export interface CreditPointsConfig {
  /** A community member's answer accepted as the solution. */
  answerAccepted: number;
  /** The same, on a question routed to staff (the member saved staff the work): worth more. */
  answerAcceptedRouted: number;
  /** Accepting someone else's answer (never one's own). */
  accepting: number;
  /** A thanks (words or a thank-you reaction) from someone who took part in the thread. */
  thanks: number;
  /** An article built from one's answer was published. */
  articlePublished: number;
  /** An article built from one's answer solved a later question as a suggestion. */
  suggestionAccepted: number;
}

/** What makes a credit count: recency, daily caps, and what counts as a ring. */
export interface CreditRulesConfig {
  /** A thanks counts only when both people wrote in the thread within this long (milliseconds). */
  thanksRecentMs: number;
  /** Thanks one person may give another per day (UTC). */
  thanksPerPairPerDay: number;
  /** Points one person may receive per day, accepted answers exempt (0: no cap). */
  receiverDailyCap: number;
  /** Points one person's actions may give others per day (0: no cap). */
  giverDailyCap: number;
  /** Credit rings: groups of at most `maxSize` people whose credits come mostly (`share`) from each other. */
  ring: { windowMs: number; minCredits: number; share: number; maxSize: number };
}

/** An ambassador tier: reached at `threshold` points over the rolling window; may carry a Discord role. */
export interface AmbassadorTierConfig {
  id: string;
  name: string;
  threshold: number;
  /** The Discord role Heimo grants to holders (and takes back on demotion). */
  discordRoleId?: string;
}

/** When the weekly ambassador digest is posted, and where (a Slack or Teams channel). */
export interface DigestConfig {
  destination: Destination;
  /** 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Local hour, 0-23. */
  hour: number;
  /** IANA time zone of `weekday` and `hour`. */
  timeZone: string;
}

/** The community's credits: points, fairness rules, ambassador tiers, announcements and the digest. */
export interface CreditsConfig {
  enabled: boolean;
  points: CreditPointsConfig;
  rules: CreditRulesConfig;
  /** Lowest threshold first. */
  tiers: AmbassadorTierConfig[];
  /** Tiers count points over this rolling window (milliseconds). */
  tierWindowMs: number;
  /** Demotions happen only on this schedule (promotions at once). */
  demoteEvery: 'week' | 'month';
  /** The Discord channel promotions are announced in; absent: only the person is told. */
  announceChannelId?: string;
  /** Absent: no weekly digest (the report command still works). */
  digest?: DigestConfig;
}

const DAY_MS = 86_400_000;

/** The credits a community without a `credits` section gets. */
export const DEFAULT_CREDITS: CreditsConfig = {
  enabled: true,
  points: { answerAccepted: 10, answerAcceptedRouted: 15, accepting: 2, thanks: 3, articlePublished: 5, suggestionAccepted: 5 },
  rules: { thanksRecentMs: 7 * DAY_MS, thanksPerPairPerDay: 1, receiverDailyCap: 30, giverDailyCap: 15, ring: { windowMs: 30 * DAY_MS, minCredits: 4, share: 0.6, maxSize: 3 } },
  tiers: [
    { id: 'helper', name: 'Helper', threshold: 10 },
    { id: 'ambassador', name: 'Ambassador', threshold: 50 },
    { id: 'champion', name: 'Champion', threshold: 150 },
  ],
  tierWindowMs: 90 * DAY_MS,
  demoteEvery: 'month',
};

/** Who is staff beyond the command permissions: by e-mail (Slack, Teams profiles) or by named accounts. */
export interface StaffConfig {
  /** E-mail domains of the company (`example.com`): an account with such an e-mail is staff. */
  emailDomains: string[];
  /** Single e-mail addresses of staff (lower case). */
  emails: string[];
  /** Accounts that are staff whatever their e-mail (a staff member's Discord account). */
  accounts: { platform: Platform; userId: string }[];
}

/** Nobody is staff by e-mail or account until the network file says so. */
export const NO_STAFF: StaffConfig = { emailDomains: [], emails: [], accounts: [] };
