/** A Discord user as the API returns it. */
export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  avatar: string | null;
  discriminator: string;
  bot?: boolean;
}

/** A guild member: a user plus server-specific nickname and roles. */
export interface FakeMember {
  user: FakeUser;
  nick: string | null;
  roles: string[];
  joined_at: string;
  deaf: boolean;
  mute: boolean;
}

/** Any channel the fake knows: text (0), public thread (11) or forum (15). */
export interface FakeChannel {
  id: string;
  type: number;
  guild_id: string;
  name: string;
  parent_id: string | null;
  position: number;
  permission_overwrites: unknown[];
  owner_id?: string;
  thread_metadata?: { archived: boolean; auto_archive_duration: number; archive_timestamp: string; locked: boolean; create_timestamp: string };
  message_count?: number;
  total_message_sent?: number;
  member_count?: number;
  /** A forum's tags (forum and media channels only). */
  available_tags?: FakeForumTag[];
  /** Ids of the forum's tags applied to a post (threads in a forum only). */
  applied_tags?: string[];
  last_message_id: string | null;
  rate_limit_per_user: number;
}

/** A forum tag as the API documents it: a post lists the ids of those applied in `applied_tags`. */
export interface FakeForumTag {
  id: string;
  name: string;
  moderated: boolean;
  emoji_id: string | null;
  emoji_name: string | null;
}

/** A message as the API returns it (REST and gateway share this shape). */
export interface FakeMessage {
  id: string;
  channel_id: string;
  guild_id: string;
  type: number;
  author: FakeUser;
  member?: Omit<FakeMember, 'user'>;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: Array<FakeUser & { member?: Omit<FakeMember, 'user'> }>;
  mention_roles: string[];
  attachments: FakeAttachment[];
  embeds: unknown[];
  components: unknown[];
  pinned: boolean;
  flags: number;
  nonce?: string;
  webhook_id?: string;
  thread?: FakeChannel;
}

/** A file on a message, as the API returns it; `url` is served by the fake itself, like Discord's CDN. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  content_type: string;
  url: string;
  proxy_url: string;
}

/** A file's bytes as the fake's CDN serves them, kept until its message is deleted. */
export interface StoredFile {
  channelId: string;
  messageId: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** One user's reaction on a message; `emoji` as Discord paths name it ("👍", or "name:id" when custom). */
export interface FakeReaction {
  userId: string;
  emoji: string;
}

/** An incoming webhook created in a channel. */
export interface FakeWebhook {
  id: string;
  type: 1;
  guild_id: string;
  channel_id: string;
  name: string;
  avatar: null;
  token: string;
  application_id: string;
  user: FakeUser;
}

/**
 * View Channels, Send Messages, Send Messages in Threads, Create Public Threads, Read Message
 * History, Manage Webhooks, Attach Files, Add Reactions, Manage Threads, Manage Roles: what
 * `heimo discord invite` asks for.
 */
export const HEIMO_INVITE_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 38n) | (1n << 35n) | (1n << 16n) | (1n << 29n) | (1n << 15n) | (1n << 6n) | (1n << 34n) | (1n << 28n));

/** The application flag saying the Message Content intent is enabled (GATEWAY_MESSAGE_CONTENT). */
export const MESSAGE_CONTENT_FLAG = 1 << 19;

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** Returns a fresh snowflake: discord.js derives timestamps from ids, so they must be real ones. */
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

function user(username: string, globalName: string | null, bot = false): FakeUser {
  return { id: snowflake(), username, global_name: globalName, avatar: bot ? null : `a${username}hash`, discriminator: '0', ...(bot ? { bot } : {}) };
}

function textChannel(guildId: string, name: string, type: number, position: number): FakeChannel {
  return { id: snowflake(), type, guild_id: guildId, name, parent_id: null, position, permission_overwrites: [], last_message_id: null, rate_limit_per_user: 0, ...(type === 15 ? { available_tags: [] } : {}) };
}

