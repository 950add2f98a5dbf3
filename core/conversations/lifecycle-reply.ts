import type { Actor } from '../domain/domain-events.ts';
import type { OutboxDraft } from '../domain/outbox.ts';
import type { LinkRecord } from '../domain/records.ts';
import type { ConversationStatus } from '../domain/types.ts';
import type { Tx } from '../jobs/index.ts';
import { statusAfterReply } from '../lifecycle/index.ts';
import type { AppendResult, ConversationState, NewMessageInput, RelayStore } from './port.ts';
import type { QuestionFlow } from './question-flow.ts';

/**
 * True when a reply goes through the lifecycle: it changes the status (statusAfterReply), or it is
 * an employee's public answer to an answered question (which restarts its idle prompt). Any other
 * reply is one statement, as ever.
 */
export const movesQuestion = (current: ConversationStatus, employee: boolean, internal: boolean): boolean =>
  statusAfterReply(current, employee ? 'employee' : 'customer', false, internal) !== current || (employee && !internal && current === 'answered');

/** How an append ended, the status it left, and the deliveries to wake. */
export interface ReplyOutcome {
  result: AppendResult;
  status: ConversationStatus;
  drafts: OutboxDraft[];
}

/** Publishes for the stored message (Heimo's id) inside the transaction that stores it: a thanks, a staff role seen. */
export type Thanked = (tx: Tx, messageId: string) => Promise<void>;

/** A reply in a thread, as the relay decided it. */
export interface ReplyInput {
  context: { link: LinkRecord; state: ConversationState };
  message: NewMessageInput;
  employee: boolean;
  internal: boolean;
  actor: Actor;
  /** Set when the reply thanks someone or its author holds a community staff role. */
  thanked?: Thanked;
}

/**
 * Stores a reply that moves its question and the lifecycle's change (history, events, timers, the
 * card and Discord status deliveries) in one transaction; the append still refuses a stale status.
 */
export async function appendWithLifecycle(store: RelayStore, flow: QuestionFlow, input: ReplyInput): Promise<ReplyOutcome> {
  const { link, state } = input.context;
  const drafts: OutboxDraft[] = [];
  let status = state.status;
  const result = await store.appendMessage(
    {
      conversationId: link.conversationId,
      expectedStatus: state.status,
      message: input.message,
      deliveries: (messageId) => {
        if (!input.internal) drafts.push({ platform: input.employee ? 'discord' : state.employeePlatform, kind: 'message.post', payload: { messageId } });
        return drafts;
      },
    },
    {
      transaction: flow.transaction,
      after: async (tx, messageId) => {
        const { employee, internal, actor } = input;
        const change = await flow.replied(tx, { conversationId: link.conversationId, expected: state.status, actor, employee, internal });
        if (change.status === 'changed') status = change.to;
        if (input.thanked) await input.thanked(tx, messageId);
      },
    },
  );
  // The lifecycle queued the card and status updates in the same transaction: their streams are woken too.
  const woken: OutboxDraft[] = status === state.status ? drafts : [...drafts, { platform: state.employeePlatform, kind: 'card.update', payload: {} }, { platform: 'discord', kind: 'status.update', payload: {} }];
  return { result, status, drafts: woken };
}
