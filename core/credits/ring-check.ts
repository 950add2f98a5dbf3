import type { AccountRef } from '../domain/domain-events.ts';
import type { PersonView } from '../identity/index.ts';
import type { Tx } from '../jobs/index.ts';
import { accountKey } from './credit-rules.ts';
import type { CreditsContext } from './credits-context.ts';
import { findRing, type CreditEdge } from './ring-rules.ts';
import { openFlag } from './sql-flags.ts';

const DAY_MS = 86_400_000;

/**
 * Looks for a credit ring around `anchors` (a receiver and their giver) in the community's ring
 * window; a ring found opens a flag for moderators (one per group) and publishes nothing else:
 * its credits stay until a moderator revokes them, and recognition promotes nobody flagged.
 */
export async function checkRing(ctx: CreditsContext, tx: Tx, communityId: string, anchors: readonly PersonView[], at: Date): Promise<void> {
  const { ring } = ctx.settings(communityId).rules;
  const since = new Date(at.getTime() - ring.windowMs);
  const anchorAccounts = anchors.flatMap((person) => person.accounts.map(({ platform, userId }) => ({ platform, userId })));
  const near = await ctx.ledger.touching(tx, communityId, anchorAccounts, since);
  const anchorKeys = new Set(anchorAccounts.map(accountKey));
  const partners = new Map<string, AccountRef>();
  for (const entry of near) {
    for (const account of [entry.account, entry.giver]) if (account !== null && !anchorKeys.has(accountKey(account))) partners.set(accountKey(account), account);
  }
  // The partners' own credits: a ring's share counts everything its members received.
  const far = partners.size === 0 ? [] : await ctx.ledger.touching(tx, communityId, [...partners.values()], since);
  const entries = new Map([...near, ...far].map((entry) => [entry.id, entry]));
  const accounts = new Map<string, AccountRef>();
  for (const entry of entries.values()) for (const account of [entry.account, entry.giver]) if (account !== null) accounts.set(accountKey(account), account);
  const people = await ctx.identity.peopleOf([...accounts.values()], tx);
  const personOf = (account: AccountRef): string => people.get(accountKey(account))?.id ?? accountKey(account);
  const edges: CreditEdge[] = [...entries.values()].map((entry) => ({ giver: entry.giver === null ? null : personOf(entry.giver), receiver: personOf(entry.account) }));
  const found = findRing(anchors.map((person) => person.id), edges, ring);
  if (found === null) return;
  const evidence = { credits: found.credits, share: Math.round(found.share * 100) / 100, windowDays: Math.round(ring.windowMs / DAY_MS) };
  if (await openFlag(tx, communityId, found.members, evidence, at)) ctx.logger.info('credit ring flagged', { communityId, members: found.members, ...evidence });
}
