import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../../support/database.ts';
import { createTestQueues, testRedisUrl } from '../../support/queue.ts';
import { deferred, waitFor } from './helpers.ts';
import { drainJobOptions } from '../../../core/outbox/drain-jobs.ts';
import type { DeliveryStream } from '../../../core/domain/outbox.ts';

interface Setup {
  label: string;
  database: 'pglite' | 'postgres';
  backend: 'redis' | 'postgres';
}

// Every store this run can reach; PGlite needs nothing, the others need their env variable.
const setups: Setup[] = [
  { label: 'PostgreSQL backend on PGlite', database: 'pglite', backend: 'postgres' },
  ...(testServerUrl() === null ? [] : [{ label: 'PostgreSQL backend on PostgreSQL', database: 'postgres', backend: 'postgres' } as const]),
  ...(testRedisUrl() === null ? [] : [{ label: 'Redis', database: 'pglite', backend: 'redis' } as const]),
];

let queueCount = 0;
const freshName = (): string => `q${++queueCount}-${Date.now().toString(36)}`;

describe.each(setups)('queues: $label', ({ database, backend }) => {
  let db: TestDatabase;
  let queues: QueueFactory;

  beforeAll(async () => {
    db = await createTestDatabase({ kind: database });
    queues = await createTestQueues(db, backend);
  });

  afterAll(async () => {
    await queues?.close();
    await db?.dispose();
  });

  it('should report its kind and answer ping when the store is up', async () => {
    expect(queues.kind).toBe(backend);
    expect(await queues.ping()).toBe(true);
  });

  it('should process a job when one is added', async () => {
    const name = freshName();
    const queue = queues.createQueue<{ n: number }>(name);
    const worker = queues.createWorker<{ n: number }>(name, async (job) => job.data.n * 2);
    const completed = deferred<unknown>();
    worker.on('completed', (_job, result) => completed.resolve(result));
    await queue.add('double', { n: 21 });
    expect(await completed.promise).toBe(42);
  });

  it('should retry a failing job with backoff and then succeed when attempts remain', async () => {
    const name = freshName();
    const queue = queues.createQueue<string>(name);
    const runs: number[] = [];
    const worker = queues.createWorker<string>(name, async () => {
      runs.push(Date.now());
      if (runs.length < 3) throw new Error(`flaky ${runs.length}`);
      return 'ok';
    });
    const completed = deferred<Job>();
    worker.on('completed', (job) => completed.resolve(job));
    await queue.add('flaky', 'x', { attempts: 3, backoff: { type: 'fixed', delay: 300 } });
    const job = await completed.promise;
    expect(runs).toHaveLength(3);
    expect(job.attemptsMade).toBe(3);
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(290);
    expect(runs[2]! - runs[1]!).toBeGreaterThanOrEqual(290);
  });

  it('should fail at once without retrying when the processor throws UnrecoverableError', async () => {
    const name = freshName();
    const queue = queues.createQueue<string>(name);
    let runs = 0;
    const worker = queues.createWorker<string>(name, async () => {
      runs += 1;
      throw new UnrecoverableError('bad request, do not retry');
    });
    const failed = deferred<Job | undefined>();
    worker.on('failed', (job) => failed.resolve(job));
    await queue.add('doomed', 'x', { attempts: 5, backoff: { type: 'fixed', delay: 50 } });
    const job = await failed.promise;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs).toBe(1);
    expect(job?.failedReason).toBe('bad request, do not retry');
    expect(await job?.getState()).toBe('failed');
  });

  it('should keep one job when the same jobId is added twice', async () => {
    const name = freshName();
    const queue = queues.createQueue<number>(name);
    const first = await queue.add('once', 1, { jobId: 'same-id' });
    const second = await queue.add('once', 2, { jobId: 'same-id' });
    expect(second.id).toBe(first.id);
    expect(await queue.getWaitingCount()).toBe(1);
    const seen: number[] = [];
    queues.createWorker<number>(name, async (job) => void seen.push(job.data));
    await waitFor(() => seen.length === 1, 10_000, 'the job');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([1]);
  });

  it('should ignore a job with the same deduplication id when the first still waits', async () => {
    const name = freshName();
    const queue = queues.createQueue<number>(name);
    await queue.add('drain', 1, { deduplication: { id: 'thread-1', keepLastIfActive: true } });
    await queue.add('drain', 2, { deduplication: { id: 'thread-1', keepLastIfActive: true } });
    await queue.add('drain', 3, { deduplication: { id: 'thread-2', keepLastIfActive: true } });
    expect(await queue.getWaitingCount()).toBe(2);
  });

  it('should run once more with the latest data when jobs with its deduplication id arrive while it is active', async () => {
    const name = freshName();
    const queue = queues.createQueue<number>(name);
    const gate = deferred();
    const started = deferred();
    const seen: number[] = [];
    queues.createWorker<number>(name, async (job) => {
      seen.push(job.data);
      if (job.data === 1) {
        started.resolve();
        await gate.promise;
      }
    });
    const dedup = { deduplication: { id: 'thread-9', keepLastIfActive: true } };
    await queue.add('drain', 1, dedup);
    await started.promise;
    await queue.add('drain', 2, dedup);
    await queue.add('drain', 3, dedup);
    gate.resolve();
    await waitFor(() => seen.length === 2, 10_000, 'the follow-up job');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([1, 3]);
  });

  it('should never run a stream\'s drain jobs at once when its comeback is delayed while it runs and a wake-up follows', async () => {
    const name = freshName();
    const queue = queues.createQueue<DeliveryStream>(name);
    const stream: DeliveryStream = { conversationId: 'c1', platform: 'slack' };
    let running = 0;
    let most = 0;
    let runs = 0;
    queues.createWorker<DeliveryStream>(
      name,
      async () => {
        running += 1;
        runs += 1;
        most = Math.max(most, running);
        // The first run finds its next entry settling: it asks to come back later, as drain-stream does.
        if (runs === 1) await queue.add('drain', stream, drainJobOptions(stream, 300));
        await new Promise((resolve) => setTimeout(resolve, 200));
        running -= 1;
      },
      { concurrency: 5 },
    );
    await queue.add('drain', stream, drainJobOptions(stream));
    await waitFor(() => runs === 1, 10_000, 'the first run');
    await queue.add('drain', stream, drainJobOptions(stream)); // a fresh wake-up while it runs
    await waitFor(() => runs === 2, 10_000, 'the comeback');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(most).toBe(1);
    expect(runs).toBe(2);
  });

  it('should hold a job back when it was added with a delay', async () => {
    const name = freshName();
    const queue = queues.createQueue<string>(name);
    const ran = deferred<number>();
    queues.createWorker<string>(name, async () => ran.resolve(Date.now()));
    const addedAt = Date.now();
    await queue.add('later', 'x', { delay: 400 });
    expect((await ran.promise) - addedAt).toBeGreaterThanOrEqual(390);
  });

  it('should start at most max jobs per duration when the worker has a limiter', async () => {
    const name = freshName();
    const queue = queues.createQueue<number>(name);
    // processedOn is stamped when the job is taken, which is when the limiter counts it;
    // the processor itself may run a little later on a busy machine.
    const takenAt: number[] = [];
    queues.createWorker<number>(name, async (job) => void takenAt.push(job.processedOn ?? Number.NaN), { concurrency: 4, limiter: { max: 2, duration: 600 } });
    await queue.addBulk([1, 2, 3, 4].map((n) => ({ name: 'paced', data: n })));
    await waitFor(() => takenAt.length === 4, 10_000, 'four jobs');
    takenAt.sort((a, b) => a - b);
    expect(takenAt[2]! - takenAt[0]!).toBeGreaterThanOrEqual(550);
  });

  it('should retry without using an attempt when the processor rate limits the worker', async () => {
    const name = freshName();
    const queue = queues.createQueue<string>(name);
    const runs: number[] = [];
    const worker: Worker<string> = queues.createWorker<string>(name, async () => {
      runs.push(Date.now());
      if (runs.length === 1) {
        await worker.rateLimit(400);
        throw Worker.RateLimitError();
      }
    });
    const completed = deferred<Job>();
    worker.on('completed', (job) => completed.resolve(job));
    await queue.add('throttled', 'x', { attempts: 1 });
    const job = await completed.promise;
    expect(runs).toHaveLength(2);
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(350);
    expect(job.attemptsMade).toBe(1);
  });

  it('should process jobs when there are more workers than pool connections', async () => {
    const names = Array.from({ length: 12 }, () => freshName());
    const done = new Set<string>();
    for (const name of names) queues.createWorker<string>(name, async (job) => void done.add(job.data));
    await Promise.all(names.map((name) => queues.createQueue<string>(name).add('one', name)));
    await waitFor(() => done.size === names.length, 15_000, 'a job on every queue');
  });
});

