import { resolve } from 'node:path';
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
  return {
    port: integer(env, 'PORT', 3000, 0, 65_535),
    host: optional(env, 'HOST') ?? '0.0.0.0',
    databaseUrl: databaseUrl === undefined ? null : url(env, 'DATABASE_URL', databaseUrl),
    redisUrl: redisUrl === undefined ? null : url(env, 'REDIS_URL', redisUrl),
    dataDir: resolve(cwd, optional(env, 'HEIMO_DATA_DIR') ?? '.heimo'),
    networkPath: networkPath === undefined ? null : resolve(cwd, networkPath),
    logLevel,
  };
}
