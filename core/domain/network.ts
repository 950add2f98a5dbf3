import { readableStart } from '../format/index.ts';
import type { Destination, Platform } from './types.ts';

/** One Discord channel whose questions go to one employee destination. */
export interface RouteConfig {
  /** A Discord text channel (help channel) or forum channel. */
  discordChannelId: string;
  destination: Destination;
}

/** When a team works: weekdays (1 = Monday ... 7 = Sunday) and hours in its own time zone. */
export interface BusinessHoursConfig {
  /** IANA time zone, e.g. `Europe/Helsinki`. */
  timeZone: string;
  days: number[];
  /** `HH:mm`, local time. */
  start: string;
  /** `HH:mm`, local time; after `start`. */
  end: string;
}

/** An employee team: where its questions go, when it works, and who is told when a clock breaks. */
export interface TeamConfig {
  id: string;
  name: string;
  destination: Destination;
  /** Absent: the clock runs around the clock (UTC). */
  businessHours?: BusinessHoursConfig;
  /** Where breaches are posted, and whom they mention (a Slack user group id, a Teams tag, ...). */
  escalation?: { destination: Destination; mention?: string };
  /** How many open questions round robin gives one person at most (default 5). */
  capacity: number;
}

/** A customer tier, known from Discord roles: its clock targets and whether it waits for the community. */
export interface TierConfig {
  id: string;
  /** Members holding any of these Discord roles are in this tier; the first tier that matches wins. */
  discordRoleIds: string[];
  /** Milliseconds of business time to the first employee reply; absent: no target. */
  firstResponseMs?: number;
  /** Milliseconds of business time to resolution; absent: no target. */
  resolutionMs?: number;
  /** True for premium tiers: their questions go to staff at once. */
  skipCommunityWindow: boolean;
}

/** What a routing rule matches; every given condition must hold (an empty rule matches everything). */
export interface RuleMatch {
  /** Discord channel ids the question was asked in (help channel or forum). */
  channels?: string[];
  /** Forum tag names (case-insensitive); any one applied to the post. */
  tags?: string[];
  /** Words or phrases (case-insensitive, whole words) in the title or text; any one. */
  keywords?: string[];
  /** Regular expressions (JavaScript syntax, case-insensitive) tested on the title and text; any one. */
  patterns?: string[];
  /** ISO 639-1 language codes of the detected language; any one. */
  languages?: string[];
  /** Tier ids of the asker; any one. */
  tiers?: string[];
}

/** How rule patterns compile: case-insensitive, Unicode-aware (the loader checks them with the same flags). */
export const RULE_PATTERN_FLAGS = 'iu';

/** The rule name routing reports when no rule matched and the community's fallbackTeam took the question. */
export const FALLBACK_RULE = 'fallback';

/** The rule name routing reports when no rule matched and the channel's own route took the question. */
export const CHANNEL_ROUTE_RULE = 'channel-route';

/** The rule name a question's route records when a person moved it to another team (cards say "Moved to"). */
export const MOVED_RULE = 'moved';

/** A routing rule: evaluated in file order, the first match wins. */
export interface RoutingRuleConfig {
  name: string;
  match: RuleMatch;
  /** The team that gets the question. */
  team: string;
  /** Window in which only the community sees the question (milliseconds; 0 = none, the default). */
  communityWindowMs: number;
  /** A Discord role pinged when the community window opens (ambassadors). */
  pingRoleId?: string;
}

/** Who may run moderator and staff commands, per platform. */
export interface PermissionsConfig {
  discord: { moderatorRoleIds: string[]; staffRoleIds: string[] };
  /** Slack: members of these user groups, or of these channels. */
  slack: { moderatorUserGroupIds: string[]; staffUserGroupIds: string[]; staffChannelIds: string[] };
  /** Teams: members of these teams (AAD group / team ids). */
  teams: { moderatorTeamIds: string[]; staffTeamIds: string[] };
}

/** When idle answered questions are prompted and closed (milliseconds). */
export interface LifecycleConfig {
  idlePromptMs: number;
  idleCloseMs: number;
}

/** Whose names articles and pages show: `named` shows the names of people who consented, `anonymised` none. */
export type PrivacyMode = 'named' | 'anonymised';

/** The community's knowledge base: where drafts are reviewed, publishing, staleness and suggestions. */
export interface KnowledgeConfig {
  /** Where draft articles are posted as review cards (Slack or Teams); absent: drafts wait for `/heimo kb` commands. */
  reviewChannel?: Destination;
  /** Publish drafts at once, without review. */
  autoPublish: boolean;
  /** An article not verified for this long is flagged stale (milliseconds). */
  reverifyAfterMs: number;
  /** Suggest up to this many articles to a new question (0: none). */
  maxSuggestions: number;
  /** Only articles scoring at least this (0..1) are suggested. */
  suggestThreshold: number;
  privacyMode: PrivacyMode;
}

