import type { Tx } from '../jobs/index.ts';
import type { Platform } from '../domain/types.ts';

// Privacy's contract: each person's choices, and the erasers every capability registers so that
// forgetting a person reaches every table without privacy reading another capability's tables.

/** A platform account, as privacy names a person. */
export interface PersonKey {
  platform: Platform;
  userId: string;
}

/**
 * What a person allows: their name shown (only counts in a `named` community), their words indexed,
 * and themselves on the public leaderboard, its API and their people page (issue 11).
 */
export interface PrivacyChoices {
  showName: boolean;
  indexable: boolean;
  showOnBoard: boolean;
}

/** The choices of anyone who never chose: no name, indexed, not on the public board. */
export const DEFAULT_CHOICES: PrivacyChoices = { showName: false, indexable: true, showOnBoard: false };

/** What other capabilities read of privacy: choices, for many people at once. */
export interface Consents {
  /** Keyed by `${platform}:${userId}`; people who never chose get DEFAULT_CHOICES. */
  choicesOf(people: readonly PersonKey[]): Promise<Map<string, PrivacyChoices>>;
}

/** What a person was known as, gathered from every capability before any of them erases. */
export interface PersonTraces {
  /** Display names (accounts, rota entries, audit rows): replaced by FORGOTTEN_NAME where another row copied them. */
  names: string[];
  /** Texts of theirs other rows copied (the titles of questions they asked): replaced by REMOVED_TEXT. */
  texts: string[];
}

/** The person being forgotten, as every eraser receives them. */
export interface ForgetTarget extends PersonKey {
  /** A random stand-in id, the same in every eraser of one forget: rows that must keep someone's id get it instead. */
  tombstone: string;
  traces: PersonTraces;
}

/**
 * One capability's part of forgetting a person: removes or anonymises, in `tx`, every row of its
 * own tables that holds the person's id, name or words. Returns how many rows it changed.
 */
export interface Eraser {
  name: string;
  /** What this capability knows the person as (read before any eraser runs, in the same transaction). */
  traces?(tx: Tx, person: PersonKey): Promise<Partial<PersonTraces>>;
  erase(tx: Tx, person: ForgetTarget): Promise<number>;
}

/** What a forget did: rows changed per eraser, and the stand-in id that replaced the person's. */
export interface ForgetReport {
  /** The tombstone: lets an operator find the anonymised rows (and the log line) without the person's id. */
  reference: string;
  erased: { name: string; rows: number }[];
}

/** The privacy service: choices, consents for other capabilities, and forgetting a person. */
export interface Privacy {
  consents: Consents;
  /** One person's choices (DEFAULT_CHOICES when they never chose). */
  choices(person: PersonKey): Promise<PrivacyChoices>;
  /** Changes some of a person's choices; answers all of them afterwards. */
  setChoices(person: PersonKey, changes: Partial<PrivacyChoices>): Promise<PrivacyChoices>;
  /** Runs every eraser in one transaction: afterwards no row names the person. */
  forget(person: PersonKey): Promise<ForgetReport>;
}

/** The name every anonymised row carries instead of the person's. */
export const FORGOTTEN_NAME = 'Forgotten person';

/** What replaces a forgotten person's words where a row must keep some text (a question's title). */
export const REMOVED_TEXT = '[removed]';

/** The key `Consents.choicesOf` uses for a person. */
export const personKey = (person: PersonKey): string => `${person.platform}:${person.userId}`;
