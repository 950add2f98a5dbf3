import { Duration } from 'luxon';
import { ConfigError } from '../core/errors.ts';
import { integer, optional, type Env } from './env-read.ts';

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
const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: DAY_MS };

/** Reads a duration such as `7d`, `12h`, `30m`, `0` or ISO 8601 `P7D`, naming the variable when malformed. */
export function readDuration(env: Env, name: string, fallbackMs: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallbackMs;
  const short = /^(\d+)\s*([smhd])?$/i.exec(raw);
  if (short) return Number(short[1]) * (UNITS[(short[2] ?? 's').toLowerCase()] ?? 1_000);
  const iso = Duration.fromISO(raw.toUpperCase());
  if (iso.isValid) return iso.as('milliseconds');
  throw new ConfigError('CONFIG_INVALID', name, `${name} must be a duration like 7d, 12h, 30m or P7D, got "${raw}"`);
}

function readRoles(env: Env): Set<Role> {
  const raw = optional(env, 'HEIMO_ROLES') ?? 'all';
  const items = raw.split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
  if (items.includes('all')) return new Set(ALL_ROLES);
  const unknown = items.filter((item) => !(ALL_ROLES as readonly string[]).includes(item));
  if (unknown.length > 0 || items.length === 0) {
    throw new ConfigError('CONFIG_INVALID', 'HEIMO_ROLES', `HEIMO_ROLES is a comma-separated list of ingress, worker, gateway (or all), got "${raw}"`);
  }
  return new Set(items as Role[]);
}

function readShardIds(env: Env, count: number): number[] {
  const raw = optional(env, 'DISCORD_SHARD_IDS');
  if (raw === undefined) return Array.from({ length: count }, (_unused, id) => id);
  const ids = raw.split(',').map((item) => Number(item.trim()));
  if (ids.some((id) => !Number.isInteger(id) || id < 0 || id >= count)) {
    throw new ConfigError('CONFIG_INVALID', 'DISCORD_SHARD_IDS', `DISCORD_SHARD_IDS must list shard ids from 0 to ${count - 1} (DISCORD_SHARD_COUNT is ${count}), got "${raw}"`);
  }
  return [...new Set(ids)].sort((a, b) => a - b);
}

/**
 * Reads HEIMO_ROLES, HEIMO_GATEWAY_LEASE_MS, DISCORD_SHARD_COUNT, DISCORD_SHARD_IDS,
 * HEIMO_BACKFILL_HORIZON and HEIMO_LATE_NOTE_AFTER. `embedded` (no DATABASE_URL): the data directory serves one process,
 * so only the default of every role is accepted.
 */
export function readProcessEnv(env: Env, embedded: boolean): ProcessConfig {
  const roles = readRoles(env);
  if (embedded && roles.size !== ALL_ROLES.length) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'HEIMO_ROLES',
      `HEIMO_ROLES=${optional(env, 'HEIMO_ROLES') ?? ''} needs DATABASE_URL: the embedded database serves a single process, which runs every role`,
    );
  }
  const shardCount = integer(env, 'DISCORD_SHARD_COUNT', 1, 1, 10_000);
  return {
    roles,
    gatewayLeaseMs: integer(env, 'HEIMO_GATEWAY_LEASE_MS', 10_000, 1_000, 600_000),
    shardCount,
    shardIds: readShardIds(env, shardCount),
    backfillHorizonMs: readDuration(env, 'HEIMO_BACKFILL_HORIZON', 7 * DAY_MS),
    lateNoteAfterMs: readDuration(env, 'HEIMO_LATE_NOTE_AFTER', 60_000),
  };
}
