import { describe, expect, it } from 'vitest';
import { defineCommunity, type NetworkConfig } from '../../../core/domain/network.ts';
import type { CommandRequest } from '../../../core/ports/commands.ts';
import { resolveCommunity } from '../../../bots/app/commands/resolve-community.ts';

const NETWORK: NetworkConfig = {
  internalMarkers: [],
  communities: [
    defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g1', routes: [{ discordChannelId: 'help', destination: { platform: 'slack', channelId: 'S-route' } }],
      teams: [{ id: 'support', name: 'Support', destination: { platform: 'slack', channelId: 'S-support' }, escalation: { destination: { platform: 'slack', channelId: 'S-esc' } }, capacity: 5 }] }),
    defineCommunity({ id: 'other', name: 'Other', discordGuildId: 'g2', routes: [{ discordChannelId: 'o-help', destination: { platform: 'teams', channelId: '19:o', teamId: 'T' } }] }),
  ],
};
const request = (overrides: Partial<CommandRequest>): CommandRequest => ({ platform: 'slack', actor: { userId: 'U', displayName: 'U' }, command: 'help', args: {}, ...overrides });
const none = async () => null;

describe('resolveCommunity', () => {
  it('should take the community of the Discord guild, and none for an unknown guild', async () => {
    expect(await resolveCommunity(NETWORK, request({ platform: 'discord', guildId: 'g2', channelId: 'S-support' }), none)).toBe('other');
    expect(await resolveCommunity(NETWORK, request({ platform: 'discord', guildId: 'g9' }), async () => 'acme')).toBeNull();
  });

  it('should take the community whose team, escalation or route destination the channel is', async () => {
    for (const channelId of ['S-support', 'S-esc', 'S-route']) expect(await resolveCommunity(NETWORK, request({ channelId }), none)).toBe('acme');
    expect(await resolveCommunity(NETWORK, request({ platform: 'teams', channelId: '19:o' }), none)).toBe('other');
  });

  it('should ask the question\'s community when the channel tells nothing, and give up with several communities', async () => {
    expect(await resolveCommunity(NETWORK, request({ channelId: 'D1' }), async () => 'other')).toBe('other');
    expect(await resolveCommunity(NETWORK, request({ channelId: 'D1' }), none)).toBeNull();
    expect(await resolveCommunity({ ...NETWORK, communities: [NETWORK.communities[0]!] }, request({ channelId: 'D1' }), none)).toBe('acme');
  });

  it('should take the community whose review channel the channel is, and the community of what the command names', async () => {
    const withReview: NetworkConfig = {
      ...NETWORK,
      communities: NETWORK.communities.map((community) => (community.id === 'other' ? { ...community, knowledge: { ...community.knowledge, reviewChannel: { platform: 'slack' as const, channelId: 'S-review' } } } : community)),
    };
    expect(await resolveCommunity(withReview, request({ command: 'kb publish', channelId: 'S-review' }), none)).toBe('other');
    expect(await resolveCommunity(NETWORK, request({ command: 'kb edit', args: { article: 'a1' } }), async (named) => (named.args['article'] === 'a1' ? 'other' : null))).toBe('other');
  });
});
