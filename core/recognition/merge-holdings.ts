import type { IdentityChangedEvent } from '../domain/domain-events.ts';
import type { Tx } from '../jobs/index.ts';
import type { RecognitionContext } from './recognition-context.ts';
import { applyTier } from './tier-moves.ts';
import { rankOf } from './tier-rules.ts';

// Two people became one (`/heimo link`, an e-mail match): in each community the merged person
// keeps the higher of the two tiers (with its Discord grant), their tier history follows them,
// and their points, now counted together, may promote them at once. An unlink changes nothing
// here: the account split off starts without a tier and earns one with its next credit.

/** The identity.changed listener. */
export async function onIdentityChanged(ctx: RecognitionContext, event: IdentityChangedEvent, tx: Tx): Promise<void> {
  const { mergedId, identityId } = event;
  if (mergedId === null || mergedId === identityId) return;
  const merged = await ctx.store.ofPerson(tx, mergedId);
  for (const gone of merged) {
    await ctx.store.lock(tx, gone.communityId, identityId);
    const kept = await ctx.store.holding(tx, gone.communityId, identityId);
    const tiers = ctx.network().communities.find((community) => community.id === gone.communityId)?.credits.tiers ?? [];
    if (kept === null || rankOf(tiers, gone.tierId) > rankOf(tiers, kept.tierId)) await ctx.store.save(tx, { ...gone, personId: identityId });
    await ctx.store.remove(tx, gone.communityId, mergedId);
  }
  await ctx.store.moveChanges(tx, mergedId, identityId);
  for (const { id } of ctx.network().communities) {
    const community = ctx.community(id);
    if (community !== undefined) await applyTier(ctx, tx, community, identityId, 'promote');
  }
}
