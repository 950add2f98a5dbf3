import { describe, expect, it } from 'vitest';
import type { ConversationStatus } from '../../../core/domain/types.ts';
import { hasCode } from '../../../core/errors.ts';
import { decideTransition, LifecycleError, mayAct, statusAfterReply, type ActorRole, type LifecycleAction } from '../../../core/lifecycle/index.ts';

const solution = { messageId: 'm1', platform: 'discord' as const, authorId: 'u2' };
const decide = (from: ConversationStatus, action: LifecycleAction, role: ActorRole = 'staff', hasOwner = false): ConversationStatus =>
  decideTransition({ from, action, role, hasOwner });
const refusal = (run: () => unknown): LifecycleError => {
  try {
    run();
  } catch (error) {
    if (error instanceof LifecycleError) return error;
    throw error;
  }
  throw new Error('expected a LifecycleError');
};

describe('status rules', () => {
  it('should open a new question when the community-first window closes', () => {
    expect(decide('new', { type: 'window.closed' }, 'heimo')).toBe('open');
  });

  it('should claim an open or answered question when staff claims it', () => {
    expect(decide('open', { type: 'claim' })).toBe('claimed');
    expect(decide('answered', { type: 'claim' })).toBe('claimed');
  });

  it('should answer new, open and claimed questions when an employee replies publicly', () => {
    for (const from of ['new', 'open', 'claimed'] as const) expect(decide(from, { type: 'employee.replied' }, 'member')).toBe('answered');
  });

  it('should leave the status alone when an employee writes an internal note', () => {
    expect(decide('claimed', { type: 'employee.replied', internal: true })).toBe('claimed');
    expect(statusAfterReply('open', 'employee', false, true)).toBe('open');
  });

  it('should reopen to the owner when a customer replies to an answered, resolved or closed question that has one', () => {
    for (const from of ['answered', 'resolved', 'closed'] as const) {
      expect(statusAfterReply(from, 'customer', true)).toBe('claimed');
      expect(statusAfterReply(from, 'customer', false)).toBe('open');
    }
  });

  it('should keep the status when a customer replies to a question still waiting for an answer', () => {
    for (const from of ['new', 'open', 'claimed'] as const) expect(statusAfterReply(from, 'customer', true)).toBe(from);
  });

  it('should resolve from any status but resolved when the asker, a moderator or staff accepts a solution', () => {
    for (const from of ['new', 'open', 'claimed', 'answered', 'closed'] as const) {
      for (const role of ['asker', 'moderator', 'staff'] as const) expect(decide(from, { type: 'resolve', solution }, role)).toBe('resolved');
    }
  });

  it('should close an unresolved question and close an answered one when it idles', () => {
    expect(decide('claimed', { type: 'close' }, 'asker')).toBe('closed');
    expect(decide('answered', { type: 'idle.closed' }, 'heimo')).toBe('closed');
  });

  it('should reopen answered, resolved and closed questions to their owner or the queue when reopened', () => {
    expect(decide('resolved', { type: 'reopen' }, 'moderator', true)).toBe('claimed');
    expect(decide('closed', { type: 'reopen' }, 'asker', false)).toBe('open');
    // "Still need help" under the idle prompt: the answer did not solve it.
    expect(decide('answered', { type: 'reopen' }, 'asker', true)).toBe('claimed');
  });

  it('should refuse with LIFECYCLE_INVALID naming the status and action when the transition is illegal', () => {
    const cases: [ConversationStatus, LifecycleAction, ActorRole][] = [
      ['resolved', { type: 'resolve', solution }, 'staff'],
      ['resolved', { type: 'close' }, 'staff'],
      ['closed', { type: 'close' }, 'staff'],
      ['open', { type: 'reopen' }, 'asker'],
      ['claimed', { type: 'idle.closed' }, 'heimo'],
      ['open', { type: 'window.closed' }, 'heimo'],
      ['new', { type: 'claim' }, 'staff'],
    ];
    for (const [from, action, role] of cases) {
      const error = refusal(() => decide(from, action, role));
      expect(hasCode(error, 'LIFECYCLE_INVALID')).toBe(true);
      expect(error.context).toMatchObject({ from, action: action.type });
    }
  });

  it('should refuse with UNAUTHORIZED when a role may not take the action', () => {
    expect(refusal(() => decide('answered', { type: 'resolve', solution }, 'member')).code).toBe('UNAUTHORIZED');
    expect(refusal(() => decide('open', { type: 'claim' }, 'asker')).code).toBe('UNAUTHORIZED');
    expect(refusal(() => decide('closed', { type: 'reopen' }, 'member')).code).toBe('UNAUTHORIZED');
    expect(refusal(() => decide('new', { type: 'window.closed' }, 'staff')).code).toBe('UNAUTHORIZED');
  });

  it('should let Heimo claim (assignment) but not resolve when a rule or timer acts', () => {
    expect(mayAct('heimo', 'claim')).toBe(true);
    expect(mayAct('heimo', 'resolve')).toBe(false);
    expect(mayAct('member', 'customer.replied')).toBe(true);
  });
});
