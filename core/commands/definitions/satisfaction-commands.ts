import type { CommandDefinition } from '../types.ts';

// `rate <1-5>` (satisfaction survey): the survey's buttons run it; the asker may also type it in
// the question's thread.

/** The satisfaction commands. */
export const SATISFACTION_COMMANDS: readonly CommandDefinition[] = [];
