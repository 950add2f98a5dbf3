import type { Actor, MessageRef } from '../domain/domain-events.ts';
import type { ConversationStatus, EmployeePlatform } from '../domain/types.ts';
import type { Tx } from '../jobs/index.ts';
import type { OutboxWriter } from '../outbox/index.ts';
import type { LifecycleActionType } from './status-rules.ts';

/** What the lifecycle reads of a question before changing it. */
export interface QuestionState {
  status: ConversationStatus;
  communityId: string;
  employeePlatform: EmployeePlatform;
}

/** One recorded status change (every change, with who, why and when). */
export interface StatusChangeRecord {
  conversationId: string;
  from: ConversationStatus;
  to: ConversationStatus;
  action: LifecycleActionType;
  actor: Actor;
  at: Date;
  /** Free text a person or tool gave; null when the action says it all. */
  reason: string | null;
}

/** A question's solution (or the suggested article that solved it) and who accepted it. */
export interface ResolutionRecord {
  conversationId: string;
  /** Null when an accepted suggestion solved it (`articleId`). */
  solution: MessageRef | null;
  articleId?: string;
  acceptedBy: Actor;
  at: Date;
}

/** The lifecycle's persistence; every method runs inside the caller's transaction. */
export interface LifecycleStore {
  /** The question's status, community and employee platform; null when there is no such conversation. */
  state(tx: Tx, conversationId: string): Promise<QuestionState | null>;
  /** Moves the status from `from` to `to`; false (nothing written) when it is no longer `from`. */
  setStatus(tx: Tx, conversationId: string, from: ConversationStatus, to: ConversationStatus, at: Date): Promise<boolean>;
  recordChange(tx: Tx, change: StatusChangeRecord): Promise<void>;
  /** Records the question's solution as its current one (an earlier one stays, retired, in the history). */
  recordResolution(tx: Tx, resolution: ResolutionRecord): Promise<void>;
  /** Retires the current solution (the question was reopened); it stays in the history. */
  retireResolution(tx: Tx, conversationId: string, at: Date): Promise<void>;
  /**
   * Whether the question's card was ever posted: false only for one that waited in its community
   * window and was solved or closed there (a suggestion accepted, a community answer), never opened.
   */
  reachedStaff(tx: Tx, conversationId: string): Promise<boolean>;
}

/** Queues deliveries in the caller's transaction: the outbox's one writer (createSqlOutboxWriter). */
export type LifecycleOutbox = OutboxWriter;
