import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasCode } from '../../../core/errors.ts';
import { LIFECYCLE_TIMERS, LifecycleError, openAfterWindow, timerKey } from '../../../core/lifecycle/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { lifecycleFixture, seedQuestion, written } from './lifecycle-fixture.ts';

const asker = { kind: 'person' as const, platform: 'discord' as const, userId: 'asker', displayName: 'Ann' };

describe('lifecycle: resolve, close and refusals', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => { await db.dispose(); });

  it('should record the change, the solution, the events and the deliveries together when the asker resolves', async () => {
    const { jobs, lifecycle, clock } = lifecycleFixture(db);
    const { conversationId, answer } = await seedQuestion(db, 'claimed');
    await lifecycle.changeStatus({ conversationId, action: { type: 'employee.replied' }, actor: { kind: 'person', platform: 'slack', userId: 'U9' }, role: 'staff' });
    expect(jobs.timers.has(timerKey(LIFECYCLE_TIMERS.idlePrompt, conversationId))).toBe(true);
    clock.now = new Date('2026-12-03T09:30:00.000Z');

    const result = await lifecycle.resolve({ conversationId, solution: answer, actor: asker, role: 'asker', expected: 'answered' });

    expect(result).toEqual({ status: 'changed', from: 'answered', to: 'resolved' });
    const after = await written(db, conversationId);
    expect(after.status).toBe('resolved');
    expect(after.resolvedAt).not.toBeNull();
    expect(after.changes.map(({ from, to, action }) => [from, to, action])).toEqual([['claimed', 'answered', 'employee.replied'], ['answered', 'resolved', 'resolve']]);
    expect(after.changes[1]).toMatchObject({ actorKind: 'person', actorUserId: 'asker' });
    expect(after.resolutions).toEqual([{ solutionMessageId: answer.messageId, acceptedByUserId: 'asker', current: true, retiredAt: null }]);
    expect(jobs.events.map((event) => event.type)).toEqual(['question.status_changed', 'question.status_changed', 'question.resolved']);
    expect(jobs.events[2]).toMatchObject({ communityId: 'com', solution: answer, acceptedBy: asker });
    expect(after.outbox.slice(2).map(({ platform, kind, payload }) => [platform, kind, payload])).toEqual([
      ['slack', 'card.update', {}],
      ['discord', 'status.update', { status: 'resolved', from: 'answered' }],
    ]);
    expect(jobs.timers.has(timerKey(LIFECYCLE_TIMERS.idlePrompt, conversationId))).toBe(false);
  });

  it('should write nothing when the deliveries cannot be queued', async () => {
    const failing = { enqueue: async () => { throw new Error('outbox down'); } };
    const { jobs, lifecycle } = lifecycleFixture(db, failing);
    const { conversationId, answer } = await seedQuestion(db, 'answered');

    await expect(lifecycle.resolve({ conversationId, solution: answer, actor: asker, role: 'asker' })).rejects.toThrow('outbox down');

    const after = await written(db, conversationId);
    expect(after).toMatchObject({ status: 'answered', changes: [], resolutions: [], outbox: [] });
    expect(jobs.events).toEqual([]);
  });

  it('should change nothing when the status the caller saw is stale', async () => {
    const { jobs, lifecycle } = lifecycleFixture(db);
    const { conversationId, answer } = await seedQuestion(db, 'open');

    const result = await lifecycle.resolve({ conversationId, solution: answer, actor: asker, role: 'asker', expected: 'answered' });

    expect(result).toEqual({ status: 'stale', current: 'open' });
    expect(await written(db, conversationId)).toMatchObject({ status: 'open', changes: [], resolutions: [], outbox: [] });
    expect(jobs.events).toEqual([]);
  });

  it('should refuse and write nothing when a member who is not the asker resolves', async () => {
    const { jobs, lifecycle } = lifecycleFixture(db);
    const { conversationId, answer } = await seedQuestion(db, 'answered');
    const member = { kind: 'person' as const, platform: 'discord' as const, userId: 'someone' };

    const error = await lifecycle.resolve({ conversationId, solution: answer, actor: member, role: 'member' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LifecycleError);
    expect(hasCode(error, 'UNAUTHORIZED')).toBe(true);
    expect(await written(db, conversationId)).toMatchObject({ status: 'answered', changes: [], resolutions: [], outbox: [] });
    expect(jobs.events).toEqual([]);
  });

  it('should refuse a person who passes the role heimo when they take an action of a timer', async () => {
    const { lifecycle } = lifecycleFixture(db);
    const { conversationId } = await seedQuestion(db, 'answered');

    const error = await lifecycle.changeStatus({ conversationId, action: { type: 'idle.closed' }, actor: asker, role: 'heimo' }).catch((caught: unknown) => caught);

    expect(hasCode(error, 'UNAUTHORIZED')).toBe(true);
    expect((await written(db, conversationId)).status).toBe('answered');
  });

  it('should refuse with LIFECYCLE_INVALID when a resolved question is closed', async () => {
    const { lifecycle } = lifecycleFixture(db);
    const { conversationId } = await seedQuestion(db, 'resolved');

    const error = await lifecycle.close({ conversationId, actor: asker, role: 'asker' }).catch((caught: unknown) => caught);

    expect(hasCode(error, 'LIFECYCLE_INVALID')).toBe(true);
    expect((error as LifecycleError).context).toMatchObject({ from: 'resolved', action: 'close' });
    expect((await written(db, conversationId)).status).toBe('resolved');
  });

  it('should resolve a question inside the community-first window without ever opening it', async () => {
    const { jobs, lifecycle } = lifecycleFixture(db);
    const { conversationId, answer } = await seedQuestion(db, 'new');
    await jobs.transaction((tx) => openAfterWindow(jobs, tx, conversationId, new Date('2026-12-03T09:15:00Z')));
    expect(jobs.timers.has(timerKey(LIFECYCLE_TIMERS.window, conversationId))).toBe(true);

    await lifecycle.resolve({ conversationId, solution: { ...answer, platform: 'discord' }, actor: asker, role: 'asker' });

    expect(jobs.timers.has(timerKey(LIFECYCLE_TIMERS.window, conversationId))).toBe(false);
    // No card exists yet: only the Discord thread shows the status.
    expect((await written(db, conversationId)).outbox.map(({ platform, kind }) => [platform, kind])).toEqual([['discord', 'status.update']]);
  });
  it('should post the card when a question solved inside its window is reopened, and update it from then on', async () => {
    const { lifecycle } = lifecycleFixture(db);
    const { conversationId } = await seedQuestion(db, 'new');
    const kinds = async (): Promise<string[]> => (await written(db, conversationId)).outbox.map(({ platform, kind }) => `${platform} ${kind}`);

    await lifecycle.resolve({ conversationId, solution: null, articleId: 'article-1', actor: asker, role: 'asker' });
    expect(await kinds()).toEqual(['discord status.update']);
    // "It did not solve it after all": staff see the question for the first time.
    await lifecycle.reopen({ conversationId, actor: asker, role: 'asker' });
    expect(await kinds()).toEqual(['discord status.update', 'slack card.post', 'discord status.update']);
    await lifecycle.resolve({ conversationId, solution: null, articleId: 'article-1', actor: asker, role: 'asker' });
    await lifecycle.reopen({ conversationId, actor: asker, role: 'asker' });
    expect((await kinds()).slice(3)).toEqual(['slack card.update', 'discord status.update', 'slack card.update', 'discord status.update']);
  });

  it('should record the accepted article and no solution message when the asker accepts a suggestion', async () => {
    const { jobs, lifecycle } = lifecycleFixture(db);
    const { conversationId } = await seedQuestion(db, 'open');

    const result = await lifecycle.resolve({ conversationId, solution: null, articleId: 'article-7', actor: asker, role: 'asker' });

    expect(result).toEqual({ status: 'changed', from: 'open', to: 'resolved' });
    const rows = (await db.pool.query<{ solutionMessageId: string | null; solutionPlatform: string | null; articleId: string | null; acceptedByUserId: string }>(
      `SELECT "solutionMessageId", "solutionPlatform", "articleId", "acceptedByUserId" FROM "Resolution" WHERE "conversationId" = $1::text`, [conversationId])).rows;
    expect(rows).toEqual([{ solutionMessageId: null, solutionPlatform: null, articleId: 'article-7', acceptedByUserId: 'asker' }]);
    expect(jobs.events.find((event) => event.type === 'question.resolved')).toMatchObject({ solution: null, articleId: 'article-7', acceptedBy: asker });
  });

  it('should refuse a resolution with neither a solution message nor an article and write nothing', async () => {
    const { jobs, lifecycle } = lifecycleFixture(db);
    const { conversationId } = await seedQuestion(db, 'open');

    const error = await lifecycle.resolve({ conversationId, solution: null, actor: asker, role: 'asker' }).catch((caught: unknown) => caught);

    expect(hasCode(error, 'BAD_INPUT')).toBe(true);
    expect(await written(db, conversationId)).toMatchObject({ status: 'open', changes: [], resolutions: [], outbox: [] });
    expect(jobs.events).toEqual([]);
  });
});
