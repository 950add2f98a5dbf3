import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HeimoError } from '../../../core/errors.ts';
import { TIMER_QUEUE, type TimerJobData } from '../../../core/jobs/job-names.ts';
import type { FiredTimer, Jobs } from '../../../core/jobs/index.ts';
import { eventually, settle } from '../../support/eventually.ts';
import { createJobsWorld, JOB_SETUPS, recordEffect, type JobsWorld } from './job-harness.ts';

const inMs = (ms: number): Date => new Date(Date.now() + ms);

/** Registers a `reminder` handler that records each firing (in memory and, in its transaction, as an effect). */
function recordFirings(jobs: Jobs): FiredTimer[] {
  const fired: FiredTimer[] = [];
  jobs.onTimer('reminder', async (timer, tx) => {
    await recordEffect(tx, timer.key);
    fired.push(timer);
  });
  return fired;
}

const setReminder = (jobs: Jobs, key: string, dueAt: Date, payload: Record<string, unknown> = {}): Promise<void> =>
  jobs.transaction((tx) => jobs.setTimer(tx, { key, kind: 'reminder', dueAt, payload }));

describe.each(JOB_SETUPS)('timers: $label', (setup) => {
  let world: JobsWorld;

  beforeAll(async () => {
    world = await createJobsWorld(setup);
  });

  afterEach(async () => {
    await world?.reset();
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it('should fire a timer once, not before its time, with its payload when it falls due', async () => {
    const { jobs } = await world.start();
    const fired = recordFirings(jobs);
    await jobs.start();

    const dueAt = inMs(60);
    await setReminder(jobs, 'sla.first:c1', dueAt, { conversationId: 'c1' });

    await eventually(() => fired.length === 1, 'the timer');
    await settle(200);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ key: 'sla.first:c1', kind: 'reminder', dueAt, payload: { conversationId: 'c1' } });
    expect(fired[0]!.firedAt.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
    expect((await world.db.pool.query(`SELECT "key" FROM "Timer"`)).rows).toEqual([]);
  });

  it('should fire a moved timer once at its new time and a cleared one never', async () => {
    const { jobs } = await world.start();
    const fired = recordFirings(jobs);
    await jobs.start();

    // Far enough ahead that the move and the clear commit first (a transaction takes tens of ms on a busy server).
    await setReminder(jobs, 'moved', inMs(250), { n: 1 });
    await setReminder(jobs, 'cleared', inMs(250));
    const movedTo = inMs(600);
    await setReminder(jobs, 'moved', movedTo, { n: 2 });
    await jobs.transaction((tx) => jobs.clearTimer(tx, 'cleared'));
    await jobs.transaction((tx) => jobs.clearTimer(tx, 'never-set'));

    // Firing at the old time would show as a firing before `movedTo`, or as a second one.
    await eventually(() => fired.length === 1, 'the moved timer');
    await settle(200);
    expect(fired.map((timer) => [timer.key, timer.payload['n']])).toEqual([['moved', 2]]);
    expect(fired[0]!.firedAt.getTime()).toBeGreaterThanOrEqual(movedTo.getTime());
  });

  it('should not set the timer when the transaction that sets it rolls back', async () => {
    const { jobs } = await world.start();
    const fired = recordFirings(jobs);
    await jobs.start();

    await setReminder(jobs, 'kept', inMs(30));
    await expect(
      jobs.transaction(async (tx) => {
        await jobs.setTimer(tx, { key: 'kept', kind: 'reminder', dueAt: inMs(10_000), payload: {} });
        await jobs.setTimer(tx, { key: 'rolled-back', kind: 'reminder', dueAt: inMs(30), payload: {} });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    await eventually(() => fired.length === 1, 'the kept timer at its first time');
    await settle(200);
    expect(fired.map((timer) => timer.key)).toEqual(['kept']);
  });

  it('should fire a timer exactly once when two job systems on one database both hold a job for it', async () => {
    const first = await world.start({ sweepIntervalMs: 50 });
    const second = await world.start({ sweepIntervalMs: 50 });
    // Each handler holds its transaction a moment, so a second firer really overlaps the first.
    const slow = (jobs: Jobs) =>
      jobs.onTimer('reminder', async (timer, tx) => {
        await recordEffect(tx, timer.key);
        await new Promise((resolve) => setTimeout(resolve, 50));
      });
    slow(first.jobs);
    slow(second.jobs);
    await first.jobs.start();
    await second.jobs.start();

    await setReminder(first.jobs, 'once', inMs(150));
    // A second job for the same timer version under another id (what a re-arm racing a lost job amounts to), in each store.
    const { rows } = await world.db.pool.query<{ version: string }>(`SELECT "version"::text AS "version" FROM "Timer" WHERE "key" = 'once'`);
    const data: TimerJobData = { key: 'once', version: rows[0]!.version };
    for (const [index, { queues }] of [first, second].entries()) await queues.createQueue<TimerJobData>(TIMER_QUEUE).add('timer', data, { jobId: `duplicate-${index}`, delay: 100 });

    await eventually(async () => (await world.effects('once')).length > 0, 'the timer');
    await settle(400);
    expect(await world.effects('once')).toHaveLength(1);
  });

  it('should retry a failing timer handler and keep only the effects of the firing that succeeds', async () => {
    const { jobs } = await world.start({ retry: { attempts: 5, baseDelayMs: 10 } });
    let attempts = 0;
    jobs.onTimer('reminder', async (timer, tx) => {
      attempts += 1;
      await recordEffect(tx, `${timer.key} attempt ${attempts}`);
      if (attempts < 3) throw new Error(`flaky ${attempts}`);
    });
    await jobs.start();

    await setReminder(jobs, 'flaky', inMs(20));

    await eventually(async () => (await world.effects()).length > 0, 'the successful firing');
    await settle(200);
    expect((await world.effects()).map((effect) => effect.what)).toEqual(['flaky attempt 3']);
  });

  it('should drop a timer without retrying when its handler refuses it with BAD_INPUT', async () => {
    const { jobs } = await world.start({ retry: { attempts: 5, baseDelayMs: 10 }, sweepIntervalMs: 50 });
    let attempts = 0;
    jobs.onTimer('reminder', async () => {
      attempts += 1;
      throw new HeimoError('BAD_INPUT', 'the conversation is gone');
    });
    await jobs.start();

    await setReminder(jobs, 'refused', inMs(20));

    await eventually(() => attempts === 1, 'the firing');
    await settle(300);
    expect(attempts).toBe(1);
    expect((await world.db.pool.query(`SELECT "key" FROM "Timer"`)).rows).toEqual([]);
  });

  it.each([
    { queue: 'kept', empty: false },
    { queue: 'emptied', empty: true },
  ])('should fire a timer set before a restart when a new process starts and the queue was $queue', async ({ empty }) => {
    const before = await world.start();
    recordFirings(before.jobs);
    await setReminder(before.jobs, 'across-restart', inMs(300));
    await before.stop();
    if (empty) await world.emptyQueues();

    const after = await world.start({ sweepIntervalMs: 100 }, { sameHandle: false });
    const fired = recordFirings(after.jobs);
    await after.jobs.start();

    await eventually(() => fired.length === 1, 'the timer after the restart');
    await settle(200);
    expect(fired.map((timer) => timer.key)).toEqual(['across-restart']);
    expect(await world.effects('across-restart')).toHaveLength(1);
  });

  it('should fire a timer whose job was lost while the process ran when the periodic sweep re-arms it', async () => {
    const { jobs } = await world.start({ sweepIntervalMs: 100 });
    const fired = recordFirings(jobs);
    await jobs.start();
    // Set after the sweep at start, in a transaction the job system did not open (as if the writer
    // died before queueing): only a later periodic sweep can arm it.
    const session = await world.db.pool.connect();
    const dueAt = inMs(700);
    try {
      await session.query('BEGIN');
      await jobs.setTimer(session, { key: 'lost', kind: 'reminder', dueAt, payload: {} });
      await session.query('COMMIT');
    } finally {
      session.release();
    }

    await eventually(() => fired.length === 1, 'the re-armed timer');
    await settle(300);
    expect(fired.map((timer) => timer.key)).toEqual(['lost']);
    expect(fired[0]!.firedAt.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
  });

  it('should fire a timer that fell due while no process ran at once when a process starts', async () => {
    const before = await world.start();
    // Set in a transaction the job system did not open: no job is queued, only the row exists.
    const session = await before.db.pool.connect();
    try {
      await session.query('BEGIN');
      await before.jobs.setTimer(session, { key: 'overdue', kind: 'reminder', dueAt: inMs(-60_000), payload: {} });
      await session.query('COMMIT');
    } finally {
      session.release();
    }
    await before.stop();

    // A sweep interval far longer than the wait: only the sweep at start can fire it.
    const after = await world.start({ sweepIntervalMs: 60_000 }, { sameHandle: false });
    const fired = recordFirings(after.jobs);
    const startedAt = Date.now();
    await after.jobs.start();

    await eventually(() => fired.length === 1, 'the overdue timer', 5_000);
    expect(fired[0]!.firedAt.getTime() - startedAt).toBeLessThan(5_000);
    expect(fired[0]!.key).toBe('overdue');
  });
});
