import { strToU8, zipSync } from 'fflate';
import { HeimoError } from '../../../core/index.ts';
import { encodePng, hexColor, insideH, type Rgba } from './png.ts';

/** What the Teams app package says about Heimo; only the app id is required. */
export interface TeamsAppPackageOptions {
  /** MICROSOFT_APP_ID: the bot's Entra app id, also used as the Teams app id. */
  appId: string;
  botName?: string;
  /** Heimo's public https address: its host goes into validDomains and the developer links default to it. */
  baseUrl?: string;
  /** App version shown in Teams (semver, default 1.0.0); raise it to update an uploaded app. */
  version?: string;
  developerName?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
  /** Community names from the network file, for the description. */
  communities?: string[];
  accentColor?: string;
  /** Heimo's commands (kind `command`) with their English descriptions: the bot's command menu. */
  commands?: readonly TeamsMenuCommand[];
  /** Heimo's message actions (`mark-solution`): entries of a message's "…" menu, labelled in English. */
  messageActions?: readonly { name: string; label: string }[];
}

/** One command as Teams' command menu lists it. */
export interface TeamsMenuCommand {
  name: string;
  description: string;
  /** The core's scope: `question` and `channel` commands need a team channel; `any` also works in the 1:1 chat. */
  scope: 'question' | 'channel' | 'any';
}

// Teams takes at most 10 commands per list, titles up to 32 and descriptions up to 128 characters.
const MAX_MENU = 10;
const menuEntry = (command: TeamsMenuCommand) => ({ title: command.name.slice(0, 32), description: command.description.slice(0, 128) });

/**
 * The manifest's commandLists: in a team, the commands on a card and in a channel first, then the
 * rest (a moderator's `deliveries` can fall off the menu and still be typed); in the 1:1 chat,
 * those that need no channel.
 */
export function commandLists(commands: readonly TeamsMenuCommand[]): Record<string, unknown>[] {
  if (commands.length === 0) return [];
  const team = [...commands.filter((command) => command.scope !== 'any'), ...commands.filter((command) => command.scope === 'any')].slice(0, MAX_MENU);
  const personal = commands.filter((command) => command.scope === 'any').slice(0, MAX_MENU);
  return [
    { scopes: ['team'], commands: team.map(menuEntry) },
    ...(personal.length === 0 ? [] : [{ scopes: ['personal'], commands: personal.map(menuEntry) }]),
  ];
}

/** Manifest schema the package targets. */
export const MANIFEST_VERSION = '1.17';
/** An Entra app id: the only form Teams takes as app and bot id. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRANSPARENT: Rgba = [0, 0, 0, 0];
const WHITE: Rgba = [255, 255, 255, 255];

function httpsUrl(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new HeimoError('BAD_INPUT', `${field} must be a URL, got "${value}"`, { context: { field } });
  }
  if (parsed.protocol !== 'https:') throw new HeimoError('BAD_INPUT', `${field} must be an https URL (Teams refuses others)`, { context: { field } });
  return parsed.toString().replace(/\/$/, '');
}

/** Builds manifest.json for a team-scoped bot that sees every channel message via resource-specific consent. */
export function teamsManifest(options: TeamsAppPackageOptions): Record<string, unknown> {
  if (!GUID.test(options.appId)) throw new HeimoError('BAD_INPUT', 'appId must be the Entra app id (a GUID)', { context: { field: 'appId' } });
  const baseUrl = httpsUrl(options.baseUrl, 'baseUrl');
  const website = httpsUrl(options.websiteUrl, 'websiteUrl') ?? baseUrl;
  if (website === undefined) throw new HeimoError('BAD_INPUT', 'baseUrl or websiteUrl is required: Teams needs developer links', { context: { field: 'baseUrl' } });
  const name = (options.botName ?? 'Heimo').slice(0, 30);
  const communities = options.communities?.filter(Boolean) ?? [];
  const full = `${name} brings questions from ${communities.length > 0 ? communities.join(', ') : 'your Discord community'} into this team as cards. Reply in a card's thread to answer the customer; start a reply with the internal marker to keep it in Teams.`;
  return {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: options.version ?? '1.0.0',
    id: options.appId,
    developer: {
      name: options.developerName ?? 'Heimo',
      websiteUrl: website,
      privacyUrl: httpsUrl(options.privacyUrl, 'privacyUrl') ?? `${website}/privacy`,
      termsOfUseUrl: httpsUrl(options.termsOfUseUrl, 'termsOfUseUrl') ?? `${website}/terms`,
    },
    name: { short: name, full: `${name} for Discord communities` },
    description: { short: 'Answer your Discord community from Teams', full: full.slice(0, 4000) },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: options.accentColor ?? '#5B5FC7',
    // Personal too: private command answers and assignment notices go to a person's 1:1 chat with Heimo.
    bots: [
      {
        botId: options.appId,
        scopes: ['team', 'personal'],
        isNotificationOnly: false,
        supportsFiles: false,
        supportsCalling: false,
        supportsVideo: false,
        ...(options.commands === undefined || options.commands.length === 0 ? {} : { commandLists: commandLists(options.commands) }),
      },
    ],
    // fetchTask: Teams invokes Heimo at once and Heimo answers with a message, so one click does it.
    ...(options.messageActions === undefined || options.messageActions.length === 0
      ? {}
      : {
          composeExtensions: [
            {
              botId: options.appId,
              commands: options.messageActions.map((action) => ({ id: action.name, type: 'action', title: action.label.slice(0, 32), context: ['message'], fetchTask: true })),
            },
          ],
        }),
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: baseUrl === undefined ? [] : [new URL(baseUrl).host],
    // RSC needs webApplicationInfo with the Entra app id; `resource` is unused but must be set.
    webApplicationInfo: { id: options.appId, resource: 'https://RscBasedStoreApp' },
    // Without it a bot only sees channel messages that @mention it; with it, every reply in a card's chain.
    authorization: { permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] } },
  };
}

/** Builds the Teams app package (manifest.json, color.png 192x192, outline.png 32x32), zipped. */
export function buildTeamsAppPackage(options: TeamsAppPackageOptions): Uint8Array {
  const manifest = teamsManifest(options);
  const accent = hexColor(String(manifest['accentColor']));
  return zipSync(
    {
      'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
      // Teams wants a full-bleed colour icon and a white-on-transparent outline icon.
      'color.png': encodePng(192, 192, (x, y) => (insideH(x, y, 192) ? WHITE : accent)),
      'outline.png': encodePng(32, 32, (x, y) => (insideH(x, y, 32) ? WHITE : TRANSPARENT)),
    },
    { level: 9 },
  );
}
