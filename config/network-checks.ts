import { IANAZone } from 'luxon';
import { iso6393To1 } from 'iso-639-3';
import type { z } from 'zod/v4';
import { RULE_PATTERN_FLAGS } from '../core/domain/network.ts';

const LANGUAGE_CODES: ReadonlySet<string> = new Set(Object.values(iso6393To1));

/** True for an IANA time zone luxon knows (`Europe/Helsinki`, `UTC`). */
export const isTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);

/** True for a two-letter ISO 639-1 code (lower case). */
export const isLanguageCode = (code: string): boolean => LANGUAGE_CODES.has(code);

/** True when `source` compiles as routing compiles it; otherwise the engine's reason. */
export function isValidPattern(source: string): true | string {
  try {
    new RegExp(source, RULE_PATTERN_FLAGS);
    return true;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

/** What the cross-reference check reads of a parsed community. */
interface CommunityRefs {
  teams: Array<{ id: string }>;
  tiers: Array<{ id: string }>;
  routes: Array<{ discordChannelId: string }>;
  rules: Array<{ name: string; team: string; match: { tiers?: string[]; channels?: string[] } }>;
  fallbackTeam?: string | undefined;
}

const list = (values: Iterable<string>): string => [...values].join(', ') || 'none';

function reportRepeats(values: string[], what: string, path: (index: number) => PropertyKey[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: path(index), message: `repeats ${what} "${value}"` });
    seen.add(value);
  });
}

/** Ids are unique; every team, tier or channel a rule (or the fallback) names is defined or routed in the community. */
export function checkCommunityRefs(community: CommunityRefs, ctx: z.RefinementCtx): void {
  reportRepeats(community.teams.map((team) => team.id), 'team id', (index) => ['teams', index, 'id'], ctx);
  reportRepeats(community.tiers.map((tier) => tier.id), 'tier id', (index) => ['tiers', index, 'id'], ctx);
  reportRepeats(community.rules.map((rule) => rule.name), 'rule name', (index) => ['rules', index, 'name'], ctx);
  const teams = new Set(community.teams.map((team) => team.id));
  const tiers = new Set(community.tiers.map((tier) => tier.id));
  const channels = new Set(community.routes.map((route) => route.discordChannelId));
  community.rules.forEach((rule, index) => {
    if (!teams.has(rule.team)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'team'], message: `names no team of this community: "${rule.team}" (teams: ${list(teams)})` });
    // Heimo only sees questions from routed channels: a rule naming another channel could never match.
    rule.match.channels?.forEach((channel, position) => {
      if (!channels.has(channel)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'match', 'channels', position], message: `is not a channel this community routes: "${channel}" (routes: ${list(channels)})` });
    });
    rule.match.tiers?.forEach((tier, position) => {
      if (!tiers.has(tier)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'match', 'tiers', position], message: `names no tier of this community: "${tier}" (tiers: ${list(tiers)})` });
    });
  });
  const fallback = community.fallbackTeam;
  if (fallback !== undefined && !teams.has(fallback)) ctx.addIssue({ code: 'custom', path: ['fallbackTeam'], message: `names no team of this community: "${fallback}" (teams: ${list(teams)})` });
}
