import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HeimoError } from '../../../core/errors.ts';
import type { DomainEvent } from '../../../core/domain/domain-events.ts';
import { eventually, settle } from '../../support/eventually.ts';
import { createJobsWorld, JOB_SETUPS, recordEffect, type JobsWorld } from './job-harness.ts';

const AT = '2026-12-03T09:00:00.000Z';
const heimo = { kind: 'heimo' } as const;

const assigned = (conversationId: string): DomainEvent => ({ type: 'question.assigned', conversationId, assignee: { platform: 'slack', userId: 'U1' }, actor: heimo, at: AT });
const statusChanged = (conversationId: string): DomainEvent => ({ type: 'question.status_changed', conversationId, from: 'new', to: 'resolved', actor: heimo, at: AT }) as DomainEvent;

describe.each(JOB_SETUPS)('domain events: $label', (setup) => {
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

  it('should hand an event to every listener of its type once when its transaction commits', async () => {
    const { jobs } = await world.start();
    const seen: string[] = [];
    jobs.on('question.assigned', 'credits', async (event, tx) => {
      seen.push(`credits:${event.conversationId}`);
      await recordEffect(tx, `credits:${event.id}`);
    });
    jobs.on('question.assigned', 'notify', async (event) => void seen.push(`notify:${event.conversationId}`));
    jobs.on('question.status_changed', 'history', async () => void seen.push('history'));
    await jobs.start();

    const id = await jobs.transaction((tx) => jobs.publish(tx, assigned('c1')));

    await eventually(() => seen.length === 2, 'both listeners of question.assigned');
    await settle(200);
    expect(seen.sort()).toEqual(['credits:c1', 'notify:c1']);
    expect((await world.effects()).map((effect) => effect.what)).toEqual([`credits:${id}`]);
    const { rows } = await world.db.pool.query<{ dispatched: boolean }>(`SELECT "dispatchedAt" IS NOT NULL AS "dispatched" FROM "DomainEvent" WHERE "id" = $1::text`, [id]);
    expect(rows).toEqual([{ dispatched: true }]);
  });

  it("should run after-commit work once its transaction commits, in a listener's transaction too, and never after a rollback", async () => {
    const { jobs } = await world.start();
    const ran: string[] = [];
    jobs.on('question.assigned', 'wake', async (event, tx) => {
      // What a listener writes through the outbox writer wakes the delivery worker this way.
      jobs.afterCommit(tx, async () => void ran.push(`listener:${event.conversationId}`));
    });
    await jobs.start();

    await jobs.transaction(async (tx) => {
      jobs.afterCommit(tx, async () => void ran.push('committed'));
      await jobs.publish(tx, assigned('c9'));
      expect(ran).toEqual([]);
    });
    // Ran by the time the transaction returns (the listener's own may already have run too).
    expect(ran).toContain('committed');
    await expect(jobs.transaction(async (tx) => {
      jobs.afterCommit(tx, async () => void ran.push('rolled back'));
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    await eventually(() => ran.includes('listener:c9'), 'the listener transaction\'s after-commit work');
    expect(ran).not.toContain('rolled back');
  });

  it('should hand the event to nobody when the publishing transaction rolls back', async () => {
    const { jobs } = await world.start();
    const seen: string[] = [];
    jobs.on('question.assigned', 'credits', async (event) => void seen.push(event.id));
    await jobs.start();

    await expect(
      jobs.transaction(async (tx) => {
        await jobs.publish(tx, assigned('c2'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // A later event does arrive: the first would have been queued before it.
    await jobs.transaction((tx) => jobs.publish(tx, assigned('c3')));

    await eventually(() => seen.length === 1, 'the committed event');
    await jobs.sweep();
    await settle(200);
    expect(seen).toHaveLength(1);
    expect((await world.db.pool.query(`SELECT "id" FROM "DomainEvent"`)).rows).toEqual([{ id: seen[0] }]);
  });

  it('should retry a failing listener with backoff, keeping only the effects of the attempt that succeeds', async () => {
    const reported: string[] = [];
    const metrics = {
      handled: (kind: string, name: string) => void reported.push(`handled ${kind} ${name}`),
      failed: (kind: string, name: string, final: boolean) => void reported.push(`failed ${kind} ${name}${final ? ' for good' : ''}`),
      timerLateness: () => {},
    };
    const { jobs } = await world.start({ retry: { attempts: 5, baseDelayMs: 10 }, metrics });
    let attempts = 0;
    jobs.on('question.assigned', 'flaky', async (event, tx) => {
      attempts += 1;
      await recordEffect(tx, `attempt ${attempts}`);
      if (attempts < 3) throw new Error(`flaky ${attempts}`);
    });
    await jobs.start();

    await jobs.transaction((tx) => jobs.publish(tx, assigned('c4')));

    await eventually(async () => (await world.effects()).length > 0, 'the successful attempt');
    await settle(200);
    expect(attempts).toBe(3);
    expect((await world.effects()).map((effect) => effect.what)).toEqual(['attempt 3']);
    expect(reported).toEqual(['failed event flaky', 'failed event flaky', 'handled event flaky']);
  });

  it('should not retry a listener when it refuses its input with BAD_INPUT', async () => {
    const { jobs } = await world.start({ retry: { attempts: 5, baseDelayMs: 10 } });
    let attempts = 0;
    jobs.on('question.assigned', 'strict', async () => {
      attempts += 1;
      throw new HeimoError('BAD_INPUT', 'no such assignee');
    });
    await jobs.start();

    await jobs.transaction((tx) => jobs.publish(tx, assigned('c5')));

    await eventually(() => attempts === 1, 'the first attempt');
    await settle(300);
    expect(attempts).toBe(1);
  });

  it('should let a listener publish an event and set a timer in its own transaction when it runs', async () => {
    const { jobs } = await world.start();
    const fired: string[] = [];
    jobs.on('question.assigned', 'escalate', async (event, tx) => {
      await jobs.publish(tx, statusChanged(event.conversationId));
      await jobs.setTimer(tx, { key: `follow-up:${event.conversationId}`, kind: 'follow-up', dueAt: new Date(Date.now() + 20), payload: { conversationId: event.conversationId } });
    });
    jobs.on('question.status_changed', 'history', async (event) => void fired.push(`status:${event.conversationId}`));
    jobs.onTimer('follow-up', async (timer) => void fired.push(`timer:${String(timer.payload['conversationId'])}`));
    await jobs.start();

    await jobs.transaction((tx) => jobs.publish(tx, assigned('c6')));

    await eventually(() => fired.length === 2, 'the chained event and timer');
    expect(fired.sort()).toEqual(['status:c6', 'timer:c6']);
  });

  it('should queue an event through the sweeper when it was published in a transaction the job system did not open', async () => {
    const { jobs } = await world.start({ sweepGraceMs: 0 });
    const seen: string[] = [];
    jobs.on('question.assigned', 'credits', async (event) => void seen.push(event.conversationId));
    await jobs.start();

    // As if the publisher had died between its commit and queueing the jobs.
    const session = await world.db.pool.connect();
    try {
      await session.query('BEGIN');
      await jobs.publish(session, assigned('c7'));
      await session.query('COMMIT');
    } finally {
      session.release();
    }
    await settle(100);
    expect(seen).toEqual([]);

    expect(await jobs.sweep()).toMatchObject({ events: 1 });
    await eventually(() => seen.length === 1, 'the swept event');
    expect(await jobs.sweep()).toMatchObject({ events: 0 });
    await settle(200);
    expect(seen).toEqual(['c7']);
  });
});
