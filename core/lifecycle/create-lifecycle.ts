import type { Actor, MessageRef } from '../domain/domain-events.ts';
import { DEFAULT_LIFECYCLE, type LifecycleConfig, type NetworkConfig } from '../domain/network.ts';
import type { ConversationStatus } from '../domain/types.ts';
import { HeimoError } from '../errors.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import { statusDeliveries } from './lifecycle-deliveries.ts';
import type { LifecycleOutbox, LifecycleStore } from './lifecycle-store.ts';
import { planTimers } from './lifecycle-timers.ts';
import { registerLifecycleTimers } from './lifecycle-timer-handlers.ts';
import { decideTransition, needsOwner, type ActorRole, type LifecycleAction } from './status-rules.ts';

/** What the lifecycle needs: the job system, its store, the network (for each community's idle settings) and the outbox. */
export interface LifecycleDeps {
  jobs: Jobs;
  store: LifecycleStore;
  network: () => NetworkConfig;
  clock?: () => Date;
  outbox: LifecycleOutbox;
  /** Whether someone owns the question (the owners capability wires it); without it, none does. */
  hasOwner?: (tx: Tx, conversationId: string) => Promise<boolean>;
}

/** Who acts: the actor as events record them, and their role for this question (Heimo's is always 'heimo', a person's never). */
export interface ActingAs {
  actor: Actor;
  role: ActorRole;
}

/** A change request: the action, who takes it, and optionally the status it was decided from. */
export interface ChangeRequest extends ActingAs {
  conversationId: string;
  action: LifecycleAction;
  /** The status the caller saw (a card's button): when the question is no longer in it, nothing changes. */
  expected?: ConversationStatus;
  reason?: string;
}

/** How a change ended: changed; nothing to change (a reply to an answered question); or decided from a stale status. */
export type ChangeResult =
  | { status: 'changed'; from: ConversationStatus; to: ConversationStatus }
  | { status: 'unchanged'; current: ConversationStatus }
  | { status: 'stale'; current: ConversationStatus };

type Shortcut = Omit<ChangeRequest, 'action'>;

/** The question lifecycle's use cases; each is one transaction (see `apply` to join the caller's). */
export interface Lifecycle {
  /** Resolves with the accepted message, or (`solution` null) with the suggested article the asker accepted. */
  resolve(request: Shortcut & { solution: MessageRef | null; articleId?: string }): Promise<ChangeResult>;
  reopen(request: Shortcut): Promise<ChangeResult>;
  close(request: Shortcut): Promise<ChangeResult>;
  changeStatus(request: ChangeRequest): Promise<ChangeResult>;
  /** The same change inside the caller's open transaction (the relay's reply-driven changes). */
  apply(tx: Tx, request: ChangeRequest): Promise<ChangeResult>;
}

/**
 * Creates the lifecycle and registers its timer handlers (window, idle prompt, idle close) with
 * `jobs`: call before `jobs.start()`. Illegal actions throw LifecycleError and write nothing.
 */
export function createLifecycle(deps: LifecycleDeps): Lifecycle {
  const { jobs, store, outbox } = deps;
  const clock = deps.clock ?? (() => new Date());
  const lifecycleOf = (communityId: string): LifecycleConfig =>
    deps.network().communities.find((community) => community.id === communityId)?.lifecycle ?? DEFAULT_LIFECYCLE;

  async function apply(tx: Tx, request: ChangeRequest): Promise<ChangeResult> {
    const { conversationId, action, actor } = request;
    // A resolution always says what solved it: a message, or an accepted article.
    if (action.type === 'resolve' && action.solution === null && action.articleId === undefined) {
      throw new HeimoError('BAD_INPUT', 'a resolution needs a solution message or an accepted article', { context: { conversationId } });
    }
    const state = await store.state(tx, conversationId);
    if (!state) throw new HeimoError('NOT_FOUND', `conversation ${conversationId} does not exist`, { context: { conversationId } });
    const from = state.status;
    if (request.expected !== undefined && request.expected !== from) return { status: 'stale', current: from };
    // Only Heimo acts as Heimo: a person passed role 'heimo' counts as a member.
    const role: ActorRole = actor.kind === 'heimo' ? 'heimo' : request.role === 'heimo' ? 'member' : request.role;
    const hasOwner = needsOwner(action.type) && deps.hasOwner ? await deps.hasOwner(tx, conversationId) : false;
    const to = decideTransition({ from, action, role, hasOwner });
    const now = clock();
    const timers = planTimers({ conversationId, from, to, action, now, config: lifecycleOf(state.communityId) });
    if (to === from) {
      // A fresh answer to an answered question still restarts its idle prompt.
      for (const timer of timers.set) await jobs.setTimer(tx, timer);
      for (const key of timers.clear) await jobs.clearTimer(tx, key);
      return { status: 'unchanged', current: from };
    }
    // Read before this change is recorded: a question solved inside its window has no card to update.
    const carded = from === 'new' ? false : from === 'resolved' || from === 'closed' ? await store.reachedStaff(tx, conversationId) : true;
    if (!(await store.setStatus(tx, conversationId, from, to, now))) {
      return { status: 'stale', current: (await store.state(tx, conversationId))?.status ?? from };
    }
    await store.recordChange(tx, { conversationId, from, to, action: action.type, actor, at: now, reason: request.reason ?? null });
    if (from === 'resolved') await store.retireResolution(tx, conversationId, now);
    await jobs.publish(tx, { type: 'question.status_changed', conversationId, from, to, actor, at: now.toISOString() });
    if (action.type === 'resolve') {
      const deflected = action.articleId === undefined ? {} : { articleId: action.articleId };
      await store.recordResolution(tx, { conversationId, solution: action.solution, ...deflected, acceptedBy: actor, at: now });
      await jobs.publish(tx, { type: 'question.resolved', conversationId, communityId: state.communityId, solution: action.solution, ...deflected, acceptedBy: actor, at: now.toISOString() });
    }
    for (const key of timers.clear) await jobs.clearTimer(tx, key);
    for (const timer of timers.set) await jobs.setTimer(tx, timer);
    await outbox.enqueue(tx, conversationId, statusDeliveries(from, to, state.employeePlatform, carded));
    return { status: 'changed', from, to };
  }

  const changeStatus = (request: ChangeRequest): Promise<ChangeResult> => jobs.transaction((tx) => apply(tx, request));
  registerLifecycleTimers({ jobs, store, outbox, clock, lifecycleOf, apply });
  return {
    resolve: ({ solution, articleId, ...rest }) => changeStatus({ ...rest, action: { type: 'resolve', solution, ...(articleId === undefined ? {} : { articleId }) } }),
    reopen: (request) => changeStatus({ ...request, action: { type: 'reopen' } }),
    close: (request) => changeStatus({ ...request, action: { type: 'close' } }),
    changeStatus,
    apply,
  };
}
