import { HeimoError } from '../../core/errors.ts';
import { readAppEnv } from '../../config/app-env.ts';
import type { Env } from '../../config/env-read.ts';
import type { Platform } from '../../core/domain/types.ts';
import { createLogger } from '../../core/logger.ts';
import { createSqlOutboxStore, deliveryQueueName, enqueueDrains, formatDeliveryStatus, readDeliveryStatus } from '../../core/outbox/index.ts';
import type { Logger } from '../../core/ports/logger.ts';
import type { DeliveryStream } from '../../core/domain/outbox.ts';
import { createDatabase, type Database } from '../../core/infra/db/create-database.ts';
import { applyMigrations } from '../../core/infra/db/migrate.ts';
import { createQueueFactory } from '../../core/infra/queue/create-queue-factory.ts';
import { MIGRATIONS_DIR } from './paths.ts';

const PLATFORMS: readonly Platform[] = ['discord', 'slack', 'teams'];

/** Opens the database, brings it up to date and closes it after `work` (which gets the migrations applied now). */
export async function withDatabase<T>(env: Env, logger: Logger, work: (db: Database, applied: string[]) => Promise<T>): Promise<T> {
  const app = readAppEnv(env);
  const db = await createDatabase({ url: app.databaseUrl, dataDir: app.dataDir });
  try {
    const { applied } = await applyMigrations(db, { migrationsDir: MIGRATIONS_DIR, logger });
    return await work(db, applied);
  } finally {
    await db.close();
  }
}

/** `heimo migrate`: applies pending migrations and reports them. */
export async function runMigrations(env: Env, logger: Logger): Promise<void> {
  await withDatabase(env, logger, async (_db, applied) => {
    logger.info(applied.length === 0 ? 'database is up to date' : 'applied migrations', { applied });
  });
}

/** `heimo deliveries list`: prints dead deliveries, one per line. */
export async function listDeadDeliveries(env: Env, print: (line: string) => void): Promise<number> {
  return withDatabase(env, createLogger({ level: 'warn' }), async (db) => {
    const dead = await createSqlOutboxStore(db).listDead();
    if (dead.length === 0) print('no dead deliveries');
    for (const entry of dead) {
      print(`${entry.id}  ${entry.platform}  ${entry.kind}  conversation=${entry.conversationId}  attempts=${entry.attempts}  ${entry.createdAt.toISOString()}  ${entry.lastError ?? ''}`);
    }
    return 0;
  });
}

/** `heimo deliveries status`: per platform, whether its queue is paused (outage, 429), the backlog, the age of its oldest entry, dead letters. */
export async function showDeliveryStatus(env: Env, print: (line: string) => void): Promise<number> {
  const logger = createLogger({ level: 'warn' });
  return withDatabase(env, logger, async (db) => {
    const app = readAppEnv(env);
    const queues = await createQueueFactory({ redisUrl: app.redisUrl, ...(app.queuePrefix === null ? {} : { prefix: app.queuePrefix }), db, logger });
    try {
      const opened = new Map(PLATFORMS.map((platform) => [platform, queues.createQueue<DeliveryStream>(deliveryQueueName(platform))] as const));
      const status = await readDeliveryStatus({ store: createSqlOutboxStore(db), platforms: [], queueOf: (platform) => opened.get(platform) });
      for (const line of formatDeliveryStatus(status)) print(line);
      return 0;
    } finally {
      await queues.close();
    }
  });
}

/** `heimo deliveries retry [ids]`: moves dead deliveries back to pending and wakes their streams. */
export async function retryDeadDeliveries(env: Env, ids: string[], print: (line: string) => void): Promise<number> {
  const logger = createLogger({ level: 'warn' });
  return withDatabase(env, logger, async (db) => {
    const store = createSqlOutboxStore(db);
    const dead = new Set((await store.listDead()).map((entry) => entry.id));
    const unknown = ids.filter((id) => !dead.has(id));
    if (unknown.length > 0) {
      throw new HeimoError('NOT_FOUND', `no dead delivery with id ${unknown.join(', ')} (see \`heimo deliveries list\`)`, { context: { ids: unknown } });
    }
    const streams = await store.reviveDead(ids.length > 0 ? ids : undefined);
    const app = readAppEnv(env);
    const queues = await createQueueFactory({ redisUrl: app.redisUrl, ...(app.queuePrefix === null ? {} : { prefix: app.queuePrefix }), db, logger });
    try {
      const opened = new Map<Platform, ReturnType<typeof queues.createQueue<DeliveryStream>>>();
      const queueOf = (platform: Platform) => {
        const queue = opened.get(platform) ?? queues.createQueue<DeliveryStream>(deliveryQueueName(platform));
        opened.set(platform, queue);
        return queue;
      };
      await enqueueDrains(queueOf, streams);
      await Promise.all([...opened.values()].map((queue) => queue.close()));
    } finally {
      await queues.close();
    }
    print(streams.length === 0 ? 'no dead deliveries to retry' : `requeued deliveries of ${streams.length} conversation stream(s)`);
    return 0;
  });
}
