import type { CommandDefinition, CommandGroup } from '../types.ts';

/** The tier commands (issue 11). */
export const TIER_COMMANDS: readonly CommandDefinition[] = [];

/** The groups the tier commands belong to. */
export const TIER_GROUPS: readonly CommandGroup[] = [];
