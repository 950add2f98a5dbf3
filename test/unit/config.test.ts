import { describe, expect, it } from 'vitest';
import { DEFAULT_PACE, readAppEnv, readPace } from '../../config/app-env.ts';
import { credentialGroup, flag, integer, url } from '../../config/env-read.ts';
import { parseNetwork } from '../../config/load-network.ts';
import { thrown } from '../support/thrown.ts';


describe('environment reading', () => {
  it('should name the variable when a number is malformed', () => {
    const error = thrown(() => integer({ PORT: 'eighty' }, 'PORT', 3000, 0, 65535));
    expect(error.variable).toBe('PORT');
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('PORT');
  });

  it('should name the variable when a URL is malformed', () => {
    expect(thrown(() => url({ SLACK_API_URL: 'not a url' }, 'SLACK_API_URL', 'https://slack.com/api')).variable).toBe('SLACK_API_URL');
    expect(url({}, 'DISCORD_API_URL', 'https://discord.com/api/')).toBe('https://discord.com/api');
  });

  it('should treat a platform as absent when none of its credentials is set', () => {
    expect(credentialGroup({}, ['A_TOKEN', 'A_SECRET'], () => 'built')).toEqual({ status: 'absent', missing: ['A_TOKEN', 'A_SECRET'] });
  });

  it('should stop with the missing variable when a platform is half configured', () => {
    const error = thrown(() => credentialGroup({ A_TOKEN: 'x' }, ['A_TOKEN', 'A_SECRET'], () => 'built'));
    expect(error.code).toBe('CONFIG_MISSING');
    expect(error.variable).toBe('A_SECRET');
  });

  it('should read booleans strictly when a flag is set', () => {
    expect(flag({ F: 'yes' }, 'F')).toBe(true);
    expect(thrown(() => flag({ F: 'maybe' }, 'F')).variable).toBe('F');
  });

  it('should default to embedded storage when no database or redis url is set', () => {
    const app = readAppEnv({}, '/srv/heimo');
    expect(app).toMatchObject({ port: 3000, databaseUrl: null, redisUrl: null, dataDir: '/srv/heimo/.heimo', networkPath: null });
  });

  it('should reject a database url of another kind when DATABASE_URL is mysql', () => {
    expect(thrown(() => readAppEnv({ DATABASE_URL: 'mysql://x' })).variable).toBe('DATABASE_URL');
  });
});

describe('delivery pacing', () => {
  it('should pace Slack and Teams by default when HEIMO_PACE is unset', () => {
    expect(readPace({})).toEqual(DEFAULT_PACE);
    expect(readAppEnv({}).delivery.pace.slack).toEqual({ max: 20, duration: 1000 });
  });

  it('should override one platform and keep the others when HEIMO_PACE names it', () => {
    expect(readPace({ HEIMO_PACE: 'slack=5/1000, discord=40/1000' })).toEqual({ ...DEFAULT_PACE, slack: { max: 5, duration: 1000 }, discord: { max: 40, duration: 1000 } });
  });

  it('should name HEIMO_PACE when an item is malformed', () => {
    expect(thrown(() => readPace({ HEIMO_PACE: 'slack=fast' })).variable).toBe('HEIMO_PACE');
    expect(thrown(() => readPace({ HEIMO_PACE: 'irc=1/1000' })).variable).toBe('HEIMO_PACE');
  });
});

describe('network file', () => {
  const valid = {
    communities: [
      {
        id: 'acme',
        discordGuildId: 'g1',
        routes: [
          { discordChannelId: 'c1', destination: { platform: 'slack', channelId: 'C1' } },
          { discordChannelId: 'c2', destination: { platform: 'teams', teamId: 't1', channelId: '19:x@thread.tacv2' } },
        ],
      },
    ],
  };

  it('should parse routes and default the internal markers when they are omitted', () => {
    const network = parseNetwork(valid);
    expect(network.internalMarkers).toEqual(['//', 'note:']);
    expect(network.communities[0]?.name).toBe('acme');
    expect(network.communities[0]?.routes[1]?.destination).toEqual({ platform: 'teams', teamId: 't1', channelId: '19:x@thread.tacv2' });
  });

  it('should point at the exact field when a destination platform is unknown', () => {
    const bad = structuredClone(valid);
    (bad.communities[0]!.routes[0]!.destination as { platform: string }).platform = 'irc';
    expect(thrown(() => parseNetwork(bad)).message).toContain('communities[0].routes[0].destination.platform');
  });

  it('should require a team when a route goes to Teams', () => {
    const bad = structuredClone(valid);
    delete (bad.communities[0]!.routes[1]!.destination as { teamId?: string }).teamId;
    expect(thrown(() => parseNetwork(bad)).message).toContain('routes[1].destination.teamId');
  });

  it('should refuse a Discord channel routed twice when two routes name it', () => {
    const bad = structuredClone(valid);
    bad.communities[0]!.routes[1]!.discordChannelId = 'c1';
    expect(thrown(() => parseNetwork(bad)).message).toContain('already routed');
  });
});
