import type { Actor } from '../domain/domain-events.ts';
import type { ConversationStatus, Platform } from '../domain/types.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import { openAfterWindow, type ChangeResult, type Lifecycle } from '../lifecycle/index.ts';
import type { RouteDecision, RoutingStore } from '../routing/index.ts';

/** What the relay's question flow needs: the job system, routing's store and the lifecycle. */
export interface QuestionFlowConfig {
  jobs: Jobs;
  routes: Pick<RoutingStore, 'save'>;
  lifecycle: Pick<Lifecycle, 'apply'>;
  now?: () => Date;
}

/** A new question as routing placed it. */
export interface OpenedQuestion {
  conversationId: string;
  communityId: string;
  decision: RouteDecision;
}

/** A reply that moves its question (or restarts its idle prompt). */
export interface ReplyChange {
  conversationId: string;
  /** The status the relay decided from (checked again by the lifecycle). */
  expected: ConversationStatus;
  actor: Actor;
  employee: boolean;
  internal: boolean;
}

/**
 * What the relay records beside a question's rows, in the same transaction: the route, its
 * `question.routed` event (owners and clocks act on it), the community window's timer; the
 * lifecycle's reply-driven changes (history, events, timers, status deliveries); and deletes.
 */
export interface QuestionFlow {
  transaction: Jobs['transaction'];
  opened(tx: Tx, question: OpenedQuestion): Promise<void>;
  replied(tx: Tx, change: ReplyChange): Promise<ChangeResult>;
  /** A stored message was deleted on its platform: `message.deleted`, for what was built from it (articles). */
  deleted(tx: Tx, message: DeletedMessage): Promise<void>;
}

/** A message deleted on its platform, by Heimo's id. */
export interface DeletedMessage {
  conversationId: string;
  messageId: string;
  platform: Platform;
}

/** Creates the question flow the app hands the relay. */
export function createQuestionFlow(config: QuestionFlowConfig): QuestionFlow {
  const { jobs, routes, lifecycle } = config;
  const now = config.now ?? (() => new Date());
  return {
    transaction: (work) => jobs.transaction(work),
    async opened(tx, { conversationId, communityId, decision }) {
      const at = now();
      await routes.save({ conversationId, communityId, teamId: decision.team.id, rule: decision.rule, tierId: decision.tier?.id ?? null, language: decision.language, routedAt: at }, tx);
      await jobs.publish(tx, { type: 'question.routed', conversationId, teamId: decision.team.id, rule: decision.rule, actor: { kind: 'heimo' }, at: at.toISOString() });
      if (decision.communityWindowMs > 0) await openAfterWindow(jobs, tx, conversationId, new Date(at.getTime() + decision.communityWindowMs));
    },
    replied: (tx, change) =>
      lifecycle.apply(tx, {
        conversationId: change.conversationId,
        action: change.employee ? { type: 'employee.replied', internal: change.internal } : { type: 'customer.replied' },
        actor: change.actor,
        // Replies are not permissions: whoever writes in the thread moves it by writing.
        role: 'member',
        expected: change.expected,
      }),
    async deleted(tx, message) {
      await jobs.publish(tx, { type: 'message.deleted', ...message, at: now().toISOString() });
    },
  };
}
