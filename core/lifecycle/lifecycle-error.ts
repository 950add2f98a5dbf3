import type { ConversationStatus } from '../domain/types.ts';
import { HeimoError } from '../errors.ts';
import type { ActorRole, LifecycleActionType } from './status-rules.ts';

/**
 * A lifecycle action refused: `LIFECYCLE_INVALID` when the question's status does not allow it
 * (context: from, action), `UNAUTHORIZED` when the actor's role may not do it (context: role, action).
 */
export class LifecycleError extends HeimoError {
  readonly action: LifecycleActionType;
  readonly from: ConversationStatus;
  constructor(code: 'LIFECYCLE_INVALID' | 'UNAUTHORIZED', action: LifecycleActionType, from: ConversationStatus, role?: ActorRole) {
    const message = code === 'UNAUTHORIZED'
      ? `a ${role ?? 'nobody'} may not ${action} a question`
      : `a question that is ${from} cannot take the action ${action}`;
    super(code, message, { context: { action, from, ...(role === undefined ? {} : { role }) } });
    this.name = 'LifecycleError';
    this.action = action;
    this.from = from;
  }
}
