import type { Env } from '../../config/env-read.ts';
import type { Destination } from '../../core/domain/types.ts';

/** A card Heimo posted on the employee side, as the platform stand-in recorded it. */
export interface RecordedCard {
  id: string;
  /** Everything the card shows, flattened to text (title, asker, status, link...). */
  text: string;
}

/** A post Heimo made in a card's thread. */
export interface RecordedPost {
  id: string;
  text: string;
  /** The display name it was posted under, or the name it is prefixed with. */
  author: string;
}

/**
 * What the contract suite needs from one employee platform: its stand-in, the env that points
 * Heimo at it, and ways to act as an employee. Slack and Teams each provide one.
 */
export interface EmployeeSide {
  platform: 'slack' | 'teams';
  env: Env;
  destination: Destination;
  /** Tells the stand-in where Heimo listens (Slack events URL, Teams messaging endpoint). */
  attach(heimoUrl: string): Promise<void>;
  /** Bold text as an employee types it on this platform (Slack `*x*`, Teams `<b>x</b>`). */
  bold(text: string): string;
  cards(): RecordedCard[];
  /** Posts Heimo made in the card's thread (the card itself excluded), oldest first. */
  threadPosts(cardId: string): RecordedPost[];
  /** An employee replies in the card's thread, with files where the platform carries them; returns the platform message id. */
  reply(cardId: string, text: string, files?: Array<{ name: string; mimetype: string; data: Buffer }>): Promise<string>;
  edit(cardId: string, messageId: string, text: string): Promise<void>;
  remove(cardId: string, messageId: string): Promise<void>;
  /** Whether Heimo can put reactions on this platform's messages (Teams bots cannot). */
  canReact: boolean;
  /** An employee adds or removes a reaction (Unicode emoji) on a message in the card's thread, or on the card itself (messageId = cardId). */
  react(cardId: string, messageId: string, emoji: string, added: boolean): Promise<void>;
  /** The reactions (Unicode) Heimo itself has on a message in the card's thread or on the card; always empty where it cannot react. */
  botReactions(cardId: string, messageId: string): string[];
  /** Sends the last employee event to Heimo again, as the platform does when it retries. */
  redeliverLast(): Promise<void>;
  /** The next post into a thread fails with this HTTP status (429 carries Retry-After: 1). */
  failNextPost(status: 429 | 500): void;
  /** How many post calls the stand-in received (failed ones included). */
  postAttempts(): number;
  close(): Promise<void>;
}
