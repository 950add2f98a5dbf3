import { describe, expect, it } from 'vitest';
import type { ConversationStatus } from '../../../core/domain/types.ts';
import { LIFECYCLE_TIMERS, planTimers, timerKey, type LifecycleAction } from '../../../core/lifecycle/index.ts';

const now = new Date('2026-12-03T09:00:00Z');
const config = { idlePromptMs: 3_600_000, idleCloseMs: 7_200_000 };
const plan = (from: ConversationStatus, to: ConversationStatus, action: LifecycleAction = { type: 'employee.replied' }) =>
  planTimers({ conversationId: 'c1', from, to, action, now, config });
const prompt = timerKey(LIFECYCLE_TIMERS.idlePrompt, 'c1');
const close = timerKey(LIFECYCLE_TIMERS.idleClose, 'c1');

describe('lifecycle timers', () => {
  it('should set the idle prompt idlePromptMs after the clock when a question becomes answered', () => {
    const { set, clear } = plan('claimed', 'answered');
    expect(set).toEqual([{ key: prompt, kind: LIFECYCLE_TIMERS.idlePrompt, dueAt: new Date('2026-12-03T10:00:00Z'), payload: { conversationId: 'c1' } }]);
    expect(clear).toEqual([close]);
  });

  it('should move the idle prompt when an employee answers an answered question again', () => {
    expect(plan('answered', 'answered').set.map((timer) => timer.key)).toEqual([prompt]);
  });

  it('should leave the idle prompt where it was when an employee writes an internal note on an answered question', () => {
    expect(plan('answered', 'answered', { type: 'employee.replied', internal: true })).toEqual({ set: [], clear: [] });
  });

  it('should clear both idle timers when a question leaves answered', () => {
    for (const to of ['open', 'claimed', 'resolved', 'closed'] as const) {
      expect(plan('answered', to, { type: 'customer.replied' })).toEqual({ set: [], clear: [prompt, close] });
    }
  });

  it('should clear the window when a new question is resolved inside it', () => {
    expect(plan('new', 'resolved', { type: 'resolve', solution: { messageId: 'm1', platform: 'discord', authorId: 'u1' } })).toEqual({ set: [], clear: [timerKey(LIFECYCLE_TIMERS.window, 'c1')] });
  });

  it('should touch no timer when the change neither enters nor leaves answered or new', () => {
    expect(plan('open', 'claimed', { type: 'claim' })).toEqual({ set: [], clear: [] });
  });
});
