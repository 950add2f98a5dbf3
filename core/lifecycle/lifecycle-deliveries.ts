import type { ConversationStatus, EmployeePlatform } from '../domain/types.ts';
import type { OutboxDraft } from '../domain/outbox.ts';
import { IDLE_PROMPT } from './lifecycle-texts.ts';

/**
 * The deliveries that show a new status: the employee card (re-rendered from the conversation, so
 * it needs no payload) and the Discord thread. A question leaving `new` has no card yet (the
 * community-first window is Discord only): opening it posts the card; one solved or closed inside
 * the window never reaches employees, until it is reopened (`carded` false): then its card is posted.
 */
export function statusDeliveries(from: ConversationStatus, to: ConversationStatus, employeePlatform: EmployeePlatform, carded = from !== 'new'): OutboxDraft[] {
  const discord: OutboxDraft = { platform: 'discord', kind: 'status.update', payload: { status: to, from } };
  if (carded) return [{ platform: employeePlatform, kind: 'card.update', payload: {} }, discord];
  const working = to === 'open' || to === 'claimed' || to === 'answered';
  return working ? [{ platform: employeePlatform, kind: 'card.post', payload: {} }, discord] : [discord];
}

/** The idle prompt in the Discord thread: "Did this solve it?" with a button for each answer. */
export function idlePromptDelivery(): OutboxDraft {
  return { platform: 'discord', kind: 'prompt.post', payload: { prompt: 'idle', text: IDLE_PROMPT.text, solved: IDLE_PROMPT.solved, notSolved: IDLE_PROMPT.notSolved } };
}
