import { readableStart } from '../format/index.ts';
import type { Destination } from './types.ts';
import type { CreditsConfig, StaffConfig } from './credits-config.ts';
import { DEFAULT_CREDITS, NO_STAFF } from './credits-config.ts';
import { DEFAULT_SATISFACTION, type SatisfactionConfig } from './satisfaction-config.ts';

export * from './credits-config.ts';
export * from './satisfaction-config.ts';

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
  /** The survey after a solved question (off unless the file turns it on). */
  satisfaction: SatisfactionConfig;
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
  return { locale: 'en', teams: [], tiers: [], rules: [], permissions: NO_PERMISSIONS, lifecycle: DEFAULT_LIFECYCLE, knowledge: DEFAULT_KNOWLEDGE, credits: DEFAULT_CREDITS, staff: NO_STAFF, satisfaction: DEFAULT_SATISFACTION, ...draft };
}

/** Finds a team of a community by id (owners and clocks resolve the team a question was routed to). */
export type TeamLookup = (communityId: string, teamId: string) => TeamConfig | undefined;

/** The team `teamId` of community `communityId` in the network file; undefined when either is unknown. */
export function findTeam(network: NetworkConfig, communityId: string, teamId: string): TeamConfig | undefined {
  return network.communities.find((community) => community.id === communityId)?.teams.find((team) => team.id === teamId);
}
