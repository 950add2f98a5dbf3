import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createDatabase, type Database } from '../../../core/infra/db/create-database.ts';
import { createQueueFactory, type QueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';
import { onServer } from '../../support/database.ts';
import { deleteRedisKeys } from '../../support/queue.ts';

/** A fresh database and Redis prefix for one run; `dispose()` drops and deletes them. */
export interface BenchBackends {
  database: Database;
  queues: QueueFactory;
  databaseName: string;
  redisPrefix: string;
  versions: { postgres: string; redis: string };
  dispose(): Promise<void>;
}

async function redisVersion(redisUrl: string): Promise<string> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    return /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
  } finally {
    await redis.quit();
  }
}

/** Creates database `heimo_bench_<random>` on the server and a Redis prefix `heimo-bench-<random>`. */
export async function createBenchBackends(databaseUrl: string, redisUrl: string): Promise<BenchBackends> {
  const suffix = randomBytes(5).toString('hex');
  const databaseName = `heimo_bench_${suffix}`;
  const redisPrefix = `heimo-bench-${suffix}`;
  const postgres = await onServer(databaseUrl, async (client) => {
    await client.query(`CREATE DATABASE "${databaseName}"`);
    return String((await client.query('SHOW server_version')).rows[0]?.server_version ?? 'unknown');
  });
  const drop = (): Promise<unknown> => onServer(databaseUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
  const url = new URL(databaseUrl);
  url.pathname = `/${databaseName}`;
  let database: Database | undefined;
  try {
    database = await createDatabase({ url: url.toString(), dataDir: '' });
    const queues = await createQueueFactory({ redisUrl, prefix: redisPrefix, db: database });
    const opened = database;
    return {
      database: opened,
      queues,
      databaseName,
      redisPrefix,
      versions: { postgres, redis: await redisVersion(redisUrl) },
      dispose: async () => {
        await queues.close();
        await deleteRedisKeys(redisUrl, redisPrefix);
        await opened.close();
        await drop();
      },
    };
  } catch (error) {
    await database?.close();
    await drop();
    throw error;
  }
}
