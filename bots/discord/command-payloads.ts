import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  Locale,
  type RESTPutAPIApplicationGuildCommandsJSONBody,
} from 'discord.js';
import { type CommandDefinition, type CommandOption, type CommandPort, commandPath, type MessageKey, SUPPORTED_LOCALES } from '../../core/index.ts';

/** The one chat-input command every Heimo subcommand hangs under: `/heimo status`, `/heimo claim`... */
export const ROOT_COMMAND = 'heimo';

/** What `/heimo` itself says in the command picker (Discord requires a description; the subcommands carry the catalogue's). */
const ROOT_DESCRIPTION = 'Heimo: questions, owners, status and the knowledge base';

// Discord's limits: a description 1-100 characters, a context-menu name 1-32.
const DESCRIPTION_MAX = 100;
const MENU_NAME_MAX = 32;

type Body = RESTPutAPIApplicationGuildCommandsJSONBody;

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The Discord locales each language Heimo speaks maps to (`fi` -> `fi`). Discord has no Slovak
 * locale, so Slovak texts cannot be offered in the picker (a Slovak person gets replies in Slovak
 * only through the community's default language); English is the default, not a localization.
 */
export function discordLocalesOf(language: string): Locale[] {
  return Object.values(Locale).filter((locale) => locale.split('-')[0] === language);
}

/** `{ fi: '...' }` for a catalogue key, in every Discord locale Heimo has a translation for. */
function localized(commands: Pick<CommandPort, 'text'>, key: MessageKey, max: number): Partial<Record<Locale, string>> {
  const entries = SUPPORTED_LOCALES.filter((language) => language !== 'en').flatMap((language) =>
    discordLocalesOf(language).map((locale) => [locale, clip(commands.text(key, language), max)] as const));
  return Object.fromEntries(entries);
}

const OPTION_TYPES: Record<CommandOption['type'], ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  // A team is named by id or name: text Discord cannot check, the runner does.
  team: ApplicationCommandOptionType.String,
  choice: ApplicationCommandOptionType.String,
  user: ApplicationCommandOptionType.User,
  boolean: ApplicationCommandOptionType.Boolean,
};

function renderOption(commands: Pick<CommandPort, 'text'>, option: CommandOption) {
  return {
    type: OPTION_TYPES[option.type],
    name: option.name,
    description: clip(commands.text(option.descriptionKey, 'en'), DESCRIPTION_MAX),
    description_localizations: localized(commands, option.descriptionKey, DESCRIPTION_MAX),
    required: option.required,
    ...(option.choices === undefined ? {} : {
      choices: option.choices.map((choice) => ({ name: commands.text(choice.labelKey, 'en'), name_localizations: localized(commands, choice.labelKey, DESCRIPTION_MAX), value: choice.value })),
    }),
  };
}

/** The context-menu name of a message action, in English: its catalogue description ("Mark as solution"). */
export function menuName(commands: Pick<CommandPort, 'text'>, definition: CommandDefinition): string {
  return clip(commands.text(definition.descriptionKey, 'en'), MENU_NAME_MAX);
}

function renderSubcommand(commands: Pick<CommandPort, 'text'>, definition: CommandDefinition) {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: commandPath(definition.name).name,
    description: clip(commands.text(definition.descriptionKey, 'en'), DESCRIPTION_MAX),
    description_localizations: localized(commands, definition.descriptionKey, DESCRIPTION_MAX),
    options: [...definition.options].sort((a, b) => Number(b.required) - Number(a.required)).map((option) => renderOption(commands, option)),
  };
}

/**
 * `/heimo`'s options: a subcommand per command, and a subcommand group per group (`kb`) holding
 * its commands (`/heimo kb search`), where the group's first command stands in the list.
 */
function rootOptions(commands: Pick<CommandPort, 'definitions' | 'groups' | 'text'>) {
  const options: Array<Record<string, unknown>> = [];
  const groups = new Map<string, { options: unknown[] }>();
  for (const definition of commands.definitions.filter((candidate) => candidate.kind === 'command')) {
    const { group } = commandPath(definition.name);
    if (group === undefined) {
      options.push(renderSubcommand(commands, definition));
      continue;
    }
    let entry = groups.get(group);
    if (entry === undefined) {
      const declared = commands.groups.find((candidate) => candidate.name === group);
      const description = declared === undefined ? group : clip(commands.text(declared.descriptionKey, 'en'), DESCRIPTION_MAX);
      entry = { options: [] };
      groups.set(group, entry);
      options.push({
        type: ApplicationCommandOptionType.SubcommandGroup, name: group, description,
        ...(declared === undefined ? {} : { description_localizations: localized(commands, declared.descriptionKey, DESCRIPTION_MAX) }),
        options: entry.options,
      });
    }
    entry.options.push(renderSubcommand(commands, definition));
  }
  return options;
}

/**
 * The guild commands Heimo registers (a bulk overwrite body): `/heimo` with one subcommand per
 * command (grouped ones in their subcommand group), and one message context-menu command per
 * message action. Discord requires required options before optional ones, so they are sorted that way.
 */
export function buildApplicationCommands(commands: Pick<CommandPort, 'definitions' | 'groups' | 'text'>): Body {
  const menus = commands.definitions.filter((definition) => definition.kind === 'message-action').map((definition) => ({
    type: ApplicationCommandType.Message,
    name: menuName(commands, definition),
    name_localizations: localized(commands, definition.descriptionKey, MENU_NAME_MAX),
  }));
  return [
    { type: ApplicationCommandType.ChatInput, name: ROOT_COMMAND, description: ROOT_DESCRIPTION, options: rootOptions(commands) },
    ...menus,
  ] as Body;
}
