import { describe, expect, it } from 'vitest';
import { readProcessEnv } from '../../config/process-env.ts';

describe('process settings', () => {
  it('should run every role with one shard and a 7-day horizon when nothing is set', () => {
    const config = readProcessEnv({}, true);
    expect([...config.roles]).toEqual(['ingress', 'worker', 'gateway']);
    expect(config).toMatchObject({ shardCount: 1, shardIds: [0], gatewayLeaseMs: 10_000, backfillHorizonMs: 7 * 86_400_000, lateNoteAfterMs: 60_000 });
  });

  it('should take a subset of roles when a database server is configured', () => {
    expect([...readProcessEnv({ HEIMO_ROLES: ' Worker , gateway' }, false).roles]).toEqual(['worker', 'gateway']);
    expect(readProcessEnv({ HEIMO_ROLES: 'all' }, true).roles.size).toBe(3);
  });

  it('should name HEIMO_ROLES when a role is unknown or a subset is asked of the embedded database', () => {
    expect(() => readProcessEnv({ HEIMO_ROLES: 'ingress,gatway' }, false)).toThrow(/HEIMO_ROLES is a comma-separated list/);
    expect(() => readProcessEnv({ HEIMO_ROLES: 'ingress' }, true)).toThrow(/HEIMO_ROLES=ingress needs DATABASE_URL/);
  });

  it('should keep shard ids within the count when DISCORD_SHARD_IDS is set', () => {
    expect(readProcessEnv({ DISCORD_SHARD_COUNT: '4' }, false).shardIds).toEqual([0, 1, 2, 3]);
    expect(readProcessEnv({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '3,1,1' }, false).shardIds).toEqual([1, 3]);
    expect(() => readProcessEnv({ DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '2' }, false)).toThrow(/DISCORD_SHARD_IDS must list shard ids from 0 to 1/);
  });

  it('should read durations in short and ISO form when a horizon is given', () => {
    const horizon = (value: string): number => readProcessEnv({ HEIMO_BACKFILL_HORIZON: value }, false).backfillHorizonMs;
    expect(horizon('12h')).toBe(12 * 3_600_000);
    expect(horizon('P2D')).toBe(2 * 86_400_000);
    expect(horizon('0')).toBe(0);
    expect(horizon('90')).toBe(90_000);
    expect(() => horizon('a week')).toThrow(/HEIMO_BACKFILL_HORIZON must be a duration like 7d/);
  });
});
