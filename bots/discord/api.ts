import {
  Routes,
  makeURLSearchParams,
  type APIChannel,
  type APIGuildMember,
  type APIMessage,
  type APIWebhook,
  type RawFile,
  type REST,
  type RequestData,
} from 'discord.js';
import { redactPath, toHeimoError } from './errors.ts';

/** A webhook Heimo can execute: its id and the secret token from its URL. */
export interface WebhookRef {
  id: string;
  token: string;
}

/** Message fields Heimo sends; every post carries allowed_mentions so nothing can ping. */
export interface MessageBody {
  content: string;
  allowed_mentions: { parse: [] };
  nonce?: string;
  enforce_nonce?: boolean;
  username?: string;
  avatar_url?: string;
  /** Buttons (action rows) on Heimo's own prompts. */
  components?: unknown[];
}

type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Creates the thin REST layer the delivery uses: discord.js REST calls with errors mapped. */
export function createDiscordApi(rest: REST) {
  const call = async <T>(verb: Verb, route: `/${string}`, options: RequestData = {}): Promise<T> => {
    try {
      return (await rest[verb](route, options)) as T;
    } catch (error) {
      throw toHeimoError(error, { method: verb.toUpperCase(), path: redactPath(route) });
    }
  };
  // discord.js sends a request with files as multipart/form-data: the body as payload_json, each file as files[n].
  const withFiles = (files: RawFile[]): Pick<RequestData, 'files'> => (files.length === 0 ? {} : { files });
  const inThread = (threadId: string | undefined, wait = false): URLSearchParams =>
    makeURLSearchParams({ ...(threadId === undefined ? {} : { thread_id: threadId }), ...(wait ? { wait: true } : {}) });

  return {
    channel: (id: string) => call<APIChannel>('get', Routes.channel(id)),
    recentMessages: (channelId: string, limit: number) =>
      call<APIMessage[]>('get', Routes.channelMessages(channelId), { query: makeURLSearchParams({ limit }) }),
    message: (channelId: string, id: string) => call<APIMessage>('get', Routes.channelMessage(channelId, id)),
    post: (channelId: string, body: MessageBody, files: RawFile[] = []) =>
      call<APIMessage>('post', Routes.channelMessages(channelId), { body, ...withFiles(files) }),
    // An edit sends no `attachments` field, so Discord keeps the message's files as they are.
    edit: (channelId: string, id: string, body: MessageBody) => call<APIMessage>('patch', Routes.channelMessage(channelId, id), { body }),
    remove: (channelId: string, id: string) => call<void>('delete', Routes.channelMessage(channelId, id)),
    // Discord takes a Unicode emoji URL-encoded in the path; PUT and DELETE answer 204 whether or not it changed anything.
    addOwnReaction: (channelId: string, messageId: string, emoji: string) =>
      call<void>('put', Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji))),
    removeOwnReaction: (channelId: string, messageId: string, emoji: string) =>
      call<void>('delete', Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji))),
    startThread: (channelId: string, messageId: string, name: string) =>
      call<APIChannel>('post', Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: 1440 } }),
    webhooks: (channelId: string) => call<APIWebhook[]>('get', Routes.channelWebhooks(channelId)),
    createWebhook: (channelId: string, name: string) => call<APIWebhook>('post', Routes.channelWebhooks(channelId), { body: { name } }),
    // Webhook calls authenticate with the token in the path, not the bot token.
    execute: (hook: WebhookRef, threadId: string | undefined, body: MessageBody, files: RawFile[] = []) =>
      call<APIMessage>('post', Routes.webhook(hook.id, hook.token), { body, query: inThread(threadId, true), auth: false, ...withFiles(files) }),
    editViaWebhook: (hook: WebhookRef, threadId: string | undefined, id: string, body: MessageBody) =>
      call<APIMessage>('patch', Routes.webhookMessage(hook.id, hook.token, id), { body, query: inThread(threadId), auth: false }),
    removeViaWebhook: (hook: WebhookRef, threadId: string | undefined, id: string) =>
      call<void>('delete', Routes.webhookMessage(hook.id, hook.token, id), { query: inThread(threadId), auth: false }),
    // Forum tags (a forum's available_tags, a post's applied_tags) are changed by editing the channel.
    editChannel: (id: string, body: Record<string, unknown>) => call<APIChannel>('patch', Routes.channel(id), { body }),
    // Ambassador tier roles: PUT and DELETE answer 204 whether or not the member had the role; the reason goes to the audit log.
    addMemberRole: (guildId: string, userId: string, roleId: string, reason: string) =>
      call<void>('put', Routes.guildMemberRole(guildId, userId, roleId), { reason }),
    removeMemberRole: (guildId: string, userId: string, roleId: string, reason: string) =>
      call<void>('delete', Routes.guildMemberRole(guildId, userId, roleId), { reason }),
    member: (guildId: string, userId: string) => call<APIGuildMember>('get', Routes.guildMember(guildId, userId)),
    /** The bot's direct-message channel with a user (Discord answers the same one each time). */
    openDm: (userId: string) => call<APIChannel>('post', Routes.userChannels(), { body: { recipient_id: userId } }),
    /** Replaces every guild command of the application (a bulk overwrite: the same body twice changes nothing). */
    putGuildCommands: (applicationId: string, guildId: string, body: unknown) =>
      call<unknown[]>('put', Routes.applicationGuildCommands(applicationId, guildId), { body }),
    // Interaction answers authenticate with the interaction's token in the path.
    interactionCallback: (id: string, token: string, body: unknown) =>
      call<void>('post', Routes.interactionCallback(id, token), { body, auth: false }),
    editOriginal: (applicationId: string, token: string, body: unknown) =>
      call<APIMessage>('patch', Routes.webhookMessage(applicationId, token, '@original'), { body, auth: false }),
    deleteOriginal: (applicationId: string, token: string) =>
      call<void>('delete', Routes.webhookMessage(applicationId, token, '@original'), { auth: false }),
    followUp: (applicationId: string, token: string, body: unknown) =>
      call<APIMessage>('post', Routes.webhook(applicationId, token), { body, auth: false }),
  };
}

/** The REST operations the Discord delivery performs. */
export type DiscordApi = ReturnType<typeof createDiscordApi>;
