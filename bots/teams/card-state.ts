import type { CardView } from '../../core/index.ts';
import { MAX_REFRESH_USERS } from './card-actions.ts';
import { createIdempotencyMemo } from './idempotency-memo.ts';

/** What this process last rendered of one conversation's card, and who has acted on it. */
export interface CardState {
  view: CardView;
  /** Teams user ids (29:…) the card refreshes itself for, most recent last. */
  viewers: string[];
}

/**
 * The card views the delivery last posted or updated, per conversation, so a `heimo.refresh`
 * invoke can answer with the current card without asking the core. In memory: after a restart
 * Heimo does not know a card until the outbox updates it, and answers the refresh with a message.
 */
export interface CardStates {
  get(conversationId: string): CardState | undefined;
  /** Records the view the delivery just rendered. */
  rendered(view: CardView): void;
  /** Adds a person who acted on the card, so it refreshes for them; returns the viewers. */
  seen(conversationId: string, userId: string): string[];
  viewers(conversationId: string): string[];
}

/** Creates the store, bounded to the most recent `maxCards` conversations. */
export function createCardStates(maxCards = 5_000): CardStates {
  const memo = createIdempotencyMemo(maxCards);
  const viewersOf = new Map<string, string[]>();
  return {
    get: (conversationId) => {
      const view = memo.get<CardView>(conversationId);
      return view === undefined ? undefined : { view, viewers: viewersOf.get(conversationId) ?? [] };
    },
    rendered: (view) => memo.set(view.conversationId, view),
    seen: (conversationId, userId) => {
      const known = (viewersOf.get(conversationId) ?? []).filter((id) => id !== userId);
      const next = [...known, userId].slice(-MAX_REFRESH_USERS);
      viewersOf.set(conversationId, next);
      // Viewers of cards no longer remembered are dropped with them.
      if (viewersOf.size > maxCards) {
        const oldest = viewersOf.keys().next().value;
        if (oldest !== undefined) viewersOf.delete(oldest);
      }
      return next;
    },
    viewers: (conversationId) => viewersOf.get(conversationId) ?? [],
  };
}
