import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { HeimoError } from '../../errors.ts';
import type { Logger } from '../../ports/logger.ts';
import { withTimeout, type QueueBackend } from './queue-backend.ts';

/** Settings of the Redis backend. */
export interface RedisBackendConfig {
  redisUrl: string;
  /** Key prefix of every queue (BullMQ's default `bull` when absent). */
  prefix?: string;
  logger?: Logger;
  connectTimeoutMs?: number;
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'the configured server';
  }
}

/** Connects to Redis (failing fast when it does not answer) and builds queues and workers on one shared connection. */
export async function createRedisBackend(config: RedisBackendConfig): Promise<QueueBackend> {
  // BullMQ requires maxRetriesPerRequest: null, or blocking commands fail while Redis reconnects.
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', (error: Error) => config.logger?.warn('redis connection error', { error }));
  try {
    await withTimeout(redis.ping(), config.connectTimeoutMs ?? 5_000, 'Redis');
  } catch (error) {
    redis.disconnect();
    throw new HeimoError('NOT_CONNECTED', `Cannot reach Redis at ${describeUrl(config.redisUrl)}`, { cause: error });
  }
  const prefix = config.prefix === undefined ? {} : { prefix: config.prefix };
  return {
    kind: 'redis',
    // Queues share the connection; each Worker duplicates it for its blocking reads (BullMQ does that itself).
    newQueue: (name, opts) => new Queue(name, { ...opts, ...prefix, connection: redis }),
    newWorker: (name, processor, opts) => new Worker(name, processor, { ...opts, ...prefix, connection: redis }),
    ping: () => redis.ping(),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