/** The knowledge settings a community without a `knowledge` section gets. */
export const DEFAULT_KNOWLEDGE: KnowledgeConfig = { autoPublish: false, reverifyAfterMs: 180 * 86_400_000, maxSuggestions: 3, suggestThreshold: 0.4, privacyMode: 'anonymised' };

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

/** The languages Heimo speaks to people in. */
export const COMMUNITY_LOCALES = ['en', 'fi', 'sk'] as const;

/** A language Heimo speaks to people in. */
export type CommunityLocale = (typeof COMMUNITY_LOCALES)[number];

/** A company's community: its Discord server and how its channels route. */
export interface CommunityConfig {
  id: string;
  name: string;
  discordGuildId: string;
  /** Channel -> destination: Heimo watches these channels; with no `rules`, they route by themselves. */
  routes: RouteConfig[];
  /** Language of prompts and replies when the person's own is unknown (default `en`). */
  locale: CommunityLocale;
  teams: TeamConfig[];
  tiers: TierConfig[];
  /** Evaluated in order; the first match wins; none matches: `fallbackTeam`, else the channel's route. */
  rules: RoutingRuleConfig[];
  /** The team (id) that gets questions no rule matches; absent: the channel's route destination. */
  fallbackTeam?: string;
  permissions: PermissionsConfig;
  lifecycle: LifecycleConfig;
  knowledge: KnowledgeConfig;
  credits: CreditsConfig;
  staff: StaffConfig;
}

/** The network file: every community Heimo links, and relay-wide settings. */
export interface NetworkConfig {
  communities: CommunityConfig[];
  /** Employee replies starting with one of these stay internal (default `//`, `note:`). */
  internalMarkers: string[];
}

/** A resolved route: the community a Discord channel belongs to and where its questions go. */
export interface ResolvedRoute {
  community: CommunityConfig;
  destination: Destination;
}

/** Finds the route of a Discord help or forum channel; undefined when Heimo does not watch it. */
export function findRoute(network: NetworkConfig, discordChannelId: string): ResolvedRoute | undefined {
  for (const community of network.communities) {
    const route = community.routes.find((candidate) => candidate.discordChannelId === discordChannelId);
    if (route) return { community, destination: route.destination };
  }
  return undefined;
}

/** Every Discord channel the network watches, for the Discord bot. */
export function watchedDiscordChannels(network: NetworkConfig): string[] {
  return network.communities.flatMap((community) => community.routes.map((route) => route.discordChannelId));
}

/**
 * True when employee text starts with an internal marker as a person reads it: case-insensitive,
 * Unicode NFKC-normalised, leading whitespace and invisible characters (U+200B, U+FEFF, ...) ignored.
 */
export function isInternalNote(text: string, markers: string[]): boolean {
  const start = readableStart(text).toLowerCase();
  return markers.some((marker) => {
    const wanted = readableStart(marker).toLowerCase();
    return wanted !== '' && start.startsWith(wanted);
  });
}

/** Nobody is a moderator or staff until the network file says so. */
export const NO_PERMISSIONS: PermissionsConfig = {
  discord: { moderatorRoleIds: [], staffRoleIds: [] },
  slack: { moderatorUserGroupIds: [], staffUserGroupIds: [], staffChannelIds: [] },
  teams: { moderatorTeamIds: [], staffTeamIds: [] },
};

/** Idle answered questions are prompted after a day and closed three days later. */
export const DEFAULT_LIFECYCLE: LifecycleConfig = { idlePromptMs: 24 * 3_600_000, idleCloseMs: 72 * 3_600_000 };

/** The parts of a community every file must give; the rest have defaults. */
export type CommunityDraft = Pick<CommunityConfig, 'id' | 'name' | 'discordGuildId' | 'routes'> & Partial<CommunityConfig>;

/** A community with the defaults filled in: English, no teams, tiers or rules, nobody privileged. */
export function defineCommunity(draft: CommunityDraft): CommunityConfig {
  return { locale: 'en', teams: [], tiers: [], rules: [], permissions: NO_PERMISSIONS, lifecycle: DEFAULT_LIFECYCLE, knowledge: DEFAULT_KNOWLEDGE, credits: DEFAULT_CREDITS, staff: NO_STAFF, ...draft };
}

/** Finds a team of a community by id (owners and clocks resolve the team a question was routed to). */
export type TeamLookup = (communityId: string, teamId: string) => TeamConfig | undefined;

/** The team `teamId` of community `communityId` in the network file; undefined when either is unknown. */
export function findTeam(network: NetworkConfig, communityId: string, teamId: string): TeamConfig | undefined {
  return network.communities.find((community) => community.id === communityId)?.teams.find((team) => team.id === teamId);
}
