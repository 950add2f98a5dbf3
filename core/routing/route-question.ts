import { CHANNEL_ROUTE_RULE, FALLBACK_RULE, type CommunityConfig, type TeamConfig, type TierConfig } from '../domain/network.ts';
import { HeimoError } from '../errors.ts';
import { detectLanguage } from './detect-language.ts';
import { matchesRule } from './match-rule.ts';
import type { RouteDecision, RoutingQuestion } from './types.ts';

/** Capacity of the team made from a channel's route (as a team of the file defaults to). */
const ROUTE_TEAM_CAPACITY = 5;

/** The first tier whose Discord roles the asker holds; null when none. */
export function tierOf(community: CommunityConfig, authorRoleIds: readonly string[]): TierConfig | null {
  const held = new Set(authorRoleIds);
  return community.tiers.find((tier) => tier.discordRoleIds.some((role) => held.has(role))) ?? null;
}

/** The languages worth telling apart in a community: those its rules name, English, and its locale. */
export function languageCandidates(community: CommunityConfig): string[] {
  return [...new Set(['en', community.locale, ...community.rules.flatMap((rule) => rule.match.languages ?? [])])];
}

function teamById(community: CommunityConfig, id: string): TeamConfig {
  const team = community.teams.find((candidate) => candidate.id === id);
  // The loader refuses a file naming an unknown team; only a hand-built community gets here.
  if (team === undefined) throw new HeimoError('CONFIG_INVALID', `community ${community.id} names team "${id}" but defines no such team`, { context: { communityId: community.id, teamId: id } });
  return team;
}

/** The id routing gives the team made from a channel's route. */
const channelTeamId = (channelId: string): string => `channel:${channelId}`;

/**
 * The team a question was routed to, by the id routing recorded: a team of the file, or the team
 * made from a channel's route (`channel:<id>`); undefined when the community no longer has it.
 */
export function routedTeam(community: CommunityConfig, teamId: string): TeamConfig | undefined {
  const team = community.teams.find((candidate) => candidate.id === teamId);
  if (team !== undefined || !teamId.startsWith('channel:')) return team;
  const channelId = teamId.slice('channel:'.length);
  return community.routes.some((route) => route.discordChannelId === channelId) ? channelRouteTeam(community, channelId) : undefined;
}

// Today's behaviour as a team: the channel's route destination, around the clock.
function channelRouteTeam(community: CommunityConfig, channelId: string): TeamConfig {
  const route = community.routes.find((candidate) => candidate.discordChannelId === channelId);
  if (route === undefined) throw new HeimoError('NOT_FOUND', `community ${community.id} does not route Discord channel ${channelId}`, { context: { communityId: community.id, channelId } });
  return { id: channelTeamId(channelId), name: `#${channelId}`, destination: route.destination, capacity: ROUTE_TEAM_CAPACITY };
}

/**
 * Decides where a new question goes: the first rule (in file order) whose conditions all hold,
 * else the community's fallbackTeam, else the channel's own route. Throws NOT_FOUND when nothing
 * matches and the community does not route the channel.
 */
export function routeQuestion(community: CommunityConfig, question: RoutingQuestion): RouteDecision {
  const tier = tierOf(community, question.authorRoleIds);
  const content = `${question.title}\n${question.text}`.normalize('NFC');
  const language = detectLanguage(content, languageCandidates(community));
  const input = { channelId: question.channelId, tags: new Set(question.tags.map((tag) => tag.toLowerCase())), content, language, tierId: tier?.id ?? null };
  const rule = community.rules.find((candidate) => matchesRule(candidate, input));
  if (rule !== undefined) {
    const team = teamById(community, rule.team);
    const communityWindowMs = tier?.skipCommunityWindow === true ? 0 : rule.communityWindowMs;
    return { rule: rule.name, team, destination: team.destination, tier, language, communityWindowMs, ...(rule.pingRoleId === undefined ? {} : { pingRoleId: rule.pingRoleId }) };
  }
  const team = community.fallbackTeam === undefined ? channelRouteTeam(community, question.channelId) : teamById(community, community.fallbackTeam);
  return { rule: community.fallbackTeam === undefined ? CHANNEL_ROUTE_RULE : FALLBACK_RULE, team, destination: team.destination, tier, language, communityWindowMs: 0 };
}