/** Creates the seeded world: one guild with a help channel, a forum, roles, members and a bot. */
export function createWorld() {
  const guildId = snowflake();
  const botUser = user('Heimo', null, true);
  const users = {
    alice: user('alice', 'Alice'),
    bob: user('bob', 'Bobby'),
    carol: user('carol', null),
    otherBot: user('OtherBot', null, true),
  };
  // Permissions as decimal strings, like the API. The bot's managed role holds what its invite grants.
  const roles = {
    everyone: { id: guildId, name: '@everyone', permissions: '0' },
    staff: { id: snowflake(), name: 'Staff', permissions: '0' },
    // Held by nobody at first: tests give it to a member to make them a premium customer.
    premium: { id: snowflake(), name: 'Premium', permissions: '0' },
    // Ambassador tier roles below Heimo's own role (it may grant them), and one above it (it may not).
    helper: { id: snowflake(), name: 'Helper', permissions: '0' },
    ambassador: { id: snowflake(), name: 'Ambassador', permissions: '0' },
    heimo: { id: snowflake(), name: 'Heimo', permissions: HEIMO_INVITE_PERMISSIONS },
    champion: { id: snowflake(), name: 'Champion', permissions: '0' },
  };
  const channels = new Map<string, FakeChannel>();
  const help = textChannel(guildId, 'help', 0, 0);
  const forum = textChannel(guildId, 'questions', 15, 1);
  const tag = (name: string): FakeForumTag => ({ id: snowflake(), name, moderated: false, emoji_id: null, emoji_name: null });
  forum.available_tags = [tag('Billing'), tag('Bug'), tag('Feature request')];
  const general = textChannel(guildId, 'general', 0, 2);
  for (const channel of [help, forum, general]) channels.set(channel.id, channel);
  const members = new Map<string, FakeMember>();
  const joinedAt = new Date().toISOString();
  const addMember = (member: FakeUser, nick: string | null, memberRoles: string[] = []): void => {
    members.set(member.id, { user: member, nick, roles: memberRoles, joined_at: joinedAt, deaf: false, mute: false });
  };
  addMember(botUser, null, [roles.heimo.id]);
  addMember(users.alice, 'Alice from Acme', [roles.staff.id]);
  addMember(users.bob, null);
  addMember(users.carol, null);
  addMember(users.otherBot, null);
  return {
    guildId,
    applicationId: botUser.id,
    /** The application's flags: GATEWAY_MESSAGE_CONTENT (1 << 19) when the Message Content intent is on. */
    applicationFlags: MESSAGE_CONTENT_FLAG,
    botUser,
    users,
    roles,
    ids: { help: help.id, forum: forum.id, general: general.id },
    channels,
    members,
    /** Messages per channel id, oldest first. */
    messages: new Map<string, FakeMessage[]>(),
    webhooks: new Map<string, FakeWebhook>(),
    /** Attachment bytes per attachment id. */
    files: new Map<string, StoredFile>(),
    /** Reactions per `channelId/messageId`, in the order they were added. */
    reactions: new Map<string, FakeReaction[]>(),
  };
}

/** The fake's whole state, visible to tests. */
export type FakeWorld = ReturnType<typeof createWorld>;

/** Returns the member object Discord attaches to messages (the member without its user). */
export function memberOf(world: FakeWorld, userId: string): Omit<FakeMember, 'user'> | undefined {
  const member = world.members.get(userId);
  if (member === undefined) return undefined;
  const { user: _user, ...rest } = member;
  return rest;
}

/** Builds the GUILD_CREATE payload discord.js waits for before it is ready. */
export function guildCreatePayload(world: FakeWorld): Record<string, unknown> {
  const channels = [...world.channels.values()];
  return {
    id: world.guildId,
    name: 'Acme Community',
    icon: null,
    owner_id: world.users.alice.id,
    unavailable: false,
    large: false,
    member_count: world.members.size,
    joined_at: new Date().toISOString(),
    roles: Object.values(world.roles).map((role, position) => ({
      ...role, color: 0, hoist: false, position, managed: role.id === world.roles.heimo.id, mentionable: true, flags: 0,
    })),
    emojis: [],
    stickers: [],
    features: [],
    members: [...world.members.values()],
    // Threads travel apart; direct-message channels (type 1) are no server's.
    channels: channels.filter((channel) => channel.type !== 11 && channel.type !== 1),
    threads: channels.filter((channel) => channel.type === 11),
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}
