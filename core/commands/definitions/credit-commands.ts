import type { CommandDefinition, CommandGroup } from '../types.ts';

/** The credit commands (issue 11). */
export const CREDIT_COMMANDS: readonly CommandDefinition[] = [];

/** The groups the credit commands belong to. */
export const CREDIT_GROUPS: readonly CommandGroup[] = [];
