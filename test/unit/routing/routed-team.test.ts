import { describe, expect, it } from 'vitest';
import { defineCommunity } from '../../../core/domain/network.ts';
import { routeQuestion, routedTeam } from '../../../core/routing/index.ts';

const community = defineCommunity({
  id: 'acme', name: 'Acme', discordGuildId: 'g1',
  routes: [{ discordChannelId: 'help', destination: { platform: 'slack', channelId: 'C-route' } }],
  teams: [{ id: 'support', name: 'Support', destination: { platform: 'teams', channelId: 'T1', teamId: 'team-1' }, capacity: 3 }],
});

describe('the team a route recorded', () => {
  it('should find a team of the file, and the team a channel route stands for, when looked up by the recorded id', () => {
    expect(routedTeam(community, 'support')?.name).toBe('Support');
    const decision = routeQuestion(community, { channelId: 'help', tags: [], title: 'Hi', text: 'Hello', authorRoleIds: [] });
    // No rule matched: routing made a team of the channel's route, and the recorded id finds it again.
    expect(routedTeam(community, decision.team.id)).toEqual(decision.team);
  });

  it('should find nothing when the team or the routed channel is gone', () => {
    expect(routedTeam(community, 'billing')).toBeUndefined();
    expect(routedTeam(community, 'channel:elsewhere')).toBeUndefined();
  });
});
