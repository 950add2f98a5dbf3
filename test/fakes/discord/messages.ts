import { createHash } from 'node:crypto';
import { memberOf, snowflake, type FakeAttachment, type FakeChannel, type FakeMessage, type FakeUser, type FakeWorld } from './state.ts';

/** A file part of a multipart request (`files[n]`), as the fake received it. */
export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Discord's allowed_mentions object; absent means "ping everything mentioned". */
export interface AllowedMentions {
  parse?: string[];
  users?: string[];
  roles?: string[];
}

/** What a new message needs; the fake fills in the rest like Discord does. */
export interface NewMessage {
  channelId: string;
  author: FakeUser;
  content: string;
  nonce?: string;
  webhookId?: string;
  allowedMentions?: AllowedMentions;
  /** Extra user ids to list as mentioned, beyond the `<@id>` found in the content. */
  mentions?: string[];
  /** Files uploaded with the message; they become its attachments. */
  files?: UploadedFile[];
  /** Action rows of buttons, as posted. */
  components?: unknown[];
  /** The id of a message in the same channel this one replies to (a Discord reply, type 19). */
  replyTo?: string;
}

type Dispatch = (t: string, d: unknown) => void;

// Mentions reflect who would actually be pinged, so tests can see that nothing pings.
function mentionsOf(world: FakeWorld, content: string, allowed: AllowedMentions | undefined, extra: string[]) {
  const may = (kind: string, id: string, list: string[] | undefined): boolean =>
    allowed === undefined || (allowed.parse ?? []).includes(kind) || (list ?? []).includes(id);
  const userIds = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] ?? '').concat(extra));
  const roleIds = [...new Set([...content.matchAll(/<@&(\d+)>/g)].map((match) => match[1] ?? ''))];
  const mentions = [...userIds]
    .filter((id) => may('users', id, allowed?.users))
    .flatMap((id) => {
      const member = world.members.get(id);
      const memberData = memberOf(world, id);
      return member === undefined ? [] : [{ ...member.user, ...(memberData === undefined ? {} : { member: memberData }) }];
    });
  return {
    mentions,
    mention_roles: roleIds.filter((id) => may('roles', id, allowed?.roles)),
    mention_everyone: /@(everyone|here)/.test(content) && may('everyone', '', undefined),
  };
}

