import type { CommandDefinition, CommandGroup } from '../types.ts';

/** The identity commands (issue 11). */
export const IDENTITY_COMMANDS: readonly CommandDefinition[] = [];

/** The groups the identity commands belong to. */
export const IDENTITY_GROUPS: readonly CommandGroup[] = [];
