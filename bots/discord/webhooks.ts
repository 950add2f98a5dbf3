import { WebhookType } from 'discord.js';
import { type Logger, PlatformRejectedError } from '../../core/index.ts';
import type { DiscordApi, WebhookRef } from './api.ts';
import { isTransient } from './errors.ts';

/** How the webhook cache finds and creates Heimo's channel webhooks. */
export interface WebhookCacheConfig {
  api: DiscordApi;
  name: string;
  logger: Logger;
  /** How long a channel where webhooks failed for good posts as the bot before trying again. */
  retryAfterMs?: number;
}

/** Finds or creates one webhook per channel, caching it; null means "post as the bot here". */
export interface WebhookCache {
  get(channelId: string): Promise<WebhookRef | null>;
  /** Drops a webhook that stopped working (deleted, token reset) so the next post looks again. */
  forget(channelId: string): void;
}

/** Creates the per-channel webhook cache. */
export function createWebhookCache(config: WebhookCacheConfig): WebhookCache {
  const found = new Map<string, Promise<WebhookRef>>();
  const blockedUntil = new Map<string, number>();
  const retryAfterMs = config.retryAfterMs ?? 10 * 60_000;

  const findOrCreate = async (channelId: string): Promise<WebhookRef> => {
    const existing = (await config.api.webhooks(channelId)).find(
      (hook) => hook.type === WebhookType.Incoming && hook.name === config.name && typeof hook.token === 'string',
    );
    if (existing?.token !== undefined) return { id: existing.id, token: existing.token };
    const created = await config.api.createWebhook(channelId, config.name);
    if (created.token === undefined) throw new PlatformRejectedError('discord', 'a created webhook came back without a token', { context: { channelId } });
    config.logger.info('discord: created channel webhook', { channelId, webhookId: created.id });
    return { id: created.id, token: created.token };
  };

  return {
    async get(channelId) {
      if ((blockedUntil.get(channelId) ?? 0) > Date.now()) return null;
      let pending = found.get(channelId);
      if (pending === undefined) {
        pending = findOrCreate(channelId);
        found.set(channelId, pending);
      }
      try {
        return await pending;
      } catch (error) {
        if (found.get(channelId) === pending) found.delete(channelId);
        if (isTransient(error)) throw error;
        // Missing Manage Webhooks and the like will not fix themselves soon: post as the bot meanwhile.
        blockedUntil.set(channelId, Date.now() + retryAfterMs);
        config.logger.warn('discord: cannot use a webhook here; posting as the bot', { channelId, error });
        return null;
      }
    },
    forget(channelId) {
      found.delete(channelId);
    },
  };
}
