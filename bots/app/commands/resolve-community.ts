import type { CommunityConfig, NetworkConfig } from '../../../core/domain/network.ts';
import type { CommandRequest } from '../../../core/ports/commands.ts';

/** The channels a community's employees work in: its teams' destinations and escalations, its routes' destinations, its review channel. */
const employeeChannels = (community: CommunityConfig): string[] => [
  ...community.teams.flatMap((team) => [team.destination.channelId, ...(team.escalation === undefined ? [] : [team.escalation.destination.channelId])]),
  ...community.routes.map((route) => route.destination.channelId),
  ...(community.knowledge.reviewChannel === undefined ? [] : [community.knowledge.reviewChannel.channelId]),
];

/**
 * The community a command belongs to from where it was run: the Discord guild, else the
 * Slack/Teams channel (a destination or review channel of exactly one community); `named` finds
 * it from what the command names (its question or article); a network of one community is that
 * one. Null when none of these tells.
 */
export async function resolveCommunity(
  network: NetworkConfig,
  request: CommandRequest,
  named: (request: CommandRequest) => Promise<string | null>,
): Promise<string | null> {
  const { communities } = network;
  if (request.platform === 'discord' && request.guildId !== undefined) {
    return communities.find((community) => community.discordGuildId === request.guildId)?.id ?? null;
  }
  const channels = [request.channelId, request.targetMessage?.channelId].filter((id): id is string => id !== undefined);
  if (request.platform !== 'discord' && channels.length > 0) {
    const owning = communities.filter((community) => employeeChannels(community).some((id) => channels.includes(id)));
    if (owning.length === 1) return owning[0]!.id;
  }
  const fromNamed = await named(request);
  if (fromNamed !== null) return fromNamed;
  return communities.length === 1 ? communities[0]!.id : null;
}
