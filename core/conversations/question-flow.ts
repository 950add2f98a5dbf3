import type { AccountRef, Actor } from '../domain/domain-events.ts';
import type { ConversationStatus, Platform } from '../domain/types.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import { openAfterWindow, type ChangeResult, type Lifecycle } from '../lifecycle/index.ts';
import type { RouteDecision, RoutingStore } from '../routing/index.ts';
import { readGratitudeContext } from './sql-gratitude.ts';

/** A new question as it arrived, before anything is stored. */
export interface ArrivingQuestion {
  communityId: string;
  title: string;
  text: string;
}

/** Work prepared for a new question before its transaction, written inside it (e.g. the suggestions found for it). */
export type QuestionExtra = (tx: Tx, conversationId: string) => Promise<void>;

/**
 * What a capability does for each new question: its slow part (a search) runs before the question's
 * transaction opens, so it holds no connection (PGlite has one) and no lock; the returned work
 * writes in that transaction. It never throws: a failure means nothing extra (the question goes on).
 */
export type QuestionPreparer = (question: ArrivingQuestion) => Promise<QuestionExtra | null>;

/** What the relay's question flow needs: the job system, routing's store and the lifecycle. */
export interface QuestionFlowConfig {
  jobs: Jobs;
  routes: Pick<RoutingStore, 'save'>;
  lifecycle: Pick<Lifecycle, 'apply'>;
  /** Prepares each new question (the knowledge base's suggestions); moves and replies do not run it. */
  prepare?: QuestionPreparer;
  /** Tells thanks from other words (credits' detection, injected: conversations import nothing of credits); without it nothing is thanks. */
  gratitude?: GratitudeDetector;
  now?: () => Date;
}

/** Tells a thanks message or a thank-you reaction from the rest. */
export interface GratitudeDetector {
  isThanks(text: string): boolean;
  isThanksEmoji(emoji: string): boolean;
}

/** A thanks as the relay saw it; whom it thanks beyond the mentions is read in the transaction. */
export interface Thanks {
  conversationId: string;
  giver: AccountRef;
  via: 'message' | 'reaction';
  /** Heimo's id of the thanking message (via `message`) or of the message reacted on (via `reaction`). */
  messageId: string;
  /** Accounts the message mentions. */
  mentioned: AccountRef[];
  /** The message it replies to, by the platform's id (its author is thanked too). */
  replyTo?: { platform: Platform; channelId: string; externalId: string };
  emoji?: string;
}

/** A new question as routing placed it. */
export interface OpenedQuestion {
  conversationId: string;
  communityId: string;
  decision: RouteDecision;
  /** What `prepare` returned for it. */
  extra?: QuestionExtra | null;
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
 * `question.routed` event (owners and clocks act on it), the community window's timer, what
 * `prepare` found (suggestions); the lifecycle's reply-driven changes (history, events, timers,
 * status deliveries); and deletes.
 */
export interface QuestionFlow {
  transaction: Jobs['transaction'];
  /** Runs before a new question's transaction; pass what it returns to `opened`. */
  prepare(question: ArrivingQuestion): Promise<QuestionExtra | null>;
  opened(tx: Tx, question: OpenedQuestion): Promise<void>;
  replied(tx: Tx, change: ReplyChange): Promise<ChangeResult>;
  /** A stored message was deleted on its platform: `message.deleted`, for what was built from it (articles). */
  deleted(tx: Tx, message: DeletedMessage): Promise<void>;
  /** True when a message's text thanks someone (never without a detector). */
  isThanks(text: string): boolean;
  /** True when a reaction's emoji thanks the message's author (never without a detector). */
  isThanksEmoji(emoji: string): boolean;
  /** Publishes `gratitude.expressed` for a stored thanks, in the transaction that stored it. */
  thanked(tx: Tx, thanks: Thanks): Promise<void>;
  /** Publishes `staff.seen` for an author seen holding a community staff role, in the transaction that stored their message. */
  staffSeen(tx: Tx, seen: { communityId: string; account: AccountRef }): Promise<void>;
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
    prepare: (question) => config.prepare?.(question) ?? Promise.resolve(null),
    async opened(tx, { conversationId, communityId, decision, extra }) {
      const at = now();
      await routes.save({ conversationId, communityId, teamId: decision.team.id, rule: decision.rule, tierId: decision.tier?.id ?? null, language: decision.language, routedAt: at }, tx);
      await jobs.publish(tx, { type: 'question.routed', conversationId, teamId: decision.team.id, rule: decision.rule, actor: { kind: 'heimo' }, at: at.toISOString() });
      if (decision.communityWindowMs > 0) await openAfterWindow(jobs, tx, conversationId, new Date(at.getTime() + decision.communityWindowMs));
      if (extra) await extra(tx, conversationId);
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
    isThanks: (text) => config.gratitude?.isThanks(text) ?? false,
    isThanksEmoji: (emoji) => config.gratitude?.isThanksEmoji(emoji) ?? false,
    async thanked(tx, thanks) {
      const { conversationId, giver, via, messageId } = thanks;
      const context = await readGratitudeContext(tx, conversationId, via === 'reaction' ? { messageId } : (thanks.replyTo ?? null));
      if (!context) return;
      // Whom it thanks, once each; thanking oneself thanks nobody.
      const key = (account: AccountRef): string => `${account.platform}:${account.userId}`;
      const to = new Map([...thanks.mentioned, ...(context.author ? [context.author] : [])].map((account) => [key(account), account]));
      to.delete(key(giver));
      const emoji = thanks.emoji === undefined ? {} : { emoji: thanks.emoji };
      await jobs.publish(tx, { type: 'gratitude.expressed', conversationId, communityId: context.communityId, giver, to: [...to.values()], via, messageId, ...emoji, at: now().toISOString() });
    },
    async staffSeen(tx, { communityId, account }) {
      await jobs.publish(tx, { type: 'staff.seen', communityId, account, at: now().toISOString() });
    },
  };
}