const listenPids = async (db: TestDatabase): Promise<number[]> =>
  (await db.pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`)).rows.map((row) => row.pid);

// Connection-level behaviour only a server shows; PGlite has no connection to lose.
if (testServerUrl() !== null) {
  describe('PostgreSQL backend: the shared LISTEN connection', () => {
    let db: TestDatabase;

    beforeAll(async () => {
      db = await createTestDatabase({ kind: 'postgres' });
    });

    afterAll(async () => {
      await db?.dispose();
    });

    it('should wake idle workers promptly when its LISTEN connection was killed', async () => {
      const queues = await createTestQueues(db, 'postgres');
      try {
        const names = [freshName(), freshName(), freshName()];
        const seen: string[] = [];
        for (const name of names) queues.createWorker<string>(name, async (job) => void seen.push(job.data));
        const queue = queues.createQueue<string>(names[0]!);
        await queue.add('warm-up', 'first');
        await waitFor(() => seen.length === 1, 10_000, 'the first job');
        const [pid, ...others] = await listenPids(db);
        expect(others).toEqual([]); // three workers, one LISTEN connection
        await db.pool.query('SELECT pg_terminate_backend($1)', [pid]);
        await waitFor(async () => (await listenPids(db)).some((next) => next !== pid), 5_000, 'a new LISTEN connection');
        const addedAt = Date.now();
        await queue.add('after-drop', 'second');
        await waitFor(() => seen.length === 2, 10_000, 'the second job');
        // A worker still parked on the dead connection would only notice at its 5 s drain poll.
        expect(Date.now() - addedAt).toBeLessThan(2_000);
      } finally {
        await queues.close();
      }
    });

    it('should give its LISTEN connection back when the factory is closed', async () => {
      const queues = await createTestQueues(db, 'postgres');
      const name = freshName();
      const seen: string[] = [];
      queues.createWorker<string>(name, async (job) => void seen.push(job.data));
      await queues.createQueue<string>(name).add('one', 'x');
      await waitFor(() => seen.length === 1, 10_000, 'the job');
      expect(await listenPids(db)).toHaveLength(1);
      await queues.close();
      await waitFor(async () => (await listenPids(db)).length === 0, 5_000, 'the LISTEN connection to close');
    });
  });
}
