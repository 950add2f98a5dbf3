import type { APIAttachment, APIMessage } from 'discord.js';
import {
  type Attachment,
  type CustomerDelivery,
  HeimoError,
  type Logger,
  type OutboundFile,
  type OutboundMessage,
  PlatformRejectedError,
  type ThreadRef,
} from '../../core/index.ts';
import type { DiscordApi } from './api.ts';
import { isForumChannel, isThreadChannel, type ChannelLookup } from './channels.ts';
import { DiscordCode, discordCodeOf, isTransient } from './errors.ts';
import { fetchPublicFile } from './fetch-file.ts';
import { createMemberNotices } from './member-notices.ts';
import { botBody, botContent, botText, editBody, partFiles, renderMessage, threadName, webhookBody, type RenderedMessage } from './render.ts';
import type { WebhookCache } from './webhooks.ts';

/** What the Discord delivery is built from. */
export interface DiscordDeliveryConfig {
  api: DiscordApi;
  webhooks: WebhookCache;
  channels: ChannelLookup;
  botUserId: () => string | undefined;
  logger: Logger;
  /** Hosts (host[:port]) that serve Discord attachments; fetchFile refuses any other URL. */
  fileHosts: ReadonlySet<string>;
}

/** Where parts go: the thread to post in, and the channel that owns the webhook. */
interface Target {
  channelId: string;
  hookChannelId: string;
  /** Set when channelId is a thread: webhooks reach it through ?thread_id. */
  threadId?: string;
}

/** Discord's per-file upload limit for servers without boosts (boosted servers allow more, but Heimo cannot tell). */
export const DISCORD_MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Files one relayed message carries in all: Discord refuses a request over about 25 MB (40005),
 * and keeping every file of a message within one request's worth also bounds what a delivery holds
 * in memory. Files past it are named in the post.
 */
export const DISCORD_MAX_REQUEST_FILE_BYTES = 24 * 1024 * 1024;

const RECENT = 50;
const WEBHOOK_GONE = new Set<number | undefined>([DiscordCode.UnknownWebhook, DiscordCode.InvalidWebhookToken]);
// A reaction's message may be deleted, or its whole thread, before the reaction is mirrored.
const MESSAGE_GONE = new Set<number | undefined>([DiscordCode.UnknownMessage, DiscordCode.UnknownChannel]);
// Reactions Discord will never take (an emoji it lacks, a full message, an archived thread): retrying would only dead-letter them.
const NOT_REACTABLE = new Set<number | undefined>([DiscordCode.UnknownEmoji, DiscordCode.MaximumReactions, DiscordCode.ThreadArchived]);

// Discord may rewrite an uploaded filename (spaces, some symbols): compare names by letters, digits and dots.
const looseName = (name: string): string => name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}.]+/gu, '');

// Takes the first item that matches out of `left`: each posted file stands for one file only.
function takeMatch<T>(left: T[], matches: (item: T) => boolean): boolean {
  const at = left.findIndex(matches);
  if (at < 0) return false;
  left.splice(at, 1);
  return true;
}

/** True when a posted message carries exactly these files (by size and name, in any order). */
function carriesFiles(attachments: APIAttachment[], files: OutboundFile[]): boolean {
  if (attachments.length !== files.length) return false;
  const left = [...attachments];
  return files.every((file) => takeMatch(left, (item) => item.size === file.data.byteLength && looseName(item.filename) === looseName(file.name)));
}

/** The message's files that no posted part carries (by name, each posted file matching once). */
function notCarried(attachments: Attachment[], posted: APIAttachment[]): Attachment[] {
  const left = [...posted];
  return attachments.filter((attachment) => !takeMatch(left, (item) => looseName(item.filename) === looseName(attachment.name)));
}

