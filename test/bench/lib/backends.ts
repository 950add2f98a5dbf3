import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { createDatabase, type Database } from '../../../core/infra/db/create-database.ts';
import { createQueueFactory, type QueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';

/** A fresh database and Redis prefix for one run; `dispose()` drops and deletes them. */
export interface BenchBackends {
  database: Database;
  queues: QueueFactory;
  databaseName: string;
  redisPrefix: string;
  versions: { postgres: string; redis: string };
  dispose(): Promise<void>;
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
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
        await deleteKeys(redisUrl, redisPrefix);
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
