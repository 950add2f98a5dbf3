import { createPostgresBackend, runMigrations, withBackend, type Processor, type Queue, type Worker } from 'bullmq';
import { HeimoError } from '../../errors.ts';
import type { Logger } from '../../ports/logger.ts';
import type { Database } from '../db/create-database.ts';
import { SharedListenPool } from './shared-listen-pool.ts';
import type { QueueBackend, QueueCreateOptions, WorkerCreateOptions } from './queue-backend.ts';

/** Settings of the PostgreSQL backend: the database whose `bullmq` schema holds the jobs. */
export interface PostgresBackendConfig {
  db: Database;
  logger?: Logger;
}

const SCHEMA = 'bullmq';

/** Migrates the `bullmq` schema of `db` and builds queues and workers on BullMQ's PostgreSQL backend. */
export async function createPostgresQueueBackend(config: PostgresBackendConfig): Promise<QueueBackend> {
  const { db } = config;
  // One session, as BullMQ's migrator requires: its advisory lock and transaction must share it.
  const session = await db.pool.connect();
  try {
    await runMigrations(session, SCHEMA);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HeimoError('MIGRATION_FAILED', `Could not prepare the ${SCHEMA} schema for the job queue: ${reason}`, { cause: error, context: { migration: SCHEMA } });
  } finally {
    session.release();
  }
  const pool = new SharedListenPool(db.pool, config.logger);
  const { Queue: PgQueue, Worker: PgWorker } = withBackend(createPostgresBackend);
  return {
    kind: 'postgres',
    // Typed as BullMQ's default (Redis) Queue/Worker so callers have one type whatever the store;
    // the objects are those classes with the PostgreSQL backend injected, same public API.
    newQueue: <T>(name: string, opts: QueueCreateOptions) => new PgQueue<T>(name, { ...opts, connection: pool }) as unknown as Queue<T>,
    newWorker: <T>(name: string, processor: Processor<T>, opts: WorkerCreateOptions) =>
      new PgWorker<T>(name, processor, { ...opts, connection: pool }) as unknown as Worker<T>,
    ping: () => db.pool.query('SELECT 1'),
    close: () => pool.end(),
  };
}
