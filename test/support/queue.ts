import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Database } from '../../core/infra/db/create-database.ts';
import { createQueueFactory, type QueueFactory } from '../../core/infra/queue/create-queue-factory.ts';

/** The Redis in REDIS_URL, or null when tests queue on PostgreSQL/PGlite. */
export function testRedisUrl(): string | null {
  const url = process.env['REDIS_URL'];
  return url === undefined || url === '' ? null : url;
}

/** Deletes every key under `prefix`: each test's keys live under a fresh one, so the shared Redis stays clean. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/**
 * Queues for a test: with REDIS_URL set, Redis under a fresh random prefix (its keys are
 * deleted on close); otherwise BullMQ's PostgreSQL backend on `db` (PGlite or a server).
 * Pass `backend` to force one. Close it before disposing `db`.
 */
export async function createTestQueues(db: Database, backend?: 'redis' | 'postgres'): Promise<QueueFactory> {
  const redisUrl = testRedisUrl();
  const useRedis = backend === undefined ? redisUrl !== null : backend === 'redis';
  if (!useRedis) return createQueueFactory({ redisUrl: null, db });
  if (redisUrl === null) throw new Error('createTestQueues: backend redis needs REDIS_URL');
  const prefix = `heimo-t-${randomBytes(6).toString('hex')}`;
  const factory = await createQueueFactory({ redisUrl, prefix, db });
  let closing: Promise<void> | null = null;
  return {
    ...factory,
    kind: factory.kind,
    close: () => (closing ??= factory.close().then(() => deleteRedisKeys(redisUrl, prefix))),
  };
}
