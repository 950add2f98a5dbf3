import type { PersonView } from '../identity/index.ts';
import type { Tx } from '../jobs/index.ts';
import { capRefusal, dayStart, type Refusal } from './credit-rules.ts';
import { personOf, type CreditsContext, type Party } from './credits-context.ts';
import type { CreditEntryView, CreditReason } from './port.ts';
import { checkRing } from './ring-check.ts';

/** An earned credit before the fairness rules. */
export interface AwardRequest {
  communityId: string;
  receiver: Party;
  /** Whose act gave it (a thanker, an acceptor); null when nobody did. */
  giver: Party | null;
  reason: CreditReason;
  points: number;
  sourceKey: string;
  conversationId?: string;
  articleId?: string;
  messageId?: string;
  /** Look for a ring around receiver and giver once it is appended. */
  ring?: boolean;
}

/** What happened to a credit: appended, already there (a redelivered event), or refused by a rule. */
export type AwardOutcome = { kind: 'appended'; entry: CreditEntryView; receiver: PersonView } | { kind: 'duplicate' } | { kind: 'refused'; refusal: Refusal };

/**
 * Applies the fairness rules and appends what passes. A refusal is not silent: it is logged at
 * info with its rule and the people's identity ids (never their platform ids or names).
 */
export async function award(ctx: CreditsContext, tx: Tx, request: AwardRequest): Promise<AwardOutcome> {
  const { communityId, receiver, giver } = request;
  const at = ctx.clock();
  const refuse = (refusal: Refusal, people: Record<string, string> = {}): AwardOutcome => {
    ctx.logger.info('credit refused', { communityId, rule: refusal, credit: request.reason, points: request.points, ...people });
    return { kind: 'refused', refusal };
  };
  if (await ctx.ledger.has(tx, request.sourceKey)) return { kind: 'duplicate' };
  if (receiver.isBot || giver?.isBot === true) return refuse('bot');
  const person = await personOf(ctx, tx, receiver, communityId);
  const giverPerson = giver === null ? null : await personOf(ctx, tx, giver, communityId);
  const people = { receiverId: person.id, ...(giverPerson === null ? {} : { giverId: giverPerson.id }) };
  if (giverPerson !== null && giverPerson.id === person.id) return refuse('self', people);
  await ctx.ledger.lockPeople(tx, communityId, giverPerson === null ? [person.id] : [person.id, giverPerson.id]);
  const { rules } = ctx.settings(communityId);
  const today = dayStart(at);
  if (request.reason === 'thanks' && giverPerson !== null) {
    const already = await ctx.ledger.between(tx, communityId, 'thanks', giverPerson.accounts, person.accounts, today);
    if (already >= rules.thanksPerPairPerDay) return refuse('pair-per-day', people);
  }
  const capped = capRefusal(rules, {
    reason: request.reason,
    points: request.points,
    receivedToday: await ctx.ledger.receivedSince(tx, communityId, person.accounts, today),
    givenToday: giverPerson === null ? null : await ctx.ledger.givenSince(tx, communityId, giverPerson.accounts, today),
  });
  if (capped !== null) return refuse(capped, people);
  const staff = receiver.employee === true || person.staff || (await ctx.identity.isStaff(receiver, communityId, tx));
  const entry = await ctx.ledger.append(tx, {
    communityId, account: { platform: receiver.platform, userId: receiver.userId }, points: request.points, reason: request.reason, sourceKey: request.sourceKey,
    giver: giver === null ? null : { platform: giver.platform, userId: giver.userId }, staff,
    conversationId: request.conversationId ?? null, articleId: request.articleId ?? null, messageId: request.messageId ?? null,
  }, at);
  if (entry === null) return { kind: 'duplicate' };
  // Staff credits are on their own board: a ring is a community matter.
  if (request.ring === true && !staff) await checkRing(ctx, tx, communityId, giverPerson === null ? [person] : [person, giverPerson], at);
  return { kind: 'appended', entry, receiver: person };
}
