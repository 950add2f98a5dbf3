import type { MessageRef } from '../domain/domain-events.ts';
import type { ConversationStatus, Side } from '../domain/types.ts';
import { LifecycleError } from './lifecycle-error.ts';

/** What the person acting is to this question: its asker, a moderator, staff, any other member, or Heimo itself (timers, rules). */
export type ActorRole = 'asker' | 'moderator' | 'staff' | 'member' | 'heimo';

/**
 * Something that moves a question through its lifecycle. Replies are actions too, so the relay
 * and the use cases decide from the same table.
 */
export type LifecycleAction =
  | { type: 'window.closed' }
  | { type: 'claim' }
  | { type: 'employee.replied'; internal?: boolean }
  | { type: 'customer.replied' }
  /** `solution` null with `articleId`: the asker accepted a suggested article (a deflected question). */
  | { type: 'resolve'; solution: MessageRef | null; articleId?: string }
  | { type: 'close' }
  | { type: 'reopen' }
  | { type: 'idle.closed' };

/** The names of lifecycle actions. */
export type LifecycleActionType = LifecycleAction['type'];

const PEOPLE_IN_CHARGE: readonly ActorRole[] = ['asker', 'moderator', 'staff'];
const ANYONE: readonly ActorRole[] = ['asker', 'moderator', 'staff', 'member', 'heimo'];

// Replies are not permissions: whoever may write in the thread moves the status by writing.
// Heimo acts alone only where a timer or a rule does (the window, idle close, assignment).
const ALLOWED: Record<LifecycleActionType, readonly ActorRole[]> = {
  'window.closed': ['heimo'],
  claim: ['staff', 'heimo'],
  'employee.replied': ANYONE,
  'customer.replied': ANYONE,
  resolve: PEOPLE_IN_CHARGE,
  close: PEOPLE_IN_CHARGE,
  reopen: PEOPLE_IN_CHARGE,
  'idle.closed': ['heimo'],
};

/** True when `role` may take `action` at all (whatever the status). */
export function mayAct(role: ActorRole, action: LifecycleActionType): boolean {
  return ALLOWED[action].includes(role);
}

// A question someone comes back to goes to its owner when it has one, else back to the queue.
const reopened = (hasOwner: boolean): ConversationStatus => (hasOwner ? 'claimed' : 'open');

/**
 * The status a reply leaves a question in (the relay's rule; unchanged when the reply moves nothing).
 * An employee's public reply answers a question not yet answered (`new`, `open`, `claimed`); an
 * internal note never counts. A customer's reply reopens an `answered`, `resolved` or `closed`
 * question: a closed one too, because a customer writing again in its thread still needs help,
 * and a status nobody sees as open would leave them unanswered.
 */
export function statusAfterReply(current: ConversationStatus, side: Side, hasOwner: boolean, internal = false): ConversationStatus {
  if (side === 'employee') {
    if (internal) return current;
    return current === 'new' || current === 'open' || current === 'claimed' ? 'answered' : current;
  }
  return current === 'answered' || current === 'resolved' || current === 'closed' ? reopened(hasOwner) : current;
}

// null: the action does not apply to a question in `from` (an illegal transition).
function target(from: ConversationStatus, action: LifecycleAction, hasOwner: boolean): ConversationStatus | null {
  switch (action.type) {
    case 'window.closed':
      return from === 'new' ? 'open' : null;
    case 'claim': // claiming a claimed question changes its owner, not its status
      return from === 'open' || from === 'answered' || from === 'claimed' ? 'claimed' : null;
    case 'employee.replied':
      return statusAfterReply(from, 'employee', hasOwner, action.internal ?? false);
    case 'customer.replied':
      return statusAfterReply(from, 'customer', hasOwner);
    case 'resolve': // from `new` too: a community answer inside the window resolves it before it ever opens
      return from === 'resolved' ? null : 'resolved';
    case 'close': // a resolved question keeps its solution: reopen it first to close it without one
      return from === 'closed' || from === 'resolved' ? null : 'closed';
    case 'reopen': // from answered too: "Still need help" under the idle prompt
      return from === 'answered' || from === 'resolved' || from === 'closed' ? reopened(hasOwner) : null;
    case 'idle.closed':
      return from === 'answered' ? 'closed' : null;
  }
}

/** What deciding a transition needs: the status now, the action, who acts, and whether the question has an owner. */
export interface TransitionInput {
  from: ConversationStatus;
  action: LifecycleAction;
  role: ActorRole;
  /** Whether someone owns the question (a claim or an assignment): a reopened question goes back to them. */
  hasOwner: boolean;
}

/**
 * The status `action` moves a question to (the same status when it moves nothing, e.g. a reply
 * to an answered question). Throws LifecycleError: `UNAUTHORIZED` when the role may not take the
 * action, `LIFECYCLE_INVALID` when the status does not allow it.
 */
export function decideTransition(input: TransitionInput): ConversationStatus {
  const { from, action, role, hasOwner } = input;
  if (!mayAct(role, action.type)) throw new LifecycleError('UNAUTHORIZED', action.type, from, role);
  const to = target(from, action, hasOwner);
  if (to === null) throw new LifecycleError('LIFECYCLE_INVALID', action.type, from, role);
  return to;
}

/** True when deciding `action` needs to know whether the question has an owner. */
export function needsOwner(action: LifecycleActionType): boolean {
  return action === 'customer.replied' || action === 'reopen';
}
