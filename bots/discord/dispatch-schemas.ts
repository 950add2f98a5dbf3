import { z } from 'zod/v4';

// The fields discord.js dereferences when it builds its structures from a dispatch (discord.js
// 14.28: Message#_patch, Poll, Mentions, the THREAD_LIST_SYNC, INTERACTION_CREATE and
// PRESENCE_UPDATE handlers, GuildMember and channel patching). Where it tests a field for
// truthiness first, null is fine; where it tests `'field' in data`, null breaks it. Everything
// else passes through untouched: Discord adds fields without notice, and unknown ones are harmless.

const snowflake = z.string().regex(/^\d{1,20}$/);
const loose = z.looseObject;
const user = loose({ id: snowflake });
const record = loose({});
const iso = z.string();

const channel = loose({
  id: snowflake,
  type: z.number().int(),
  permission_overwrites: z.array(loose({ id: snowflake })).optional(),
  thread_metadata: record.nullish(),
});

const emojiName = z.string().refine((name) => {
  try {
    decodeURIComponent(name);
    return true;
  } catch {
    return false;
  }
}, 'emoji name does not decode');

/** A message payload, as in MESSAGE_CREATE, MESSAGE_UPDATE and a reply's referenced_message. */
const message = (needsAuthor: boolean): z.ZodType<unknown> =>
  loose({
    id: snowflake,
    channel_id: snowflake,
    author: needsAuthor ? user : user.optional(),
    content: z.string().optional(),
    type: z.number().int().optional(),
    webhook_id: snowflake.nullish(),
    edited_timestamp: iso.nullish(),
    flags: z.number().int().nonnegative().optional(),
    embeds: z.array(record).optional(),
    components: z.array(record).optional(),
    attachments: z.array(loose({ id: snowflake })).nullish(),
    sticker_items: z.array(loose({ id: snowflake })).nullish(),
    stickers: z.array(loose({ id: snowflake })).nullish(),
    mentions: z.array(loose({ id: snowflake, member: record.nullish() })).nullish(),
    mention_roles: z.array(snowflake).nullish(),
    mention_channels: z.array(loose({ id: snowflake })).nullish(),
    member: record.nullish(),
    reactions: z.array(loose({ emoji: record })).nullish(),
    role_subscription_data: record.optional(),
    activity: record.optional(),
    application: record.optional(),
    call: record.optional(),
    resolved: record.optional(),
    thread: channel.optional(),
    message_reference: record.optional(),
    referenced_message: z.lazy(() => message(true)).nullish(),
    interaction: loose({ user }).nullish(),
    interaction_metadata: loose({ user }).nullish(),
    poll: loose({ question: record, answers: z.array(loose({ answer_id: z.number(), poll_media: record })) }).nullish(),
    message_snapshots: z.array(loose({ message: record })).nullish(),
    shared_client_theme: record.nullish(),
  }).refine((data) => !(Array.isArray(data['message_snapshots']) && data['message_reference'] === undefined), {
    message: 'message_snapshots without a message_reference',
    path: ['message_snapshots'],
  });

const reactionTarget = loose({ channel_id: snowflake, message_id: snowflake, member: loose({ user }).optional() });
const emoji = loose({ id: snowflake.nullish(), name: z.string().nullish() }).refine(
  (value) => (value.id !== null && value.id !== undefined) || emojiName.safeParse(value.name).success,
  { message: 'emoji without an id or a valid name' },
);
const reaction = reactionTarget.extend({ user_id: snowflake, emoji });
const member = loose({ guild_id: snowflake, user });

/** Dispatch types checked before discord.js sees them; others are contained by the supervisor. */
export const DISPATCH_SCHEMAS: Record<string, z.ZodType<unknown>> = {
  MESSAGE_CREATE: message(true),
  MESSAGE_UPDATE: message(false),
  MESSAGE_DELETE: loose({ id: snowflake, channel_id: snowflake }),
  MESSAGE_DELETE_BULK: loose({ ids: z.array(snowflake), channel_id: snowflake }),
  MESSAGE_REACTION_ADD: reaction,
  MESSAGE_REACTION_REMOVE: reaction,
  MESSAGE_REACTION_REMOVE_ALL: reactionTarget,
  MESSAGE_REACTION_REMOVE_EMOJI: reactionTarget.extend({ emoji }),
  THREAD_CREATE: channel,
  THREAD_UPDATE: channel,
  THREAD_DELETE: channel,
  CHANNEL_CREATE: channel,
  CHANNEL_UPDATE: channel,
  CHANNEL_DELETE: channel,
  THREAD_LIST_SYNC: loose({ guild_id: snowflake, threads: z.array(channel), members: z.array(record), channel_ids: z.array(snowflake).optional() }),
  INTERACTION_CREATE: loose({ id: snowflake, type: z.number().int(), data: record.optional(), member: loose({ user }).optional(), user: user.optional() }).refine(
    (value) => (value.type === 1 || value.data !== undefined) && (value.member !== undefined || value.user !== undefined),
    { message: 'interaction without data or without member and user' },
  ),
  PRESENCE_UPDATE: loose({ guild_id: snowflake, user }),
  GUILD_MEMBER_ADD: member,
  GUILD_MEMBER_UPDATE: member,
  GUILD_MEMBER_REMOVE: member,
};
