import { ApiError, type Route, type RouteContext } from './rest-routes.ts';
import { snowflake, type FakeWorld } from './state.ts';

/** An application command as Discord stores it (what a bulk overwrite returns). */
export interface FakeAppCommand {
  id: string;
  application_id: string;
  guild_id: string;
  version: string;
  type: number;
  name: string;
  name_localizations?: Record<string, string>;
  description: string;
  description_localizations?: Record<string, string>;
  options?: FakeCommandOption[];
}

/** An option of a command (a subcommand has options of its own). */
export interface FakeCommandOption {
  type: number;
  name: string;
  description: string;
  description_localizations?: Record<string, string>;
  required?: boolean;
  choices?: Array<{ name: string; value: string | number; name_localizations?: Record<string, string> }>;
  options?: FakeCommandOption[];
}

// Discord's locales (https://discord.com/developers/docs/reference#locales): anything else is refused.
const LOCALES = new Set(['id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR', 'ro', 'fi', 'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko']);
const CHAT_NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
const MAX_CHAT_INPUT = 100;
const MAX_CONTEXT_MENU = 5;
const MAX_OPTIONS = 25;

const invalid = (what: string): never => {
  throw new ApiError(400, 50035, `Invalid Form Body (${what})`);
};

function checkLocalizations(value: unknown, max: number, where: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') return invalid(`${where}: must be an object`);
  for (const [locale, text] of Object.entries(value as Record<string, unknown>)) {
    if (!LOCALES.has(locale)) invalid(`${where}.${locale}: Invalid locale`);
    if (typeof text !== 'string' || text.length < 1 || text.length > max) invalid(`${where}.${locale}: Must be between 1 and ${max} in length.`);
  }
  return value as Record<string, string>;
}

function checkOptions(options: unknown, where: string): FakeCommandOption[] | undefined {
  if (options === undefined) return undefined;
  if (!Array.isArray(options) || options.length > MAX_OPTIONS) return invalid(`${where}: Must be ${MAX_OPTIONS} or fewer in length.`);
  let optionalSeen = false;
  const names = new Set<string>();
  return options.map((raw: Record<string, unknown>, index) => {
    const at = `${where}.${index}`;
    const type = Number(raw['type']);
    if (!Number.isInteger(type) || type < 1 || type > 11) invalid(`${at}.type: Value must be one of 1-11.`);
    const name = String(raw['name'] ?? '');
    if (!CHAT_NAME.test(name) || names.has(name)) invalid(`${at}.name: Invalid or duplicate name`);
    names.add(name);
    const description = String(raw['description'] ?? '');
    if (description.length < 1 || description.length > 100) invalid(`${at}.description: Must be between 1 and 100 in length.`);
    checkLocalizations(raw['description_localizations'], 100, `${at}.description_localizations`);
    // Discord refuses a required option after an optional one.
    if (raw['required'] === true && optionalSeen) invalid(`${at}.required: Required options must be placed before non-required options`);
    if (type > 2 && raw['required'] !== true) optionalSeen = true;
    const choices = raw['choices'];
    if (choices !== undefined && (!Array.isArray(choices) || choices.length > 25)) invalid(`${at}.choices: Must be 25 or fewer in length.`);
    (choices as Array<Record<string, unknown>> | undefined)?.forEach((choice, n) => checkLocalizations(choice['name_localizations'], 100, `${at}.choices.${n}.name_localizations`));
    const nested = type <= 2 ? checkOptions(raw['options'], `${at}.options`) : undefined;
    return { ...(raw as unknown as FakeCommandOption), ...(nested === undefined ? {} : { options: nested }) };
  });
}

/** Guild application commands: GET and bulk-overwrite PUT, validated like Discord validates them. */
export function createAppCommandRoutes(world: FakeWorld, commands: Map<string, FakeAppCommand[]>): Route[] {
  const app = world.applicationId;
  const guildOf = (context: RouteContext): string => {
    if (context.params[0] !== app) throw new ApiError(403, 50001, 'Missing Access');
    const guildId = context.params[1] ?? '';
    return guildId === world.guildId ? guildId : invalid('guild_id: Unknown Guild');
  };
  const pattern = /^\/applications\/([^/]+)\/guilds\/([^/]+)\/commands$/;
  return [
    { method: 'GET', pattern, bucket: 'GET /applications/:app/guilds/:gid/commands', auth: true, handler: (context) => ({ status: 200, body: commands.get(guildOf(context)) ?? [] }) },
    {
      method: 'PUT', pattern, bucket: 'PUT /applications/:app/guilds/:gid/commands', auth: true,
      handler: (context) => {
        const guildId = guildOf(context);
        const body = context.body as unknown;
        if (!Array.isArray(body)) return invalid('body: must be an array');
        const previous = commands.get(guildId) ?? [];
        const seen = new Set<string>();
        const saved = body.map((raw: Record<string, unknown>, index): FakeAppCommand => {
          const type = Number(raw['type'] ?? 1);
          const name = String(raw['name'] ?? '');
          if (type === 1 ? !CHAT_NAME.test(name) : name.length < 1 || name.length > 32) invalid(`${index}.name: Invalid name`);
          if (seen.has(`${type}:${name}`)) invalid(`${index}.name: Application command names must be unique`);
          seen.add(`${type}:${name}`);
          const description = String(raw['description'] ?? '');
          if (type === 1 && (description.length < 1 || description.length > 100)) invalid(`${index}.description: Must be between 1 and 100 in length.`);
          if (type !== 1 && description !== '') invalid(`${index}.description: Context menu commands cannot have a description`);
          if (type !== 1 && raw['options'] !== undefined) invalid(`${index}.options: Context menu commands cannot have options`);
          const nameLocalizations = checkLocalizations(raw['name_localizations'], 32, `${index}.name_localizations`);
          const descriptionLocalizations = checkLocalizations(raw['description_localizations'], 100, `${index}.description_localizations`);
          const options = checkOptions(raw['options'], `${index}.options`);
          // Discord keeps a command's id across overwrites when its name and type stay.
          const kept = previous.find((command) => command.name === name && command.type === type);
          return {
            id: kept?.id ?? snowflake(), application_id: app, guild_id: guildId, version: snowflake(), type, name, description,
            ...(nameLocalizations === undefined ? {} : { name_localizations: nameLocalizations }),
            ...(descriptionLocalizations === undefined ? {} : { description_localizations: descriptionLocalizations }),
            ...(options === undefined ? {} : { options }),
          };
        });
        if (saved.filter((command) => command.type === 1).length > MAX_CHAT_INPUT) invalid(`Maximum number of chat input commands reached (${MAX_CHAT_INPUT})`);
        if (saved.filter((command) => command.type === 3).length > MAX_CONTEXT_MENU) invalid(`Maximum number of message commands reached (${MAX_CONTEXT_MENU})`);
        commands.set(guildId, saved);
        return { status: 200, body: saved };
      },
    },
  ];
}
