import type { Tx } from '../jobs/index.ts';
import type { Platform } from '../domain/types.ts';

// Privacy's contract: each person's choices, and the erasers every capability registers so that
// forgetting a person reaches every table without privacy reading another capability's tables.

/** A platform account, as privacy names a person. */
export interface PersonKey {
  platform: Platform;
  userId: string;
}

/** What a person allows: their name shown (only counts in a `named` community), their words indexed. */
export interface PrivacyChoices {
  showName: boolean;
  indexable: boolean;
}

/** The choices of anyone who never chose: no name, indexed. */
export const DEFAULT_CHOICES: PrivacyChoices = { showName: false, indexable: true };

/** What other capabilities read of privacy: choices, for many people at once. */
export interface Consents {
  /** Keyed by `${platform}:${userId}`; people who never chose get DEFAULT_CHOICES. */
  choicesOf(people: readonly PersonKey[]): Promise<Map<string, PrivacyChoices>>;
}

/**
 * One capability's part of forgetting a person: removes or anonymises, in `tx`, every row of its
 * own tables that holds the person's id, name or words. Returns how many rows it changed.
 */
export interface Eraser {
  name: string;
  erase(tx: Tx, person: PersonKey): Promise<number>;
}

/** The key `Consents.choicesOf` uses for a person. */
export const personKey = (person: PersonKey): string => `${person.platform}:${person.userId}`;
