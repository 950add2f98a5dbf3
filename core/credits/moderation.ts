import { randomUUID } from 'node:crypto';
import type { AccountRef, Actor } from '../domain/domain-events.ts';
import { HeimoError } from '../errors.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import { bareParty, personOf, type CreditsContext } from './credits-context.ts';
import type { CreditEntryView } from './port.ts';

// Moderators' hand: `credit give` appends a `moderator` row; `credit revoke` appends reversals of
// the person's newest credits that fit in the points, and a negative `moderator` row for the rest.
// No fairness rule limits a moderator (the command runner audits them).

const MAX_POINTS = 10_000;

function checkRequest(points: number, reason: string): void {
  if (!Number.isInteger(points) || points <= 0 || points > MAX_POINTS) throw new HeimoError('BAD_INPUT', `points must be a whole number from 1 to ${MAX_POINTS}`, { context: { points } });
  if (reason.trim() === '') throw new HeimoError('BAD_INPUT', 'a reason is required');
}

const giverOf = (actor: Actor): AccountRef | null => (actor.kind === 'person' ? { platform: actor.platform, userId: actor.userId } : null);

/** The moderators' give and revoke over the ledger. */
export function createModeration(ctx: CreditsContext, jobs: Pick<Jobs, 'transaction'>) {
  const moderatorRow = async (tx: Tx, communityId: string, account: AccountRef, points: number, note: string, actor: Actor): Promise<CreditEntryView> => {
    const party = bareParty(account);
    const person = await personOf(ctx, tx, party, communityId);
    const staff = person.staff || (await ctx.identity.isStaff(account, communityId, tx));
    const entry = await ctx.ledger.append(tx, {
      communityId, account, points, reason: 'moderator', sourceKey: `moderator:${randomUUID()}`, giver: giverOf(actor), staff, note: note.trim(),
    }, ctx.clock());
    if (entry === null) throw new HeimoError('CONFLICT', 'the credit was not recorded; try again');
    return entry;
  };
  return {
    /** Appends a `moderator` row of `points` to the account. */
    give(request: { communityId: string; to: AccountRef; points: number; reason: string; actor: Actor }): Promise<CreditEntryView> {
      checkRequest(request.points, request.reason);
      return jobs.transaction((tx) => moderatorRow(tx, request.communityId, request.to, request.points, request.reason, request.actor));
    },
    /** Reverses the person's newest credits (all their accounts) that fit in `points`; the rest is a negative `moderator` row. */
    revoke(request: { communityId: string; from: AccountRef; points: number; reason: string; actor: Actor }): Promise<{ reversed: number }> {
      checkRequest(request.points, request.reason);
      return jobs.transaction(async (tx) => {
        const person = await personOf(ctx, tx, bareParty(request.from), request.communityId);
        let left = request.points;
        for (const entry of await ctx.ledger.revocable(tx, request.communityId, person.accounts)) {
          if (entry.points > left) break;
          if ((await ctx.ledger.reverse(tx, entry, request.reason.trim(), ctx.clock())) !== null) left -= entry.points;
          if (left === 0) break;
        }
        if (left > 0) await moderatorRow(tx, request.communityId, request.from, -left, request.reason, request.actor);
        return { reversed: request.points };
      });
    },
  };
}
