import { z } from 'zod/v4';
import { ConfigError } from '../core/errors.ts';
import { documented, duration, readEnv, wholeNumber, type Env } from './env-schema.ts';

/** What one Heimo process does: serve HTTP ingress, run delivery workers, hold the Discord gateway. */
export type Role = 'ingress' | 'worker' | 'gateway';

/** Every role, in the order HEIMO_ROLES=all stands for. */
export const ALL_ROLES: readonly Role[] = ['ingress', 'worker', 'gateway'];

/** How this process takes part in a deployment of several Heimo processes. */
export interface ProcessConfig {
  roles: ReadonlySet<Role>;
  /** How long a gateway lease lives without renewal: the longest a dead holder keeps the gateway. */
  gatewayLeaseMs: number;
  /** discord.js sharding: the total number of shards, and the ids this process may hold. */
  shardCount: number;
  shardIds: number[];
  /** How far back a start reads what Heimo missed (0: no backfill). */
  backfillHorizonMs: number;
  /** How late a message read after downtime must be for its copy to say when it was written. */
  lateNoteAfterMs: number;
}

const DAY_MS = 86_400_000;

const rolesValue = () =>
  z.string().transform((raw, ctx): Set<Role> => {
    const items = raw.split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
    if (items.includes('all')) return new Set(ALL_ROLES);
    const unknown = items.filter((item) => !(ALL_ROLES as readonly string[]).includes(item));
    if (unknown.length === 0 && items.length > 0) return new Set(items as Role[]);
    ctx.addIssue({ code: 'custom', message: `is a comma-separated list of ingress, worker, gateway (or all), got "${raw}"` });
    return z.NEVER;
  });

const shardIdsValue = () =>
  z.string().transform((raw, ctx) => {
    const ids = raw.split(',').map((item) => Number(item.trim()));
    if (ids.every((id) => Number.isInteger(id) && id >= 0)) return [...new Set(ids)].sort((a, b) => a - b);
    ctx.addIssue({ code: 'custom', message: `must list shard ids (whole numbers from 0), got "${raw}"` });
    return z.NEVER;
  });

/** The variables of a deployment of several processes: one line each, with README's description and default. */
export const PROCESS_ENV = {
  HEIMO_ROLES: documented(
    rolesValue().default(new Set(ALL_ROLES)),
    'what this process does: `ingress`, `worker`, `gateway`, comma-separated (see [Running more than one process](#running-more-than-one-process)); anything but `all` needs `DATABASE_URL`',
    { default: '`all`' },
  ),
  HEIMO_GATEWAY_LEASE_MS: documented(wholeNumber(1_000, 600_000).default(10_000), 'how long the Discord gateway lease outlives a dead holder; renewed every third of it'),
  DISCORD_SHARD_COUNT: documented(wholeNumber(1, 10_000).default(1), 'discord.js sharding: the number of shards'),
  DISCORD_SHARD_IDS: documented(shardIdsValue().optional(), 'the shard ids this process may hold (e.g. `0,1`)', { default: 'all' }),
  HEIMO_BACKFILL_HORIZON: documented(
    duration().default(7 * DAY_MS),
    'how far back a start reads what was written while Heimo was not listening (`12h`, `30m`, `P7D`; `0` turns backfill off); see [Downtime](#downtime)',
    { default: '`7d`' },
  ),
  HEIMO_LATE_NOTE_AFTER: documented(duration().default(60_000), 'a message read after downtime that was written longer ago than this is relayed with a note saying when it was written', { default: '`1m`' }),
};

/**
 * Reads the PROCESS_ENV variables. `embedded` (no DATABASE_URL): the data directory serves one
 * process, so only the default of every role is accepted.
 */
export function readProcessEnv(env: Env, embedded: boolean): ProcessConfig {
  const read = readEnv(PROCESS_ENV, env);
  if (embedded && read.HEIMO_ROLES.size !== ALL_ROLES.length) {
    throw new ConfigError('CONFIG_INVALID', 'HEIMO_ROLES', `HEIMO_ROLES=${env['HEIMO_ROLES']?.trim() ?? ''} needs DATABASE_URL: the embedded database serves a single process, which runs every role`);
  }
  const shardCount = read.DISCORD_SHARD_COUNT;
  const shardIds = read.DISCORD_SHARD_IDS ?? Array.from({ length: shardCount }, (_unused, id) => id);
  if (shardIds.some((id) => id >= shardCount)) {
    throw new ConfigError('CONFIG_INVALID', 'DISCORD_SHARD_IDS', `DISCORD_SHARD_IDS must list shard ids from 0 to ${shardCount - 1} (DISCORD_SHARD_COUNT is ${shardCount}), got "${env['DISCORD_SHARD_IDS'] ?? ''}"`);
  }
  return {
    roles: read.HEIMO_ROLES,
    gatewayLeaseMs: read.HEIMO_GATEWAY_LEASE_MS,
    shardCount,
    shardIds,
    backfillHorizonMs: read.HEIMO_BACKFILL_HORIZON,
    lateNoteAfterMs: read.HEIMO_LATE_NOTE_AFTER,
  };
}
