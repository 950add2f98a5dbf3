import type { AmbassadorTierConfig, CreditsConfig } from '../domain/network.ts';

// Pure tier arithmetic: which tier a point total reaches, how two tiers compare, and when the
// next scheduled demotion run is due. Everything in UTC, so every worker computes the same dates.

/** The community's tiers, lowest threshold first (the network file lists them so; sorted again to be sure). */
export function tiersInOrder(tiers: readonly AmbassadorTierConfig[]): AmbassadorTierConfig[] {
  return [...tiers].sort((a, b) => a.threshold - b.threshold);
}

/** The highest tier whose threshold `points` reaches; null below the lowest one. */
export function tierFor(tiers: readonly AmbassadorTierConfig[], points: number): AmbassadorTierConfig | null {
  let reached: AmbassadorTierConfig | null = null;
  for (const tier of tiersInOrder(tiers)) if (points >= tier.threshold) reached = tier;
  return reached;
}

/**
 * A tier's rank (0 = lowest); -1 for no tier, and for a tier the network file no longer lists (so
 * that any configured tier outranks it and a recompute replaces it).
 */
export function rankOf(tiers: readonly AmbassadorTierConfig[], tierId: string | null): number {
  if (tierId === null) return -1;
  return tiersInOrder(tiers).findIndex((tier) => tier.id === tierId);
}

/** What a recompute does with one person: `promote` (higher tier), `demote` (lower or none) or `keep`. */
export type TierMove = 'promote' | 'demote' | 'keep';

/** Compares the tier held with the tier the points reach now. */
export function moveOf(tiers: readonly AmbassadorTierConfig[], held: string | null, reached: string | null): TierMove {
  const from = rankOf(tiers, held);
  const to = rankOf(tiers, reached);
  if (to > from) return 'promote';
  // A tier no longer configured (rank -1) with nothing reached now: it is taken back.
  if (to < from || (held !== null && from === -1 && reached === null)) return 'demote';
  return 'keep';
}

/** The tier ids whose Discord roles Heimo manages in a community (it touches no other role). */
export function mappedRoles(tiers: readonly AmbassadorTierConfig[]): Set<string> {
  return new Set(tiers.flatMap((tier) => (tier.discordRoleId === undefined ? [] : [tier.discordRoleId])));
}

/**
 * When the next demotion run is due after `now`: 00:00 UTC on the 1st of the next month, or on the
 * next Monday (ISO weeks start on Monday) for a weekly schedule. Strictly after `now`, so a run
 * re-arming itself at its own due time moves on to the next period.
 */
export function nextDemotion(now: Date, every: CreditsConfig['demoteEvery']): Date {
  if (every === 'month') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const day = now.getUTCDay();
  // Days to the next Monday: Sunday (0) → 1, Monday (1) → 7, Saturday (6) → 2.
  const ahead = ((8 - day) % 7) || 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + ahead));
}
