import { HeimoError } from '../errors.ts';
import { KNOWLEDGE_COMMANDS, KNOWLEDGE_GROUP } from './definitions/knowledge-commands.ts';
import { DELIVERIES_COMMAND, HELP_COMMAND } from './definitions/ops-commands.ts';
import { KB_ACCEPT_COMMAND, STATS_COMMAND } from './definitions/suggestion-commands.ts';
import { QUESTION_COMMANDS } from './definitions/question-commands.ts';
import { TEAM_COMMANDS } from './definitions/team-commands.ts';
import { PRIVACY_COMMAND } from './definitions/privacy-commands.ts';
import { IDENTITY_COMMANDS, IDENTITY_GROUPS } from './definitions/identity-commands.ts';
import { CREDIT_COMMANDS, CREDIT_GROUPS } from './definitions/credit-commands.ts';
import { TIER_COMMANDS, TIER_GROUPS } from './definitions/tier-commands.ts';
import { STANDINGS_COMMANDS, STANDINGS_GROUPS } from './definitions/standings-commands.ts';
import { SATISFACTION_COMMANDS } from './definitions/satisfaction-commands.ts';
import type { CommandDefinition, CommandGroup } from './types.ts';

/** Every command Heimo has, in the order `help` lists them. */
export const COMMANDS: readonly CommandDefinition[] = [
  HELP_COMMAND, ...QUESTION_COMMANDS, ...TEAM_COMMANDS, DELIVERIES_COMMAND, STATS_COMMAND, PRIVACY_COMMAND, KB_ACCEPT_COMMAND, ...KNOWLEDGE_COMMANDS,
  ...IDENTITY_COMMANDS, ...STANDINGS_COMMANDS, ...CREDIT_COMMANDS, ...TIER_COMMANDS, ...SATISFACTION_COMMANDS,
];

/** Every group of subcommands (`kb`), with what it is for. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [KNOWLEDGE_GROUP, ...IDENTITY_GROUPS, ...STANDINGS_GROUPS, ...CREDIT_GROUPS, ...TIER_GROUPS];

/** The commands, by name: what every platform renders and the runner looks up. */
export interface CommandRegistry {
  readonly definitions: readonly CommandDefinition[];
  readonly groups: readonly CommandGroup[];
  /** The command of a name (`status`, `kb search`; any case and spacing). */
  get(name: string): CommandDefinition | undefined;
  /** The group of a first word (`kb`), when it is one. */
  group(name: string): CommandGroup | undefined;
}

/** A command's group and its own name: `kb search` -> { group: 'kb', name: 'search' }; `status` has no group. */
export function commandPath(name: string): { group?: string; name: string } {
  const [first = '', second] = name.trim().split(/\s+/);
  return second === undefined ? { name: first } : { group: first, name: second };
}

/** A command name as typed or as a platform hands it back (`kb  Search`) in the registry's spelling (`kb search`). */
export const normalName = (name: string): string => name.trim().toLowerCase().split(/\s+/).join(' ');

// Discord's rule for command and option names is the strictest of the three platforms.
const NAME = /^[a-z0-9_-]{1,32}$/;

const invalid = (message: string): never => {
  throw new HeimoError('CONFIG_INVALID', message);
};

/**
 * A registry of `definitions` (default: all of Heimo's) in `groups`. Names must be unique and fit
 * every platform; a grouped command's group must be declared and may not also be a command of its
 * own (Discord forbids both).
 */
export function createCommandRegistry(definitions: readonly CommandDefinition[] = COMMANDS, groups: readonly CommandGroup[] = COMMAND_GROUPS): CommandRegistry {
  const byName = new Map<string, CommandDefinition>();
  const groupsByName = new Map(groups.map((group) => [group.name, group]));
  for (const definition of definitions) {
    const parts = definition.name.split(' ');
    const names = [...parts, ...definition.options.map((option) => option.name)];
    const bad = names.find((name) => !NAME.test(name));
    if (bad !== undefined) invalid(`command name "${bad}" must be 1-32 lowercase letters, digits, - or _`);
    if (parts.length > 2 || (parts.length === 2 && definition.kind !== 'command')) invalid(`command "${definition.name}": only commands may be grouped, in one group`);
    const { group } = commandPath(definition.name);
    if (group !== undefined && !groupsByName.has(group)) invalid(`command "${definition.name}" is in the undeclared group "${group}"`);
    if (byName.has(definition.name)) invalid(`command "${definition.name}" is defined twice`);
    byName.set(definition.name, definition);
  }
  const clash = groups.find((group) => byName.has(group.name));
  if (clash !== undefined) invalid(`"${clash.name}" is both a command and a group`);
  return {
    definitions,
    groups,
    get: (name) => byName.get(normalName(name)),
    group: (name) => groupsByName.get(normalName(name)),
  };
}
