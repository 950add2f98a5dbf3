import type { CommandDefinition, CommandGroup } from '../types.ts';

/** The standings commands (issue 11). */
export const STANDINGS_COMMANDS: readonly CommandDefinition[] = [];

/** The groups the standings commands belong to. */
export const STANDINGS_GROUPS: readonly CommandGroup[] = [];
