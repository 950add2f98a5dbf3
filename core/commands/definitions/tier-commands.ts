import type { CommandDefinition, CommandGroup } from '../types.ts';

// `tier recompute` (issue 11): a moderator applies every person's tier now, promotions and
// demotions both (the schedule demotes only at the start of a month or week). Audited like every
// command; the reply tells how many moved.

/** The tier group. */
export const TIER_GROUP: CommandGroup = { name: 'tier', descriptionKey: 'command.tier.description' };

/** The tier commands (issue 11). */
export const TIER_COMMANDS: readonly CommandDefinition[] = [
  {
    name: 'tier recompute', kind: 'command', descriptionKey: 'command.tier.recompute.description', permission: 'moderator', scope: 'any', options: [],
    handler: async ({ services, invocation, actor, t }) => {
      if (services.recognition === undefined) return { visibility: 'private', text: t('reply.tier.unavailable') };
      const { promoted, demoted } = await services.recognition.recompute(invocation.communityId, actor);
      return { visibility: 'private', text: t('reply.tier.recomputed', { promoted, demoted }) };
    },
  },
];

/** The groups the tier commands belong to. */
export const TIER_GROUPS: readonly CommandGroup[] = [TIER_GROUP];
