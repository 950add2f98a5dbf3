import { randomBytes } from 'node:crypto';
import type { Database } from '../../../core/infra/db/create-database.ts';
import { createQueueFactory, type QueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';
import { createLogger } from '../../../core/logger.ts';
import { createJobs, type Jobs, type JobsConfig } from '../../../core/jobs/index.ts';
import { EVENT_QUEUE, TIMER_QUEUE } from '../../../core/jobs/job-names.ts';
import { createTestDatabase, openSameDatabase, testServerUrl, type TestDatabase } from '../../support/database.ts';
import { deleteRedisKeys, testRedisUrl } from '../../support/queue.ts';

/** One way to run the job system: where the rows live and where the jobs do. */
export interface JobsSetup {
  label: string;
  database: 'pglite' | 'postgres';
  backend: 'postgres' | 'redis';
}

/** The embedded pair always; PostgreSQL with its own backend, and PostgreSQL + Redis, when the env names them. */
export const JOB_SETUPS: JobsSetup[] = [
  { label: 'PGlite + PostgreSQL backend', database: 'pglite', backend: 'postgres' },
  ...(testServerUrl() === null ? [] : [{ label: 'PostgreSQL + PostgreSQL backend', database: 'postgres', backend: 'postgres' } as const]),
  ...(testServerUrl() === null || testRedisUrl() === null ? [] : [{ label: 'PostgreSQL + Redis', database: 'postgres', backend: 'redis' } as const]),
];

/** One running "process": its database handle, queue factory and job system. */
export interface JobsProcess {
  db: Database;
  queues: QueueFactory;
  jobs: Jobs;
  /** Closes the job system and the queue factory (and a second database handle), as a stopping process does. */
  stop(): Promise<void>;
}

/** Options a test may set on the job systems it starts (short delays by default). */
export type JobsOptions = Partial<Omit<JobsConfig, 'database' | 'queues' | 'logger'>>;

/**
 * A fresh database and job store for one test: every process it starts shares the database (a
 * second handle on PostgreSQL, the same PGlite otherwise) and the job store (one Redis prefix, or
 * the database's `bullmq` schema). Effects handlers write go to table public."JobTestEffect".
 */
export async function createJobsWorld(setup: JobsSetup) {
  const db: TestDatabase = await createTestDatabase({ kind: setup.database });
  await db.pool.query(`CREATE TABLE public."JobTestEffect" ("id" serial PRIMARY KEY, "what" text NOT NULL, "at" timestamptz NOT NULL DEFAULT clock_timestamp())`);
  const redisUrl = setup.backend === 'redis' ? testRedisUrl() : null;
  const freshPrefix = (): string => `heimo-t-${randomBytes(6).toString('hex')}`;
  let prefix = freshPrefix();
  const processes: JobsProcess[] = [];
  const logger = createLogger({ level: 'silent' });

  const start = async (options: JobsOptions = {}, { sameHandle = processes.length === 0 } = {}): Promise<JobsProcess> => {
    const handle = sameHandle || db.url === null ? db : await openSameDatabase(db);
    const queues = await createQueueFactory({ redisUrl, prefix, db: handle });
    const jobs = createJobs({ database: handle, queues, logger, sweepIntervalMs: 0, retry: { baseDelayMs: 10 }, ...options });
    let stopping: Promise<void> | undefined;
    const process: JobsProcess = {
      db: handle,
      queues,
      jobs,
      stop: () => (stopping ??= (async () => {
        await jobs.close();
        await queues.close();
        if (handle !== db) await handle.close();
      })()),
    };
    processes.push(process);
    return process;
  };

  return {
    db,
    start,
    /** Effects recorded under `what`, in order. */
    effects: async (what?: string): Promise<Array<{ what: string; at: Date }>> =>
      (await db.pool.query<{ what: string; at: Date }>(`SELECT "what", "at" FROM public."JobTestEffect" ${what === undefined ? '' : 'WHERE "what" = $1::text'} ORDER BY "id"`, what === undefined ? [] : [what])).rows,
    reset: async () => {
      const stopping = processes.splice(0);
      for (const process of stopping) await process.stop();
      if (redisUrl !== null) {
        await deleteRedisKeys(redisUrl, prefix);
        prefix = freshPrefix();
      } else await emptyQueues(db);
      await db.pool.query(`TRUNCATE "DomainEvent", "Timer", public."JobTestEffect"`);
    },
    /** Empties the job store while no process runs, as a Redis restarted without its data. */
    emptyQueues: () => (redisUrl === null ? emptyQueues(db) : deleteRedisKeys(redisUrl, prefix)),
    dispose: async () => {
      for (const process of processes.splice(0)) await process.stop();
      if (redisUrl !== null) await deleteRedisKeys(redisUrl, prefix);
      await db.dispose();
    },
  };
}

async function emptyQueues(db: Database): Promise<void> {
  const queues = await createQueueFactory({ redisUrl: null, db });
  try {
    for (const name of [EVENT_QUEUE, TIMER_QUEUE]) await queues.createQueue(name).obliterate({ force: true });
  } finally {
    await queues.close();
  }
}

/** The test world createJobsWorld returns. */
export type JobsWorld = Awaited<ReturnType<typeof createJobsWorld>>;

/** Records an effect inside a handler's transaction: it exists only if that transaction commits. */
export const recordEffect = (tx: { query(text: string, params?: readonly unknown[]): Promise<unknown> }, what: string): Promise<unknown> =>
  tx.query(`INSERT INTO public."JobTestEffect" ("what") VALUES ($1::text)`, [what]);
