import type { TierChangedEvent } from '../domain/domain-events.ts';
import { HeimoError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import type { Tx } from '../jobs/index.ts';
import type { RecognitionDelivery } from './port.ts';
import { discordAccountOf, type RecognitionContext } from './recognition-context.ts';
import { mappedRoles } from './tier-rules.ts';

// The Discord side of a tier change, and the reconciliation at worker start.
//
// A change is applied from the holding as it is NOW (not from the event's `to`), so changes of one
// person handled out of order or twice still end with the role of the tier they hold. Transient
// Discord failures throw (the job system retries the whole listener: role calls are idempotent on
// Discord and posts carry the change id as nonce); a refusal (403 role above Heimo's, DMs closed)
// is final: it is logged and the role is recorded as not granted.
//
// Reconciliation (decided for issue 11 item 4, "gets it back only by earning it"). Per holding:
//   - the member left the server, or no longer has the role Heimo granted (taken by hand): the
//     holding is recorded as holding no role (grantedRoleId null); Heimo grants it again only at
//     their next promotion, never at start;
//   - Heimo's granted role is not the tier's role now (the network file changed the mapping, or a
//     demotion's removal never happened): the old one is removed and the tier's role granted;
//   - a holding whose role Heimo never granted (or was recorded as lost) is left as it is.
// Heimo never touches a role it does not map to a tier, nor a tier role on someone without a
// holding (a moderator granted it by hand; listing every member would need the members intent).

const DAY_MS = 86_400_000;

const refused = (error: unknown): boolean => error instanceof HeimoError && error.code === 'PLATFORM_REJECTED';

/** Sets a role, answering false when Discord refuses it for good (logged). */
async function setRole(ctx: RecognitionContext, delivery: RecognitionDelivery, guildId: string, userId: string, roleId: string, held: boolean): Promise<boolean> {
  try {
    await delivery.setMemberRole(guildId, userId, roleId, held);
    return true;
  } catch (error) {
    if (!refused(error)) throw error;
    ctx.logger.warn('recognition: Discord refused a tier role change', { guildId, userId, roleId, held, error });
    return false;
  }
}

/** The tier.changed listener: the role follows the holding; a promotion is announced and told to the person. */
export async function onTierChanged(ctx: RecognitionContext, event: TierChangedEvent, tx: Tx): Promise<void> {
  const community = ctx.network().communities.find((candidate) => candidate.id === event.communityId);
  const delivery = ctx.delivery();
  if (community === undefined || delivery === undefined) return;
  const person = await ctx.identity.person(event.identityId, tx);
  const userId = discordAccountOf(person);
  const { tiers } = community.credits;
  const holding = await ctx.store.holding(tx, community.id, event.identityId);
  const wanted = tiers.find((tier) => tier.id === holding?.tierId)?.discordRoleId ?? null;
  if (userId !== null) {
    const mapped = mappedRoles(tiers);
    let grant = holding?.grantedRoleId ?? null;
    const stale = new Set([tiers.find((tier) => tier.id === event.from)?.discordRoleId, grant].filter((role): role is string => role != null && role !== wanted && mapped.has(role)));
    for (const role of stale) if ((await setRole(ctx, delivery, community.discordGuildId, userId, role, false)) && role === grant) grant = null;
    // Only the event of the tier held now grants (an older one, handled late, leaves it to the newer).
    if (wanted !== null && holding?.tierId === event.to && (await setRole(ctx, delivery, community.discordGuildId, userId, wanted, true))) grant = wanted;
    if (holding !== null && grant !== holding.grantedRoleId) await ctx.store.setGrant(tx, community.id, event.identityId, grant, grant === null ? null : userId, ctx.now());
  }
  if (event.direction !== 'promoted' || event.to === null) return;
  const tier = tiers.find((candidate) => candidate.id === event.to);
  if (tier === undefined) return;
  const t = translator(undefined, community.locale);
  const values = { name: person?.displayName ?? '', tier: tier.name, community: community.name, days: Math.round(community.credits.tierWindowMs / DAY_MS) };
  const { announceChannelId } = community.credits;
  if (announceChannelId !== undefined) await delivery.postChannelMessage(announceChannelId, t('recognition.announce', values), event.changeId);
  if (userId === null) return;
  const points = (await ctx.store.change(event.changeId, tx))?.points ?? 0;
  try {
    await delivery.postDirect(userId, t('recognition.direct', { ...values, points }), `${event.changeId}:direct`);
  } catch (error) {
    if (!refused(error)) throw error;
    ctx.logger.info('recognition: could not tell the person of their promotion', { communityId: community.id, personId: event.identityId, error });
  }
}

/** Reconciles each holding's Discord role with the member's roles now (see the rules above). */
export async function reconcileRoles(ctx: RecognitionContext, communityId: string): Promise<{ granted: number; removed: number }> {
  const counts = { granted: 0, removed: 0 };
  const community = ctx.community(communityId);
  const delivery = ctx.delivery();
  if (community === undefined || delivery === undefined) return counts;
  const { tiers } = community.credits;
  const guildId = community.discordGuildId;
  for (const holding of await ctx.store.holdings(communityId)) {
    if (holding.grantedRoleId === null || holding.discordUserId === null) continue;
    const wanted = tiers.find((tier) => tier.id === holding.tierId)?.discordRoleId ?? null;
    const roles = await delivery.memberRoles(guildId, holding.discordUserId);
    let grant: string | null = holding.grantedRoleId;
    if (roles === null || !roles.includes(holding.grantedRoleId)) grant = null;
    else if (holding.grantedRoleId !== wanted) {
      if (await setRole(ctx, delivery, guildId, holding.discordUserId, holding.grantedRoleId, false)) counts.removed += 1;
      grant = wanted !== null && (roles.includes(wanted) || (await setRole(ctx, delivery, guildId, holding.discordUserId, wanted, true))) ? wanted : null;
      if (grant !== null && !roles.includes(grant)) counts.granted += 1;
    }
    if (grant === holding.grantedRoleId) continue;
    await ctx.jobs.transaction((tx) => ctx.store.setGrant(tx, communityId, holding.personId, grant, grant === null ? null : holding.discordUserId, ctx.now()));
    ctx.logger.info('recognition: tier role reconciled', { communityId, personId: holding.personId, from: holding.grantedRoleId, to: grant });
  }
  return counts;
}
