import { HeimoError } from '../errors.ts';
import { DELIVERIES_COMMAND, HELP_COMMAND } from './definitions/ops-commands.ts';
import { KB_ACCEPT_COMMAND, STATS_COMMAND } from './definitions/suggestion-commands.ts';
import { QUESTION_COMMANDS } from './definitions/question-commands.ts';
import { TEAM_COMMANDS } from './definitions/team-commands.ts';
import type { CommandDefinition } from './types.ts';

/** Every command Heimo has, in the order `help` lists them. */
export const COMMANDS: readonly CommandDefinition[] = [HELP_COMMAND, ...QUESTION_COMMANDS, ...TEAM_COMMANDS, DELIVERIES_COMMAND, STATS_COMMAND, KB_ACCEPT_COMMAND];

/** The commands, by name: what every platform renders and the runner looks up. */
export interface CommandRegistry {
  readonly definitions: readonly CommandDefinition[];
  get(name: string): CommandDefinition | undefined;
}

// Discord's rule for command and option names is the strictest of the three platforms.
const NAME = /^[a-z0-9_-]{1,32}$/;

/** A registry of `definitions` (default: all of Heimo's); names must be unique and fit every platform. */
export function createCommandRegistry(definitions: readonly CommandDefinition[] = COMMANDS): CommandRegistry {
  const byName = new Map<string, CommandDefinition>();
  for (const definition of definitions) {
    const names = [definition.name, ...definition.options.map((option) => option.name)];
    const bad = names.find((name) => !NAME.test(name));
    if (bad !== undefined) throw new HeimoError('CONFIG_INVALID', `command name "${bad}" must be 1-32 lowercase letters, digits, - or _`);
    if (byName.has(definition.name)) throw new HeimoError('CONFIG_INVALID', `command "${definition.name}" is defined twice`);
    byName.set(definition.name, definition);
  }
  return { definitions, get: (name) => byName.get(name.trim().toLowerCase()) };
}
