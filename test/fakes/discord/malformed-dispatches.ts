import { snowflake, type FakeWorld } from './state.ts';

/** A gateway dispatch as Discord would send it, shapes that discord.js cannot parse included. */
export interface RawDispatch {
  /** What is wrong with it, for test names. */
  name: string;
  t: string;
  d: unknown;
}

/** A well-formed MESSAGE_CREATE payload in the help channel, for mutating. */
export function soundMessage(world: FakeWorld, content = 'a sound message'): Record<string, unknown> & { id: string } {
  const author = world.users.alice;
  return {
    id: snowflake(),
    channel_id: world.ids.help,
    guild_id: world.guildId,
    type: 0,
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
  };
}

/**
 * Dispatches that made discord.js throw inside its packet handlers, which ended the process: the
 * shapes of issue 13 (null poll answers, a reply whose original has no author, THREAD_LIST_SYNC
 * without threads, interactions without data or member, presences without user, flags of the
 * wrong type, embeds as an object, ...).
 */
export function malformedDispatches(world: FakeWorld): RawDispatch[] {
  const message = (name: string, patch: Record<string, unknown>): RawDispatch => ({ name, t: 'MESSAGE_CREATE', d: { ...soundMessage(world), ...patch } });
  const interaction = { id: snowflake(), application_id: world.applicationId, type: 2, token: 'interaction-token', version: 1, guild_id: world.guildId, channel_id: world.ids.help };
  return [
    message('a poll with null answers', { poll: { question: { text: 'Which?' }, answers: null, expiry: null, allow_multiselect: false, layout_type: 1 } }),
    message('a reply whose original has a null author', {
      message_reference: { channel_id: world.ids.help, guild_id: world.guildId, message_id: '1300000000000000001' },
      referenced_message: { ...soundMessage(world), id: '1300000000000000001', author: null },
    }),
    message('flags of the wrong type', { flags: 'urgent' }),
    message('embeds as an object', { embeds: { title: 'not a list' } }),
    message('attachments as an object', { attachments: { id: '1' } }),
    message('components as an object', { components: { type: 1 } }),
    message('sticker_items as an object', { sticker_items: { id: '1' } }),
    message('role_subscription_data null', { role_subscription_data: null }),
    message('message_snapshots without a message_reference', { message_snapshots: [{ message: { content: 'x' } }] }),
    message('an interaction with a null user', { interaction: { id: snowflake(), type: 2, name: 'x', user: null } }),
    { name: 'THREAD_LIST_SYNC with null threads', t: 'THREAD_LIST_SYNC', d: { guild_id: world.guildId, threads: null, members: [] } },
    { name: 'INTERACTION_CREATE without data', t: 'INTERACTION_CREATE', d: { ...interaction, member: { user: world.users.alice, roles: [], joined_at: new Date().toISOString(), permissions: '0' } } },
    { name: 'INTERACTION_CREATE without member or user', t: 'INTERACTION_CREATE', d: { ...interaction, data: { id: snowflake(), name: 'x', type: 1 } } },
    { name: 'PRESENCE_UPDATE without user', t: 'PRESENCE_UPDATE', d: { guild_id: world.guildId, status: 'online', activities: [] } },
    { name: 'MESSAGE_UPDATE with embeds as text', t: 'MESSAGE_UPDATE', d: { ...soundMessage(world), embeds: 'x' } },
    { name: 'GUILD_MEMBER_UPDATE without user', t: 'GUILD_MEMBER_UPDATE', d: { guild_id: world.guildId, roles: [], joined_at: new Date().toISOString() } },
    { name: 'CHANNEL_UPDATE with permission overwrites as an object', t: 'CHANNEL_UPDATE', d: { id: world.ids.general, type: 0, guild_id: world.guildId, name: 'general', permission_overwrites: { id: '1' } } },
  ];
}
