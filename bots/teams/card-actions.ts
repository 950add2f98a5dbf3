import type { CardAction, CardFact, CardView } from '../../core/index.ts';

/** Every Action.Execute verb Heimo puts on a card starts with this; the rest is the command it runs. */
export const VERB_PREFIX = 'heimo.';
/** The verb of the card's refresh: Teams asks for the current card when someone views it. */
export const REFRESH_VERB = 'heimo.refresh';
/** Teams refreshes a card automatically for at most this many listed people. */
export const MAX_REFRESH_USERS = 60;

/** The Action.Execute verb of a command (`resolve` -> `heimo.resolve`). */
export const verbOf = (command: string): string => `${VERB_PREFIX}${command}`;

/** The command a verb runs, or undefined for a verb that is not Heimo's (or the refresh). */
export function commandOfVerb(verb: string): string | undefined {
  if (!verb.startsWith(VERB_PREFIX) || verb === REFRESH_VERB) return undefined;
  const command = verb.slice(VERB_PREFIX.length);
  return command === '' ? undefined : command;
}

// Teams' Action.Execute styles: `positive` and `destructive`; anything else is the default look.
const STYLES: Record<NonNullable<CardAction['style']>, string | undefined> = { primary: 'positive', danger: 'destructive', default: undefined };

/**
 * Buttons as Action.Execute: each carries the conversation it acts on (absent on a card about no
 * question, a review card) and its command's arguments (`data.args`), which the invoke hands on.
 */
export function commandActions(actions: readonly CardAction[], conversationId: string | undefined): Record<string, unknown>[] {
  return actions.map((action) => {
    const style = STYLES[action.style ?? 'default'];
    const args = action.args !== undefined && Object.keys(action.args).length > 0 ? { args: { ...action.args } } : {};
    const data = { ...(conversationId === undefined ? {} : { conversationId }), ...args };
    return { type: 'Action.Execute', title: action.label, verb: verbOf(action.command), data, ...(style === undefined ? {} : { style }) };
  });
}

/** The card's buttons: one Action.Execute per action, carrying the conversation they act on. */
export function executeActions(view: CardView): Record<string, unknown>[] {
  return commandActions(view.actions ?? [], view.conversationId);
}

/** The card's lines under the question (owner, team, clocks), a breached clock shown as a warning. */
export function factElements(facts: readonly CardFact[] | undefined): Record<string, unknown>[] {
  if (facts === undefined || facts.length === 0) return [];
  const plain = facts.filter((fact) => fact.alert !== true);
  const alerts = facts.filter((fact) => fact.alert === true);
  return [
    ...(plain.length === 0 ? [] : [{ type: 'FactSet', facts: plain.map((fact) => ({ title: fact.label, value: fact.value })) }]),
    // A FactSet cannot colour one fact: breached ones are their own red lines.
    ...alerts.map((fact) => ({ type: 'TextBlock', text: `${fact.label}: ${fact.value}`, color: 'Attention', weight: 'Bolder', wrap: true, spacing: 'Small' })),
  ];
}

/**
 * The card's `refresh`: Teams sends `heimo.refresh` when a listed person views it, so everyone sees
 * the current card rather than what a button answered someone else. Without ids Teams offers a
 * manual refresh; more than 60 are cut (Teams' limit).
 */
export function refreshBlock(view: CardView, userIds?: readonly string[]): Record<string, unknown> {
  const ids = (userIds ?? []).slice(0, MAX_REFRESH_USERS);
  return {
    action: { type: 'Action.Execute', title: 'Refresh', verb: REFRESH_VERB, data: { conversationId: view.conversationId } },
    ...(ids.length === 0 ? {} : { userIds: ids }),
  };
}