/** Creates Heimo's Discord delivery: webhooks under the author's name, the bot as the fallback. */
export function createDiscordDelivery(config: DiscordDeliveryConfig): CustomerDelivery {
  const { api, webhooks, logger } = config;
  const fileSource = { platform: 'discord', hosts: config.fileHosts };

  const targetOf = async (thread: ThreadRef): Promise<Target> => {
    const info = await config.channels(thread.threadId);
    return info.parentId !== null && isThreadChannel(info.type)
      ? { channelId: info.id, hookChannelId: info.parentId, threadId: info.id }
      : { channelId: info.id, hookChannelId: info.id };
  };

  const postPart = async (target: Target, rendered: RenderedMessage, index: number, key: string, tryWebhook: boolean) => {
    const files = partFiles(rendered, index);
    const hook = tryWebhook ? await webhooks.get(target.hookChannelId) : null;
    if (hook !== null) {
      try {
        return { id: (await api.execute(hook, target.threadId, webhookBody(rendered, index), files)).id, viaWebhook: true };
      } catch (error) {
        // The bot's upload limit is the webhook's: falling back would only send the file a second time.
        if (isTransient(error) || discordCodeOf(error) === DiscordCode.RequestEntityTooLarge) throw error;
        if (WEBHOOK_GONE.has(discordCodeOf(error))) webhooks.forget(target.hookChannelId);
        logger.warn('discord: webhook refused the post; posting as the bot', { channelId: target.channelId, part: index, files: files.length, error });
      }
    }
    return { id: (await api.post(target.channelId, botBody(rendered, index, key), files)).id, viaWebhook: false };
  };

  // A retried job may have reached Discord before it failed: find the parts it already posted.
  // A file-only part has no text to recognise it by, so every part is matched on its files too.
  const alreadyPosted = async (target: Target, rendered: RenderedMessage, from: number, exclude: string[]) => {
    const recent = (await api.recentMessages(target.channelId, RECENT)).reverse();
    const hook = await webhooks.get(target.hookChannelId);
    const botId = config.botUserId();
    const claimed = new Set(exclude);
    const isPart = (message: APIMessage, index: number): boolean => {
      const sameText = message.webhook_id !== undefined
        ? (hook === null || message.webhook_id === hook.id) && message.author.username === rendered.username && message.content === rendered.parts[index]
        : message.author.id === botId && message.content === botContent(rendered, index);
      return sameText && carriesFiles(message.attachments, rendered.files[index] ?? []);
    };
    return rendered.parts.map((_part, index) => {
      if (index < from) return undefined;
      const match = recent.find((message) => !claimed.has(message.id) && isPart(message, index));
      if (match !== undefined) claimed.add(match.id);
      return match?.id;
    });
  };

  /** Posts parts `from` onwards (or finds them, on a retry); returns their ids in order. */
  const postParts = async (target: Target, rendered: RenderedMessage, message: OutboundMessage, from: number, exclude: string[], viaWebhook: boolean) => {
    const found = message.isRetry ? await alreadyPosted(target, rendered, from, exclude) : [];
    const ids: string[] = [];
    let tryWebhook = viaWebhook;
    for (let index = from; index < rendered.parts.length; index += 1) {
      const existing = found[index];
      if (existing !== undefined) {
        ids.push(existing);
        continue;
      }
      const posted = await postPart(target, rendered, index, message.idempotencyKey, tryWebhook);
      tryWebhook = posted.viaWebhook;
      ids.push(posted.id);
    }
    return ids;
  };

  /** Replaces one part's text (`part`, '' to leave only its files) the way it was posted; returns whether it is a webhook message. */
  const editPart = async (target: Target, current: APIMessage, rendered: RenderedMessage, part: string): Promise<boolean> => {
    if (current.webhook_id === undefined) {
      const content = botText(rendered, part);
      if (current.content !== content) await api.edit(target.channelId, current.id, editBody(content));
      return false;
    }
    const hook = await webhooks.get(target.hookChannelId);
    if (hook === null || hook.id !== current.webhook_id) {
      throw new PlatformRejectedError('discord', 'the webhook that posted this message is gone, so it cannot be edited', {
        context: { channelId: target.channelId, messageId: current.id },
      });
    }
    if (current.content !== part) await api.editViaWebhook(hook, target.threadId, current.id, editBody(part));
    return true;
  };

  const removePart = async (target: Target, id: string): Promise<void> => {
    try {
      const current = await api.message(target.channelId, id);
      const hook = current.webhook_id === undefined ? null : await webhooks.get(target.hookChannelId);
      if (hook !== null && hook.id === current.webhook_id) await api.removeViaWebhook(hook, target.threadId, id);
      else await api.remove(target.channelId, id);
    } catch (error) {
      if (discordCodeOf(error) !== DiscordCode.UnknownMessage) throw error;
    }
  };

  return {
    platform: 'discord',
    maxFileBytes: DISCORD_MAX_FILE_BYTES,
    maxMessageFileBytes: DISCORD_MAX_REQUEST_FILE_BYTES,

    async openThread({ channelId, messageId, title }) {
      const channel = await config.channels(channelId);
      // A forum post is its own thread (same id as its starter message); a thread needs no new one.
      if (isForumChannel(channel.type)) return { channelId: messageId, threadId: messageId };
      if (isThreadChannel(channel.type)) return { channelId, threadId: channelId };
      try {
        const thread = await api.startThread(channelId, messageId, threadName(title));
        return { channelId: thread.id, threadId: thread.id };
      } catch (error) {
        if (discordCodeOf(error) !== DiscordCode.ThreadAlreadyCreated) throw error;
        return { channelId: messageId, threadId: messageId };
      }
    },

    async postMessage(thread, message) {
      const rendered = renderMessage(message);
      const target = await targetOf(thread);
      return postParts(target, rendered, message, 0, [], true);
    },

    // An edit changes text only: files stay where they were posted (an edit never sends
    // `attachments`, so Discord keeps them), and a part carrying files is never deleted.
    async editMessage(thread, partIds, message) {
      const target = await targetOf(thread);
      const current: APIMessage[] = [];
      for (const id of partIds) current.push(await api.message(target.channelId, id));
      const unfetched = notCarried(message.attachments ?? [], current.flatMap((posted) => posted.attachments));
      const rendered = renderMessage({ ...message, files: [], unfetched: [...(message.unfetched ?? []), ...unfetched] }, { allowEmpty: true });
      const fileOnly = (posted: APIMessage): boolean =>
        posted.attachments.length > 0 && (posted.content === '' || (posted.webhook_id === undefined && posted.content === botText(rendered, '')));
      const textSlots = current.filter((posted) => !fileOnly(posted));
      const wanted = rendered.parts.length;
      if (wanted === 0 && !current.some((posted) => posted.attachments.length > 0)) {
        throw new HeimoError('BAD_INPUT', 'Discord cannot post an empty message', { context: { idempotencyKey: message.idempotencyKey } });
      }
      // Fewer parts: drop text-only parts, never the one carrying files, so the text still ends above them.
      let room = wanted - textSlots.filter((posted) => posted.attachments.length > 0).length;
      const kept = textSlots.filter((posted) => posted.attachments.length > 0 || (room -= 1) >= 0);
      let viaWebhook = true;
      for (const [index, posted] of kept.entries()) viaWebhook = await editPart(target, posted, rendered, rendered.parts[index] ?? '');
      const dropped = new Set(textSlots.filter((posted) => !kept.includes(posted)).map((posted) => posted.id));
      for (const id of dropped) await removePart(target, id);
      const ids = partIds.filter((id) => !dropped.has(id));
      // More parts: Discord cannot insert before existing messages, so the rest follows the last part.
      if (kept.length >= wanted) return ids;
      return [...ids, ...(await postParts(target, rendered, message, kept.length, partIds, viaWebhook))];
    },

    async deleteMessage(thread, partIds) {
      const target = await targetOf(thread);
      for (const id of partIds) await removePart(target, id);
    },

    async react({ channelId, messageId }, emoji, added) {
      try {
        if (added) await api.addOwnReaction(channelId, messageId, emoji);
        else await api.removeOwnReaction(channelId, messageId, emoji);
      } catch (error) {
        const code = discordCodeOf(error);
        if (NOT_REACTABLE.has(code)) {
          logger.warn('discord: reaction cannot be shown; not reacting', { channelId, messageId, emoji, added, discordCode: code });
          return;
        }
        if (!MESSAGE_GONE.has(code)) throw error;
        logger.debug('discord: reaction target is gone', { channelId, messageId, added });
      }
    },

    ...createMemberNotices(api),

    // Discord's CDN serves attachments to anyone with the (signed) URL: the bot token is never sent.
    fetchFile(attachment, maxBytes) {
      return fetchPublicFile(fileSource, attachment, maxBytes);
    },
  };
}
