import { createHash } from 'node:crypto';
import { HeimoError } from '../errors.ts';

// The survey's decisions, free of the database and the clock: which solved questions are sampled,
// whether an asker is still inside their cooldown, and what a score may be.

/** The lowest and highest score a rating may have. */
export const SCORE_RANGE = { min: 1, max: 5 } as const;

/**
 * The conversation's place in [0, 1): the first 32 bits of its id's SHA-256. Deterministic, so a
 * redelivered `question.resolved` (or another process) decides the same question the same way.
 */
export function samplePoint(conversationId: string): number {
  return createHash('sha256').update(conversationId).digest().readUInt32BE(0) / 2 ** 32;
}

/** True when the question is in the community's sample (a rate of 1 takes every one, 0 none). */
export function isSampled(conversationId: string, sampleRate: number): boolean {
  return samplePoint(conversationId) < sampleRate;
}

/** True when the asker was asked less than `cooldownMs` before `now` (never asked: false). */
export function inCooldown(lastAskedAt: Date | null, now: Date, cooldownMs: number): boolean {
  return lastAskedAt !== null && now.getTime() - lastAskedAt.getTime() < cooldownMs;
}

/** The score as a whole number from 1 to 5; anything else is a BAD_INPUT the person is shown. */
export function checkScore(score: unknown): number {
  const value = typeof score === 'string' && /^\s*\d+\s*$/.test(score) ? Number(score) : score;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < SCORE_RANGE.min || value > SCORE_RANGE.max) {
    throw new HeimoError('BAD_INPUT', `a rating is a whole number from ${SCORE_RANGE.min} to ${SCORE_RANGE.max}`, { context: { score: String(score) } });
  }
  return value;
}

/** The scores a survey offers, lowest first (its buttons). */
export const SCORES: readonly number[] = Array.from({ length: SCORE_RANGE.max - SCORE_RANGE.min + 1 }, (_, index) => SCORE_RANGE.min + index);
