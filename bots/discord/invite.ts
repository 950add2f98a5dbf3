import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField, REST, Routes } from 'discord.js';
import { ConfigError, HeimoError } from '../../core/index.ts';

/**
 * The permissions Heimo's bot needs in a help channel or forum (Manage Roles: in the server), with the reason for each. The
 * invite URL and `heimo doctor`'s channel check both read this list. Manage Channels is not in it
 * (it could delete the channel): with it Heimo also creates a forum's missing status tag, without
 * it moderators create the tags or Heimo shows the status as a line in the thread.
 */
export const DISCORD_PERMISSIONS = {
  ViewChannel: 'see the help channels and forums',
  SendMessages: 'post as the bot where a webhook cannot be used',
  SendMessagesInThreads: "answer in the question's thread or forum post",
  CreatePublicThreads: 'open a thread for each question asked in a text channel',
  ReadMessageHistory: 'read the message a reaction or an edit belongs to',
  ManageWebhooks: "post answers under the employee's name and avatar (through a channel webhook)",
  AttachFiles: 'carry files employees attach in Slack',
  AddReactions: 'mirror Slack and Teams reactions',
  ManageThreads: "set the status tag on forum posts customers wrote (Solved, Answered...)",
  ManageRoles: 'grant and take back the Discord roles of ambassador tiers (only roles below its own)',
} as const satisfies Partial<Record<keyof typeof PermissionFlagsBits, string>>;

/** A permission Heimo needs. */
export type DiscordPermission = keyof typeof DISCORD_PERMISSIONS;

/** The permission integer of the invite: every flag in DISCORD_PERMISSIONS. */
export const DISCORD_PERMISSION_BITS: bigint = new PermissionsBitField(
  Object.keys(DISCORD_PERMISSIONS).map((name) => PermissionFlagsBits[name as DiscordPermission]),
).bitfield;

/** The OAuth2 scopes of the invite: the bot user, and slash commands (which a later feature registers). */
export const DISCORD_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/** The URL a server admin opens to add Heimo's bot with exactly its permissions. */
export function discordInviteUrl(applicationId: string): string {
  const query = new URLSearchParams({ client_id: applicationId, permissions: DISCORD_PERMISSION_BITS.toString(), scope: DISCORD_SCOPES.join(' ') });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}

const SNOWFLAKE = /^\d{17,20}$/;

/**
 * The application id: DISCORD_APPLICATION_ID when set, else asked from Discord with the bot token
 * (GET /oauth2/applications/@me on `apiUrl`).
 */
export async function discordApplicationId(input: { applicationId?: string; token?: string; apiUrl: string }): Promise<string> {
  if (input.applicationId !== undefined) {
    if (!SNOWFLAKE.test(input.applicationId)) {
      throw new ConfigError('CONFIG_INVALID', 'DISCORD_APPLICATION_ID', 'DISCORD_APPLICATION_ID must be the numeric Application ID from the developer portal (General Information)');
    }
    return input.applicationId;
  }
  if (input.token === undefined) {
    throw new ConfigError('CONFIG_MISSING', 'DISCORD_APPLICATION_ID', 'set DISCORD_APPLICATION_ID (developer portal → General Information → Application ID) or DISCORD_TOKEN to build the invite URL');
  }
  const rest = new REST({ api: input.apiUrl, retries: 0, timeout: 15_000 }).setToken(input.token);
  try {
    const app = (await rest.get(Routes.oauth2CurrentApplication())) as { id?: unknown };
    if (typeof app.id === 'string') return app.id;
    throw new Error('the answer names no application id');
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (status === 401) throw new ConfigError('CONFIG_INVALID', 'DISCORD_TOKEN', 'Discord refused DISCORD_TOKEN: copy the bot token again (developer portal → Bot → Reset Token), or set DISCORD_APPLICATION_ID');
    throw new HeimoError('PLATFORM_UNAVAILABLE', `could not ask Discord for the application id (${error instanceof Error ? error.message : String(error)}): set DISCORD_APPLICATION_ID`);
  }
}
