import { resolve } from 'node:path';
import type { Platform } from '../core/domain/types.ts';
import type { LogLevel } from '../core/logger.ts';
import { ConfigError } from '../core/errors.ts';
import { integer, optional, url, type Env } from './env-read.ts';

/** Heimo's process-wide settings (platform credentials are read by each bot's own config). */
export interface AppEnvConfig {
  port: number;
  host: string;
  /** null: embedded PGlite under `dataDir`. */
  databaseUrl: string | null;
  /** null: BullMQ's PostgreSQL backend on the same database. */
  redisUrl: string | null;
  dataDir: string;
  /** null: no network file; Heimo runs but routes nothing. */
  networkPath: string | null;
  logLevel: LogLevel;
  /** Redis key prefix of the delivery queues (null: BullMQ's default `bull`); lets several Heimos share one Redis. */
  queuePrefix: string | null;
  /** METRICS_PORT: a second listener for /metrics and detailed health (null: /metrics on the main port). */
  metricsPort: number | null;
  /** HEIMO_ADMIN_TOKEN: callers presenting it as a bearer token see health details (and /metrics). */
  adminToken: string | null;
  /** Delivery worker overrides; undefined keeps the worker's defaults. */
  delivery: {
    maxAttempts?: number;
    lockDurationMs?: number;
    retryHorizonMs?: number;
    shutdownGraceMs?: number;
    pace: Partial<Record<Platform, { max: number; duration: number }>>;
  };
}

/**
 * Default pacing of drain jobs per platform. Discord is paced by discord.js from its rate-limit
 * headers; Slack (about one post a second per channel, bursts allowed) and Teams (a few posts a
 * second per conversation) tell limits only through 429s, so Heimo stays under them up front.
 */
export const DEFAULT_PACE: Partial<Record<Platform, { max: number; duration: number }>> = { slack: { max: 20, duration: 1_000 }, teams: { max: 15, duration: 1_000 } };

/** Reads HEIMO_PACE, e.g. `slack=20/1000,teams=15/1000` (jobs per window in ms), over the defaults. */
export function readPace(env: Env): Partial<Record<Platform, { max: number; duration: number }>> {
  const raw = optional(env, 'HEIMO_PACE');
  if (raw === undefined) return DEFAULT_PACE;
  const pace = { ...DEFAULT_PACE };
  for (const item of raw.split(',')) {
    const match = /^\s*(discord|slack|teams)\s*=\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(item);
    if (!match || Number(match[2]) < 1 || Number(match[3]) < 1) {
      throw new ConfigError('CONFIG_INVALID', 'HEIMO_PACE', `HEIMO_PACE items look like slack=20/1000 (jobs per milliseconds), got "${item.trim()}"`);
    }
    pace[match[1] as Platform] = { max: Number(match[2]), duration: Number(match[3]) };
  }
  return pace;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Reads a duration like `24h`, `90m`, `30s`, `500ms` or `2d` (a bare number is seconds) into ms; undefined when unset. */
export function readDuration(env: Env, name: string, minMs: number): number | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(raw);
  const ms = match ? Number(match[1]) * (UNIT_MS[(match[2] ?? 's').toLowerCase()] ?? 1_000) : Number.NaN;
  if (!Number.isFinite(ms) || ms < minMs) {
    throw new ConfigError('CONFIG_INVALID', name, `${name} must be a duration such as 24h, 90m or 30s (at least ${minMs / 1_000} s), got "${raw}"`);
  }
  return Math.round(ms);
}

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Reads and validates the process settings; a bad value names its variable. */
export function readAppEnv(env: Env, cwd = process.cwd()): AppEnvConfig {
  const logLevel = (optional(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LEVELS.includes(logLevel)) throw new ConfigError('CONFIG_INVALID', 'LOG_LEVEL', `LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${logLevel}"`);
  const databaseUrl = optional(env, 'DATABASE_URL');
  const redisUrl = optional(env, 'REDIS_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('CONFIG_INVALID', 'DATABASE_URL', 'DATABASE_URL must start with postgresql://');
  }
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('CONFIG_INVALID', 'REDIS_URL', 'REDIS_URL must start with redis:// or rediss://');
  const networkPath = optional(env, 'HEIMO_CONFIG');
  const queuePrefix = optional(env, 'HEIMO_QUEUE_PREFIX') ?? null;
  if (queuePrefix !== null && !/^[\w.:-]+$/.test(queuePrefix)) {
    throw new ConfigError('CONFIG_INVALID', 'HEIMO_QUEUE_PREFIX', `HEIMO_QUEUE_PREFIX may hold only letters, digits and _ . : -, got "${queuePrefix}"`);
  }
  const maxAttempts = optional(env, 'HEIMO_DELIVERY_MAX_ATTEMPTS') === undefined ? undefined : integer(env, 'HEIMO_DELIVERY_MAX_ATTEMPTS', 8, 1, 1_000);
  const lockDurationMs = optional(env, 'HEIMO_DELIVERY_LOCK_MS') === undefined ? undefined : integer(env, 'HEIMO_DELIVERY_LOCK_MS', 4_000, 1_000, 3_600_000);
  const retryHorizonMs = readDuration(env, 'HEIMO_DELIVERY_RETRY_HORIZON', 1_000);
  const shutdownGraceMs = optional(env, 'HEIMO_DELIVERY_SHUTDOWN_MS') === undefined ? undefined : integer(env, 'HEIMO_DELIVERY_SHUTDOWN_MS', 10_000, 0, 600_000);
  const adminToken = optional(env, 'HEIMO_ADMIN_TOKEN') ?? null;
  // A short token could be guessed over the network; 16 characters is what `openssl rand -hex 8` gives.
  if (adminToken !== null && adminToken.length < 16) throw new ConfigError('CONFIG_INVALID', 'HEIMO_ADMIN_TOKEN', 'HEIMO_ADMIN_TOKEN must be at least 16 characters long');
  return {
    port: integer(env, 'PORT', 3000, 0, 65_535),
    metricsPort: optional(env, 'METRICS_PORT') === undefined ? null : integer(env, 'METRICS_PORT', 0, 0, 65_535),
    adminToken,
    host: optional(env, 'HOST') ?? '0.0.0.0',
    databaseUrl: databaseUrl === undefined ? null : url(env, 'DATABASE_URL', databaseUrl),
    redisUrl: redisUrl === undefined ? null : url(env, 'REDIS_URL', redisUrl),
    dataDir: resolve(cwd, optional(env, 'HEIMO_DATA_DIR') ?? '.heimo'),
    networkPath: networkPath === undefined ? null : resolve(cwd, networkPath),
    logLevel,
    queuePrefix,
    delivery: {
      pace: readPace(env),
      ...(maxAttempts === undefined ? {} : { maxAttempts }),
      ...(lockDurationMs === undefined ? {} : { lockDurationMs }),
      ...(retryHorizonMs === undefined ? {} : { retryHorizonMs }),
      ...(shutdownGraceMs === undefined ? {} : { shutdownGraceMs }),
    },
  };
}
