import type { APIMessage } from 'discord.js';
import type { ThreadRef } from '../../core/domain/types.ts';
import { PlatformRejectedError } from '../../core/errors.ts';
import type { CustomerDelivery, OutboundMessage } from '../../core/ports/delivery.ts';
import type { Logger } from '../../core/ports/logger.ts';
import type { DiscordApi } from './api.ts';
import { isForumChannel, isThreadChannel, type ChannelLookup } from './channels.ts';
import { DiscordCode, discordCodeOf, isTransient } from './errors.ts';
import { botBody, botContent, editBody, renderMessage, threadName, webhookBody, type RenderedMessage } from './render.ts';
import type { WebhookCache } from './webhooks.ts';

/** What the Discord delivery is built from. */
export interface DiscordDeliveryConfig {
  api: DiscordApi;
  webhooks: WebhookCache;
  channels: ChannelLookup;
  botUserId: () => string | undefined;
  logger: Logger;
}

/** Where parts go: the thread to post in, and the channel that owns the webhook. */
interface Target {
  channelId: string;
  hookChannelId: string;
  /** Set when channelId is a thread: webhooks reach it through ?thread_id. */
  threadId?: string;
}

const RECENT = 50;
const WEBHOOK_GONE = new Set<number | undefined>([DiscordCode.UnknownWebhook, DiscordCode.InvalidWebhookToken]);
// A reaction's message may be deleted, or its whole thread, before the reaction is mirrored.
const MESSAGE_GONE = new Set<number | undefined>([DiscordCode.UnknownMessage, DiscordCode.UnknownChannel]);

/** Creates Heimo's Discord delivery: webhooks under the author's name, the bot as the fallback. */
export function createDiscordDelivery(config: DiscordDeliveryConfig): CustomerDelivery {
  const { api, webhooks, logger } = config;

  const targetOf = async (thread: ThreadRef): Promise<Target> => {
    const info = await config.channels(thread.threadId);
    return info.parentId !== null && isThreadChannel(info.type)
      ? { channelId: info.id, hookChannelId: info.parentId, threadId: info.id }
      : { channelId: info.id, hookChannelId: info.id };
  };

  const postPart = async (target: Target, rendered: RenderedMessage, index: number, key: string, tryWebhook: boolean) => {
    const hook = tryWebhook ? await webhooks.get(target.hookChannelId) : null;
    if (hook !== null) {
      try {
        return { id: (await api.execute(hook, target.threadId, webhookBody(rendered, index))).id, viaWebhook: true };
      } catch (error) {
        if (isTransient(error)) throw error;
        if (WEBHOOK_GONE.has(discordCodeOf(error))) webhooks.forget(target.hookChannelId);
        logger.warn('discord: webhook refused the post; posting as the bot', { channelId: target.channelId, part: index, error });
      }
    }
    return { id: (await api.post(target.channelId, botBody(rendered, index, key))).id, viaWebhook: false };
  };

  // A retried job may have reached Discord before it failed: find the parts it already posted.
  const alreadyPosted = async (target: Target, rendered: RenderedMessage, from: number, exclude: string[]) => {
    const recent = (await api.recentMessages(target.channelId, RECENT)).reverse();
    const hook = await webhooks.get(target.hookChannelId);
    const botId = config.botUserId();
    const claimed = new Set(exclude);
    const isPart = (message: APIMessage, index: number): boolean =>
      message.webhook_id !== undefined
        ? (hook === null || message.webhook_id === hook.id) && message.author.username === rendered.username && message.content === rendered.parts[index]
        : message.author.id === botId && message.content === botContent(rendered, index);
    return rendered.parts.map((_part, index) => {
      if (index < from) return undefined;
      const match = recent.find((message) => !claimed.has(message.id) && isPart(message, index));
      if (match !== undefined) claimed.add(match.id);
      return match?.id;
    });
  };

  const postParts = async (target: Target, rendered: RenderedMessage, message: OutboundMessage, ids: string[], found: Array<string | undefined>, viaWebhook: boolean) => {
    let tryWebhook = viaWebhook;
    for (let index = ids.length; index < rendered.parts.length; index += 1) {
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

  /** Replaces one part's text the way it was posted; returns whether it is a webhook message. */
  const editPart = async (target: Target, id: string, rendered: RenderedMessage, index: number): Promise<boolean> => {
    const current = await api.message(target.channelId, id);
    if (current.webhook_id === undefined) {
      const content = botContent(rendered, index);
      if (current.content !== content) await api.edit(target.channelId, id, editBody(content));
      return false;
    }
    const hook = await webhooks.get(target.hookChannelId);
    if (hook === null || hook.id !== current.webhook_id) {
      throw new PlatformRejectedError('discord', 'the webhook that posted this message is gone, so it cannot be edited', {
        context: { channelId: target.channelId, messageId: id },
      });
    }
    const content = rendered.parts[index] ?? '';
    if (current.content !== content) await api.editViaWebhook(hook, target.threadId, id, editBody(content));
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
      const found = message.isRetry ? await alreadyPosted(target, rendered, 0, []) : [];
      return postParts(target, rendered, message, [], found, true);
    },

    async editMessage(thread, partIds, message) {
      const rendered = renderMessage(message);
      const target = await targetOf(thread);
      const ids: string[] = [];
      let viaWebhook = true;
      for (const [index, id] of partIds.entries()) {
        if (index < rendered.parts.length) {
          viaWebhook = await editPart(target, id, rendered, index);
          ids.push(id);
        } else {
          await removePart(target, id);
        }
      }
      if (ids.length === rendered.parts.length) return ids;
      const found = message.isRetry ? await alreadyPosted(target, rendered, ids.length, partIds) : [];
      return postParts(target, rendered, message, ids, found, viaWebhook);
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
        if (!MESSAGE_GONE.has(discordCodeOf(error))) throw error;
        logger.debug('discord: reaction target is gone', { channelId, messageId, added });
      }
    },
  };
}
