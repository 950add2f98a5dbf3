import type { Logger } from '../../ports/logger.ts';
import type { LeaseFactory } from '../../ports/lease.ts';
import { createLocalLeases, createPgLeases } from './pg-lease.ts';
import { createRedisLeases } from './redis-lease.ts';

/** Picks where leases live: Redis when set, else PostgreSQL advisory locks, else this process alone (embedded database). */
export function createLeases(config: { redisUrl: string | null; databaseUrl: string | null; prefix: string | null; logger?: Logger }): LeaseFactory {
  const logger = config.logger === undefined ? {} : { logger: config.logger };
  if (config.redisUrl !== null) return createRedisLeases({ redisUrl: config.redisUrl, prefix: config.prefix ?? 'bull', ...logger });
  if (config.databaseUrl !== null) return createPgLeases({ databaseUrl: config.databaseUrl, ...logger });
  return createLocalLeases();
}