/** Creates the message operations shared by the REST routes and the test helpers. */
export function createMessageOps(world: FakeWorld, dispatch: Dispatch, baseUrl: () => string) {
  const attach = (channelId: string, messageId: string, file: UploadedFile): FakeAttachment => {
    const id = snowflake();
    // Discord stores names without spaces; its CDN URLs carry a signature (ex, is, hm) in the query.
    const filename = file.filename.replace(/\s+/g, '_') || 'unknown';
    world.files.set(id, { channelId, messageId, filename, contentType: file.contentType, data: file.data });
    const expires = Math.floor(Date.now() / 1000 + 86_400).toString(16);
    const signature = createHash('sha256').update(`${id}:${expires}`).digest('hex');
    const url = `${baseUrl()}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}?ex=${expires}&is=${expires}&hm=${signature}&`;
    return { id, filename, size: file.data.byteLength, content_type: file.contentType, url, proxy_url: url };
  };

  const list = (channelId: string): FakeMessage[] => {
    let messages = world.messages.get(channelId);
    if (messages === undefined) world.messages.set(channelId, (messages = []));
    return messages;
  };
  const find = (channelId: string, messageId: string): FakeMessage | undefined =>
    world.messages.get(channelId)?.find((message) => message.id === messageId);

  const post = (input: NewMessage, id = snowflake()): FakeMessage => {
    const channel = world.channels.get(input.channelId);
    const member = input.webhookId === undefined ? memberOf(world, input.author.id) : undefined;
    const replied = input.replyTo === undefined ? undefined : find(input.channelId, input.replyTo);
    const reply = input.replyTo === undefined ? {} : {
      message_reference: { type: 0, channel_id: input.channelId, guild_id: world.guildId, message_id: input.replyTo },
      referenced_message: replied ?? null,
    };
    const message: FakeMessage = {
      id,
      channel_id: input.channelId,
      guild_id: world.guildId,
      type: input.replyTo === undefined ? 0 : 19,
      ...reply,
      author: input.author,
      ...(member === undefined ? {} : { member }),
      content: input.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      ...mentionsOf(world, input.content, input.allowedMentions, input.mentions ?? []),
      attachments: (input.files ?? []).map((file) => attach(input.channelId, id, file)),
      embeds: [],
      components: input.components ?? [],
      pinned: false,
      flags: 0,
      ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
      ...(input.webhookId === undefined ? {} : { webhook_id: input.webhookId }),
    };
    list(input.channelId).push(message);
    if (channel !== undefined) {
      channel.last_message_id = message.id;
      if (channel.type === 11) {
        channel.message_count = (channel.message_count ?? 0) + 1;
        channel.total_message_sent = (channel.total_message_sent ?? 0) + 1;
      }
    }
    dispatch('MESSAGE_CREATE', message);
    return message;
  };

  // Like Discord, an edit that lists `keepAttachments` keeps only those; one that omits it keeps them all.
  const edit = (message: FakeMessage, content: string, allowed?: AllowedMentions, keepAttachments?: string[]): FakeMessage => {
    if (keepAttachments !== undefined) {
      for (const gone of message.attachments.filter((item) => !keepAttachments.includes(item.id))) world.files.delete(gone.id);
      message.attachments = message.attachments.filter((item) => keepAttachments.includes(item.id));
    }
    Object.assign(message, { content, edited_timestamp: new Date().toISOString() }, mentionsOf(world, content, allowed, []));
    dispatch('MESSAGE_UPDATE', message);
    return message;
  };

  const remove = (message: FakeMessage): void => {
    const messages = list(message.channel_id);
    messages.splice(messages.indexOf(message), 1);
    // A deleted message's files stop being served, so a later download answers 404.
    for (const attachment of message.attachments) world.files.delete(attachment.id);
    world.reactions.delete(`${message.channel_id}/${message.id}`);
    dispatch('MESSAGE_DELETE', { id: message.id, channel_id: message.channel_id, guild_id: world.guildId });
  };

  const newThread = (parent: FakeChannel, id: string, name: string, ownerId: string, autoArchive: number, appliedTags: string[] = []): FakeChannel => {
    const now = new Date().toISOString();
    const thread: FakeChannel = {
      id, type: 11, guild_id: world.guildId, name, parent_id: parent.id, position: 0, permission_overwrites: [],
      owner_id: ownerId, last_message_id: null, rate_limit_per_user: 0, message_count: 0, total_message_sent: 0, member_count: 1,
      thread_metadata: { archived: false, auto_archive_duration: autoArchive, archive_timestamp: now, locked: false, create_timestamp: now },
      ...(parent.type === 15 ? { applied_tags: appliedTags } : {}),
    };
    world.channels.set(id, thread);
    dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return thread;
  };

  return {
    find,
    list,
    post,
    edit,
    remove,
    /** Starts a public thread from a message; its id is the message id, as on Discord. */
    startThread(parent: FakeChannel, message: FakeMessage, name: string, ownerId: string, autoArchive: number): FakeChannel {
      const thread = newThread(parent, message.id, name, ownerId, autoArchive);
      message.thread = thread;
      dispatch('MESSAGE_UPDATE', message);
      return thread;
    },
    /** A forum post with the forum's tags of these ids: THREAD_CREATE, then the starter message whose id equals the thread id. */
    createForumPost(forum: FakeChannel, author: FakeUser, title: string, content: string, appliedTags: string[] = []) {
      const thread = newThread(forum, snowflake(), title, author.id, 4320, appliedTags);
      const message = post({ channelId: thread.id, author, content }, thread.id);
      return { thread, message };
    },
  };
}

/** The message operations of the fake. */
export type MessageOps = ReturnType<typeof createMessageOps>;
