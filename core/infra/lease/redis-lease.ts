import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../../ports/logger.ts';
import type { Lease, LeaseFactory } from '../../ports/lease.ts';

// Only the holder's token may extend or delete the key: a holder that lost it must not take it back.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Settings of the Redis leases; `prefix` keeps several Heimos on one Redis apart (as HEIMO_QUEUE_PREFIX does). */
export interface RedisLeaseConfig {
  redisUrl: string;
  prefix: string;
  logger?: Logger;
}

/** Leases as Redis keys with a TTL (SET NX PX), renewed by their holder; its own connection, so queue traffic never delays a renewal. */
export function createRedisLeases(config: RedisLeaseConfig): LeaseFactory {
  // Commands fail fast while Redis is away: a renewal that cannot reach Redis counts as not renewed.
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 2_000 });
  redis.on('error', (error: Error) => config.logger?.debug('lease redis connection error', { error }));
  const token = randomUUID();
  return {
    kind: 'redis',
    lease(name, ttlMs): Lease {
      const key = `${config.prefix}:heimo:lease:${name}`;
      return {
        name,
        tryAcquire: async () => {
          // Ours already (a renewal missed by a hair): extend rather than lose it.
          if ((await redis.eval(RENEW, 1, key, token, String(ttlMs))) === 1) return true;
          return (await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
        },
        renew: async () => (await redis.eval(RENEW, 1, key, token, String(ttlMs))) === 1,
        release: async () => {
          await redis.eval(RELEASE, 1, key, token);
        },
      };
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
