import type { LifecycleConfig } from '../domain/network.ts';
import type { FiredTimer, Jobs, Tx } from '../jobs/index.ts';
import { hasCode } from '../errors.ts';
import { idlePromptDelivery } from './lifecycle-deliveries.ts';
import type { LifecycleOutbox, LifecycleStore } from './lifecycle-store.ts';
import { LIFECYCLE_TIMERS, lifecycleTimer } from './lifecycle-timers.ts';
import type { LifecycleAction } from './status-rules.ts';

/** What the timer handlers share with the use cases. */
export interface TimerHandlerDeps {
  jobs: Jobs;
  store: LifecycleStore;
  outbox: LifecycleOutbox;
  clock: () => Date;
  lifecycleOf: (communityId: string) => LifecycleConfig;
  apply: (tx: Tx, request: { conversationId: string; action: LifecycleAction; actor: { kind: 'heimo' }; role: 'heimo' }) => Promise<unknown>;
}

const conversationOf = (timer: FiredTimer): string => String(timer.payload['conversationId'] ?? '');

/**
 * Sets the community-first window of a new question: when it ends the question opens, unless it
 * was resolved (or otherwise moved on) inside it. For routing and wiring to call when a question
 * is created `new`.
 */
export async function openAfterWindow(jobs: Jobs, tx: Tx, conversationId: string, dueAt: Date): Promise<void> {
  await jobs.setTimer(tx, lifecycleTimer(LIFECYCLE_TIMERS.window, conversationId, dueAt));
}

/** Registers the handlers of the lifecycle's timers; each acts only if the question is still where the timer expects it. */
export function registerLifecycleTimers(deps: TimerHandlerDeps): void {
  const { jobs, store, outbox, clock } = deps;
  // A timer a change should have cleared may still fire (cleared after it was taken): the rules
  // refuse the action then, which here means there is nothing left to do.
  const heimo = async (tx: Tx, conversationId: string, action: LifecycleAction): Promise<void> => {
    try {
      await deps.apply(tx, { conversationId, action, actor: { kind: 'heimo' }, role: 'heimo' });
    } catch (error) {
      if (!hasCode(error, 'LIFECYCLE_INVALID') && !hasCode(error, 'NOT_FOUND')) throw error;
    }
  };
  jobs.onTimer(LIFECYCLE_TIMERS.window, (timer, tx) => heimo(tx, conversationOf(timer), { type: 'window.closed' }));
  jobs.onTimer(LIFECYCLE_TIMERS.idleClose, (timer, tx) => heimo(tx, conversationOf(timer), { type: 'idle.closed' }));
  jobs.onTimer(LIFECYCLE_TIMERS.idlePrompt, async (timer, tx) => {
    const conversationId = conversationOf(timer);
    const state = await store.state(tx, conversationId);
    if (state?.status !== 'answered') return;
    await outbox.enqueue(tx, conversationId, [idlePromptDelivery()]);
    const dueAt = new Date(clock().getTime() + deps.lifecycleOf(state.communityId).idleCloseMs);
    await jobs.setTimer(tx, lifecycleTimer(LIFECYCLE_TIMERS.idleClose, conversationId, dueAt));
  });
}
