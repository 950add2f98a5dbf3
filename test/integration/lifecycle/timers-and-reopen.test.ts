import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDLE_PROMPT, LIFECYCLE_TIMERS, openAfterWindow, timerKey } from '../../../core/lifecycle/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { lifecycleFixture, seedQuestion, written } from './lifecycle-fixture.ts';

const employee = { kind: 'person' as const, platform: 'slack' as const, userId: 'U9' };
const customer = { kind: 'person' as const, platform: 'discord' as const, userId: 'asker' };

describe('lifecycle: timers and reopening', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => { await db.dispose(); });

  it('should prompt the asker after idlePromptMs and close the question idleCloseMs later when nobody answers', async () => {
    const { jobs, lifecycle, clock } = lifecycleFixture(db);
    const { conversationId } = await seedQuestion(db, 'claimed');
    const promptKey = timerKey(LIFECYCLE_TIMERS.idlePrompt, conversationId);
    const closeKey = timerKey(LIFECYCLE_TIMERS.idleClose, conversationId);
    await lifecycle.changeStatus({ conversationId, action: { type: 'employee.replied' }, actor: employee, role: 'staff' });
    expect(jobs.timers.get(promptKey)?.dueAt).toEqual(new Date('2026-12-03T10:00:00.000Z'));

    clock.now = new Date('2026-12-03T10:00:00.000Z');
    await jobs.fire(promptKey, clock.now);

    const prompted = await written(db, conversationId);
    expect(prompted.status).toBe('answered');
    expect(prompted.outbox.at(-1)).toMatchObject({ platform: 'discord', kind: 'prompt.post', payload: { text: IDLE_PROMPT.text } });
    expect(jobs.timers.has(promptKey)).toBe(false);
    expect(jobs.timers.get(closeKey)?.dueAt).toEqual(new Date('2026-12-03T12:00:00.000Z'));

    clock.now = new Date('2026-12-03T12:00:00.000Z');
    await jobs.fire(closeKey, clock.now);

    const closed = await written(db, conversationId);
    expect(closed.status).toBe('closed');
    expect(closed.changes.at(-1)).toMatchObject({ from: 'answered', to: 'closed', action: 'idle.closed', actorKind: 'heimo' });
    expect(closed.outbox.slice(-2).map(({ kind }) => kind)).toEqual(['card.update', 'status.update']);
    expect(jobs.timers.size).toBe(0);
  });

  it('should not prompt when the question left answered before the prompt fired', async () => {
    const { jobs, lifecycle } = lifecycleFixture(db);
    const { conversationId } = await seedQuestion(db, 'open');
    await lifecycle.changeStatus({ conversationId, action: { type: 'employee.replied' }, actor: employee, role: 'staff' });
    const promptKey = timerKey(LIFECYCLE_TIMERS.idlePrompt, conversationId);
    const timer = jobs.timers.get(promptKey);
    await lifecycle.changeStatus({ conversationId, action: { type: 'customer.replied' }, actor: customer, role: 'asker' });
    expect(jobs.timers.has(promptKey)).toBe(false);

    // A fire already under way when the change cleared it: the handler finds nothing to do.
    if (timer) jobs.timers.set(promptKey, timer);
    await jobs.fire(promptKey, new Date('2026-12-03T10:00:00.000Z'));

    expect((await written(db, conversationId)).outbox.map(({ kind }) => kind)).not.toContain('prompt.post');
  });

  it('should reopen a resolved question to its owner and keep the retired solution when the customer replies', async () => {
    const { jobs, lifecycle, clock, owner } = lifecycleFixture(db);
    const { conversationId, answer } = await seedQuestion(db, 'answered');
    await lifecycle.resolve({ conversationId, solution: answer, actor: customer, role: 'asker' });
    owner.has = true;
    clock.now = new Date('2026-12-03T09:10:00.000Z');

    const result = await lifecycle.changeStatus({ conversationId, action: { type: 'customer.replied' }, actor: customer, role: 'asker' });

    expect(result).toEqual({ status: 'changed', from: 'resolved', to: 'claimed' });
    const after = await written(db, conversationId);
    expect(after.resolvedAt).toBeNull();
    expect(after.resolutions).toEqual([expect.objectContaining({ solutionMessageId: answer.messageId, current: false })]);
    expect(after.resolutions[0]?.retiredAt).not.toBeNull();
    expect(jobs.events.at(-1)).toMatchObject({ type: 'question.status_changed', from: 'resolved', to: 'claimed' });
  });

  it('should reopen a closed question into the queue when the asker reopens it and nobody owns it', async () => {
    const { lifecycle } = lifecycleFixture(db);
    const { conversationId } = await seedQuestion(db, 'closed');

    expect(await lifecycle.reopen({ conversationId, actor: customer, role: 'asker' })).toEqual({ status: 'changed', from: 'closed', to: 'open' });
    expect((await written(db, conversationId)).changes).toEqual([expect.objectContaining({ from: 'closed', to: 'open', action: 'reopen' })]);
  });

  it('should open a new question when its community-first window ends', async () => {
    const { jobs } = lifecycleFixture(db);
    const { conversationId } = await seedQuestion(db, 'new');
    const key = timerKey(LIFECYCLE_TIMERS.window, conversationId);
    await jobs.transaction((tx) => openAfterWindow(jobs, tx, conversationId, new Date('2026-12-03T09:15:00Z')));

    await jobs.fire(key, new Date('2026-12-03T09:15:00Z'));

    const after = await written(db, conversationId);
    expect(after.status).toBe('open');
    expect(after.changes).toEqual([expect.objectContaining({ from: 'new', to: 'open', action: 'window.closed', actorKind: 'heimo' })]);
    // No card was posted inside the window: opening posts it, then shows the status on Discord.
    expect(after.outbox.map((entry) => `${entry.platform} ${entry.kind}`)).toEqual(['slack card.post', 'discord status.update']);
  });
});
