import type { ConversationStatus } from '../domain/types.ts';
import type { LifecycleConfig } from '../domain/network.ts';
import type { TimerDraft } from '../jobs/index.ts';
import type { LifecycleAction } from './status-rules.ts';

/** Timer kinds the lifecycle handles (`jobs.onTimer`). */
export const LIFECYCLE_TIMERS = {
  /** The community-first window ends: `new` -> `open`. */
  window: 'lifecycle.window',
  /** An answered question went quiet: ask the asker whether it is solved. */
  idlePrompt: 'lifecycle.idle-prompt',
  /** Nobody answered the prompt: `answered` -> `closed`. */
  idleClose: 'lifecycle.idle-close',
} as const;

/** The key of one question's timer of one kind (setting it again moves it). */
export const timerKey = (kind: string, conversationId: string): string => `${kind}:${conversationId}`;

/** A lifecycle timer of one question, due at `dueAt`. */
export function lifecycleTimer(kind: string, conversationId: string, dueAt: Date): TimerDraft {
  return { key: timerKey(kind, conversationId), kind, dueAt, payload: { conversationId } };
}

/** Timers a status change sets and clears. */
export interface TimerPlan {
  set: TimerDraft[];
  clear: string[];
}

/** What planning a change's timers needs: the change, what caused it, when, and the community's idle settings. */
export interface TimerPlanInput {
  conversationId: string;
  from: ConversationStatus;
  to: ConversationStatus;
  action: LifecycleAction;
  now: Date;
  config: LifecycleConfig;
}

/**
 * The timers a change sets and clears: becoming `answered` (or a new public answer to an answered
 * question) starts the idle prompt afresh; leaving `answered` clears both idle timers; leaving
 * `new` clears the window (a question resolved inside it never opens). Internal notes move no timer.
 */
export function planTimers(input: TimerPlanInput): TimerPlan {
  const { conversationId, from, to, action, now, config } = input;
  const plan: TimerPlan = { set: [], clear: [] };
  if (from === 'new' && to !== 'new') plan.clear.push(timerKey(LIFECYCLE_TIMERS.window, conversationId));
  const publicAnswer = action.type === 'employee.replied' && action.internal !== true;
  const freshAnswer = to === 'answered' && (from !== 'answered' || publicAnswer);
  if (freshAnswer) {
    plan.set.push(lifecycleTimer(LIFECYCLE_TIMERS.idlePrompt, conversationId, new Date(now.getTime() + config.idlePromptMs)));
    plan.clear.push(timerKey(LIFECYCLE_TIMERS.idleClose, conversationId));
  } else if (from === 'answered' && to !== 'answered') {
    plan.clear.push(timerKey(LIFECYCLE_TIMERS.idlePrompt, conversationId), timerKey(LIFECYCLE_TIMERS.idleClose, conversationId));
  }
  return plan;
}
