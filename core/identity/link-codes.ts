import { randomInt } from 'node:crypto';
import { HeimoError } from '../errors.ts';
import type { IdentityContext } from './create-identity.ts';
import type { IdentityService } from './port.ts';
import { toView } from './sql-identity-store.ts';

// `/heimo link`: one account asks for a code, the other redeems it within 15 minutes. Codes are
// typed by hand on another platform, so they avoid letters that look alike (0/O, 1/I/L).

/** The letters a link code is made of. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** How many characters a link code has (31^8: guessing one in 15 minutes is hopeless). */
export const CODE_LENGTH = 8;

/** How long a link code works. */
export const LINK_CODE_TTL_MS = 15 * 60_000;

/** A fresh random code. */
export const newLinkCode = (): string => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** A code as typed (lower case, spaces or dashes) in its stored form. */
export const normalCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '');

/** Why a link code was refused (the `reason` of the BAD_INPUT error's context). */
export type LinkRefusal = 'unknown' | 'used' | 'expired' | 'own';

const REFUSALS: Record<LinkRefusal, string> = { unknown: 'is unknown', used: 'was used already', expired: 'has expired', own: 'is your own: run it from your other account' };

const badCode = (reason: LinkRefusal): HeimoError => new HeimoError('BAD_INPUT', `That link code ${REFUSALS[reason]}.`, { context: { reason } });

/** Creating, redeeming and undoing links, over identity's context. */
export function createLinkCodes(ctx: IdentityContext): Pick<IdentityService, 'createLinkCode' | 'redeemLinkCode' | 'unlink'> {
  const { queries, jobs, now } = ctx;
  return {
    createLinkCode: (account) =>
      jobs.transaction(async (tx) => {
        const person = await ctx.ensure(tx, account);
        const code = { code: newLinkCode(), platform: account.platform, userId: account.userId, identityId: person.id, expiresAt: new Date(now().getTime() + LINK_CODE_TTL_MS), usedAt: null };
        await queries.putLinkCode(tx, code, now());
        return { code: code.code, expiresAt: code.expiresAt };
      }),

    redeemLinkCode: (typed, account, actor) =>
      jobs.transaction(async (tx) => {
        const code = await queries.lockLinkCode(tx, normalCode(typed));
        if (code === null) throw badCode('unknown');
        if (code.usedAt !== null) throw badCode('used');
        if (code.expiresAt.getTime() <= now().getTime()) throw badCode('expired');
        if (code.platform === account.platform && code.userId === account.userId) throw badCode('own');
        const mine = await ctx.ensure(tx, account);
        // The code's person now (another link may have merged it since the code was made).
        const theirs = await queries.lockAccount(tx, code);
        if (theirs === null) throw badCode('unknown');
        await queries.useLinkCode(tx, code.code, now());
        if (theirs.identityId !== mine.id) await ctx.merge(tx, mine.id, theirs.identityId, account, 'code', actor);
        const person = await queries.person(theirs.identityId, tx);
        if (person === null) throw new Error(`identity ${theirs.identityId} vanished inside its transaction`);
        return toView(person);
      }),

    unlink: (account, actor) =>
      jobs.transaction(async (tx) => {
        const stored = await queries.lockAccount(tx, account);
        const person = stored === null ? null : await queries.person(stored.identityId, tx);
        if (person === null || person.accounts.length < 2) throw new HeimoError('NOT_FOUND', 'This account is not linked to another.', { context: { platform: account.platform } });
        await queries.lockPeople(tx, [person.id]);
        const named = (account as { displayName?: unknown }).displayName;
        const splitId = await queries.split(tx, account, typeof named === 'string' && named.trim() !== '' ? named : person.displayName, now());
        await ctx.restaff(tx, person.id);
        await ctx.restaff(tx, splitId);
        await jobs.publish(tx, { type: 'identity.changed', identityId: person.id, mergedId: null, split: { account: { platform: account.platform, userId: account.userId }, identityId: splitId }, actor, at: now().toISOString() });
        const split = await queries.person(splitId, tx);
        if (split === null) throw new Error(`identity ${splitId} vanished inside its transaction`);
        return toView(split);
      }),
  };
}
