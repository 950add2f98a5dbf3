import { ApplicationFlags, ChannelType, PermissionFlagsBits, REST, Routes, type APIChannel, type APIGuild, type APIGuildMember, type APIUser } from 'discord.js';
import { type DoctorCheck, fail, pass } from '../../core/index.ts';
import { isForumChannel } from './channels.ts';
import { DISCORD_PERMISSIONS, type DiscordPermission } from './invite.ts';
import { channelPermissions, type Overwrite } from './permissions.ts';

/** A routed Discord channel and the server the network file says it is in. */
export interface DoctorChannel {
  channelId: string;
  guildId: string;
}

/** What the Discord checks need: the token, the REST base and the routed channels. */
export interface DiscordDoctorConfig {
  token: string;
  apiUrl: string;
  channels: DoctorChannel[];
}

const PORTAL = 'https://discord.com/developers/applications';
const REINVITE = 'give Heimo\'s role these permissions on that channel (or its category), or invite the bot again with the URL from `heimo discord invite`';
const MESSAGE_CONTENT = ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited;

// Discord's error answer, reduced to what a reader needs (never the token).
const problem = (error: unknown): { status?: number; code?: number; text: string } => {
  const { status, code } = (typeof error === 'object' && error !== null ? error : {}) as { status?: unknown; code?: unknown };
  return {
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof code === 'number' ? { code } : {}),
    text: error instanceof Error ? error.message : String(error),
  };
};

/**
 * Checks Discord the way Heimo will use it: the token works (users/@me), the Message Content intent
 * is on (the application's flags), and in each routed channel the bot has every permission Heimo
 * needs (computed from the server's roles and the channel's overwrites, as Discord does).
 */
export async function diagnoseDiscord(config: DiscordDoctorConfig): Promise<DoctorCheck[]> {
  const rest = new REST({ api: config.apiUrl, retries: 0, timeout: 15_000 }).setToken(config.token);
  let me: APIUser;
  try {
    me = (await rest.get(Routes.user('@me'))) as APIUser;
  } catch (error) {
    const { status, text } = problem(error);
    if (status === 401) return [fail('DISCORD_TOKEN is refused (401)', `copy the bot token again (${PORTAL} → your app → Bot → Reset Token) into DISCORD_TOKEN`)];
    return [fail(`cannot reach Discord at ${config.apiUrl} (${text})`, 'check DISCORD_API_URL and the network path to Discord')];
  }
  const checks: DoctorCheck[] = [pass(`DISCORD_TOKEN works (bot ${me.username})`)];
  try {
    const app = (await rest.get(Routes.currentApplication())) as { flags?: number };
    checks.push(((app.flags ?? 0) & MESSAGE_CONTENT) !== 0
      ? pass('Message Content intent is enabled')
      : fail('Message Content intent is off (Heimo could not read questions)', `${PORTAL} → your app → Bot → Privileged Gateway Intents → enable MESSAGE CONTENT INTENT`));
  } catch (error) {
    checks.push(fail(`cannot read the application's settings (${problem(error).text})`, 'check DISCORD_TOKEN and DISCORD_API_URL'));
  }
  const guilds = new Map<string, Promise<{ guild: APIGuild; member: APIGuildMember }>>();
  const guildOf = (guildId: string) => {
    let found = guilds.get(guildId);
    if (found === undefined) {
      found = Promise.all([rest.get(Routes.guild(guildId)), rest.get(Routes.guildMember(guildId, me.id))]).then(([guild, member]) => ({ guild: guild as APIGuild, member: member as APIGuildMember }));
      guilds.set(guildId, found);
    }
    return found;
  };
  for (const channel of config.channels) checks.push(await channelCheck(rest, channel, me.id, guildOf));
  return checks;
}

async function channelCheck(rest: REST, target: DoctorChannel, botId: string, guildOf: (id: string) => Promise<{ guild: APIGuild; member: APIGuildMember }>): Promise<DoctorCheck> {
  let channel: APIChannel;
  try {
    channel = (await rest.get(Routes.channel(target.channelId))) as APIChannel;
  } catch (error) {
    const { status, text } = problem(error);
    if (status === 404) return fail(`channel ${target.channelId} not found`, 'check its id in the network file (Developer Mode → right-click the channel → Copy Channel ID)');
    if (status === 403) return fail(`bot cannot see channel ${target.channelId}`, `invite the bot to the server with \`heimo discord invite\` and give it View Channels there`);
    return fail(`cannot look up channel ${target.channelId} (${text})`, 'check DISCORD_API_URL and the network path to Discord');
  }
  const name = 'name' in channel && channel.name ? `${target.channelId} (#${channel.name})` : target.channelId;
  const guildId = 'guild_id' in channel ? channel.guild_id : undefined;
  if (guildId !== target.guildId) return fail(`channel ${name} is not in server ${target.guildId}`, "fix the community's discordGuildId or the channel id in the network file");
  if (!(channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement || isForumChannel(channel.type))) {
    return fail(`channel ${name} is neither a text channel nor a forum`, 'route a help (text) channel or a forum channel');
  }
  let context: { guild: APIGuild; member: APIGuildMember };
  try {
    context = await guildOf(guildId);
  } catch (error) {
    return fail(`cannot read server ${guildId}'s roles (${problem(error).text})`, 'invite the bot to that server with the URL from `heimo discord invite`');
  }
  const overwrites = ('permission_overwrites' in channel ? channel.permission_overwrites ?? [] : []) as Overwrite[];
  const granted = channelPermissions({ guild: context.guild, memberRoles: context.member.roles, memberId: botId, overwrites });
  // Customers open forum posts themselves: Heimo starts threads only in text channels, and tags
  // only forum posts (a text channel's thread shows its status as a line).
  // Manage Roles is the server's (tier roles), not a channel's: no channel needs it.
  const onlyIn: Partial<Record<DiscordPermission, 'text' | 'forum' | 'server'>> = { CreatePublicThreads: 'text', ManageThreads: 'forum', ManageRoles: 'server' };
  const kind = isForumChannel(channel.type) ? 'forum' : 'text';
  const needed = (Object.keys(DISCORD_PERMISSIONS) as DiscordPermission[]).filter((flag) => (onlyIn[flag] ?? kind) === kind);
  const missing = needed.filter((flag) => (granted & PermissionFlagsBits[flag]) !== PermissionFlagsBits[flag]);
  if (missing.length === 0) return pass(`bot can manage webhooks${isForumChannel(channel.type) ? ', answer in posts' : ', create threads'} and post in channel ${name}`);
  return fail(`bot lacks ${missing.map(spaced).join(', ')} in channel ${name} (${missing.map((flag) => DISCORD_PERMISSIONS[flag]).join('; ')})`, REINVITE);
}

// `ManageWebhooks` → `Manage Webhooks`, as Discord's settings name it.
const spaced = (flag: string): string => flag.replace(/([a-z])([A-Z])/g, '$1 $2').replace(' In ', ' in ');
