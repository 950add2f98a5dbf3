// The question lifecycle: statuses, who may change them, their history and solutions, and the
// timers that move quiet questions along. Other modules import from here only.
export { createLifecycle, type ActingAs, type ChangeRequest, type ChangeResult, type Lifecycle, type LifecycleDeps } from './create-lifecycle.ts';
export { LifecycleError } from './lifecycle-error.ts';
export { idlePromptDelivery, statusDeliveries } from './lifecycle-deliveries.ts';
export type { LifecycleOutbox, LifecycleStore, QuestionState, ResolutionRecord, StatusChangeRecord } from './lifecycle-store.ts';
export { openAfterWindow } from './lifecycle-timer-handlers.ts';
export { LIFECYCLE_TIMERS, lifecycleTimer, planTimers, timerKey, type TimerPlan } from './lifecycle-timers.ts';
export { IDLE_PROMPT } from './lifecycle-texts.ts';
export { createSqlLifecycleStore } from './sql-lifecycle-store.ts';
export { decideTransition, mayAct, needsOwner, statusAfterReply, type ActorRole, type LifecycleAction, type LifecycleActionType, type TransitionInput } from './status-rules.ts';
export { createLifecycleEraser } from './sql-lifecycle-eraser.ts';
export { createSqlQuestionFigures, type QuestionFiguresRecord } from './sql-question-figures.ts';
export { createSqlAskerOutcomes, type SolvedQuestionRecord } from './sql-asker-outcomes.ts';
export { createSqlQuestionFacts, type QuestionFactsRecord } from './sql-question-facts.ts';
