import type { AccountRef } from '../domain/domain-events.ts';
import type { CreditRulesConfig } from '../domain/network.ts';
import type { CreditReason } from './port.ts';

// The fairness rules as pure decisions: the listeners gather the figures (the ledger's sums, the
// transcript), these decide. Every refusal has a reason that is logged (see award.ts).

/** Why a credit was not appended. */
export type Refusal = 'self' | 'bot' | 'no-receiver' | 'not-recent' | 'pair-per-day' | 'receiver-cap' | 'giver-cap';

/** Credits no daily cap limits: an accepted answer is the thing the community wants most. */
export const CAP_EXEMPT: ReadonlySet<CreditReason> = new Set(['answer.accepted', 'answer.accepted.routed']);

/** Reasons the daily caps sum (earned credits; moderators' rows and reversals are not earnings). */
export const CAPPED_REASONS: readonly CreditReason[] = ['accepting', 'thanks', 'article.published', 'suggestion.accepted'];

/** The key of an account in maps and source keys. */
export const accountKey = (account: AccountRef): string => `${account.platform}:${account.userId}`;

/** The start of the UTC day of `at` (the caps and the pair rule count per UTC day). */
export function dayStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** Figures a capped credit is checked against, already summed for today. */
export interface CapFigures {
  reason: CreditReason;
  points: number;
  receivedToday: number;
  /** Null when nobody gave it (an article, an acceptor's own credit). */
  givenToday: number | null;
}

/** The cap a credit would break, or null when it fits (0 means no cap). */
export function capRefusal(rules: Pick<CreditRulesConfig, 'receiverDailyCap' | 'giverDailyCap'>, figures: CapFigures): Refusal | null {
  if (CAP_EXEMPT.has(figures.reason)) return null;
  if (rules.receiverDailyCap > 0 && figures.receivedToday + figures.points > rules.receiverDailyCap) return 'receiver-cap';
  if (figures.givenToday !== null && rules.giverDailyCap > 0 && figures.givenToday + figures.points > rules.giverDailyCap) return 'giver-cap';
  return null;
}

/** One message of a thread as the thanks rules read it. */
export interface ThreadMessage {
  id: string;
  author: AccountRef & { isBot: boolean; isAsker: boolean };
  writtenAt: Date;
  deleted: boolean;
}

/**
 * Whom an untargeted thanks thanks: when the asker thanks, the latest author before the thanks
 * who is neither the asker nor a bot; anyone else's bare thanks names nobody.
 */
export function inferThanked(messages: readonly ThreadMessage[], thanksMessageId: string, giver: AccountRef): AccountRef | null {
  const index = messages.findIndex((message) => message.id === thanksMessageId);
  const before = index < 0 ? messages : messages.slice(0, index);
  const giverMessage = messages[index] ?? [...messages].reverse().find((message) => accountKey(message.author) === accountKey(giver));
  if (giverMessage === undefined || !giverMessage.author.isAsker) return null;
  const helper = [...before].reverse().find((message) => !message.deleted && !message.author.isAsker && !message.author.isBot);
  return helper === undefined ? null : { platform: helper.author.platform, userId: helper.author.userId };
}

/** True when both accounts wrote in the thread within `recentMs` before `at`. */
export function bothRecent(messages: readonly ThreadMessage[], giver: AccountRef, receiver: AccountRef, at: Date, recentMs: number): boolean {
  const wrote = (account: AccountRef) =>
    messages.some((message) => accountKey(message.author) === accountKey(account) && at.getTime() - message.writtenAt.getTime() <= recentMs && message.writtenAt.getTime() <= at.getTime() + 60_000);
  return wrote(giver) && wrote(receiver);
}

/** A bot of the thread (or Heimo itself) never gives nor receives credit. */
export function isBotIn(messages: readonly ThreadMessage[], account: AccountRef): boolean {
  return messages.some((message) => accountKey(message.author) === accountKey(account) && message.author.isBot);
}
