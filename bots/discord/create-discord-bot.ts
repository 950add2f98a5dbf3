import { Client, Events, GatewayIntentBits, Partials, Status, type Message, type PartialMessage } from 'discord.js';
import type { InboundEvent, InboundHandler } from '../../core/domain/events.ts';
import { HeimoError, PlatformRejectedError } from '../../core/errors.ts';
import type { Bot, BotHealth } from '../../core/ports/bot.ts';
import type { CustomerDelivery } from '../../core/ports/delivery.ts';
import type { LogFields } from '../../core/ports/logger.ts';
import { createDiscordApi } from './api.ts';
import { createChannelLookup, isForumChannel, isTextChannel, isThreadChannel } from './channels.ts';
import type { DiscordBotConfig } from './config.ts';
import { createDiscordDelivery } from './delivery.ts';
import { defuseDispatch, malformedReason } from './gateway-guard.ts';
import { createdEvent, deletedEvent, editedEvent, ignoreReason, type Placement } from './parse.ts';
import { createWebhookCache } from './webhooks.ts';

// Waits up to this long are paced by @discordjs/rest; longer ones go back to the outbox worker.
const PACE_LIMIT_MS = 1_000;
const DISALLOWED_INTENTS = 4014;
const INTENTS_HINT = 'Discord refused the privileged intents: enable the Message Content intent for the bot in the developer portal';

/** Creates the Discord bot: gateway events in, webhook/bot posts out. */
export function createDiscordBot(config: DiscordBotConfig): Bot<CustomerDelivery> {
  const logger = config.logger;
  const watched = new Set(config.watchedChannelIds);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Channel, Partials.Reaction],
    allowedMentions: { parse: [] },
    // retries: 0 because the outbox worker owns retries; an SDK retry of a webhook post could double it.
    rest: { api: config.apiUrl, retries: 0, rejectOnRateLimit: (limit) => limit.retryAfter > PACE_LIMIT_MS },
  });
  client.rest.setToken(config.token);
  const api = createDiscordApi(client.rest);
  const channels = createChannelLookup(client, api);
  const webhooks = createWebhookCache({ api, name: config.webhookName ?? 'Heimo', logger });
  const delivery = createDiscordDelivery({ api, webhooks, channels, botUserId: () => client.user?.id, logger });

  let handler: InboundHandler | undefined;
  let stopped = false;
  let problem: string | undefined;
  // One chain per channel keeps a message's create, edit and delete in order.
  const chains = new Map<string, Promise<void>>();

  const enqueue = (channelId: string, fields: LogFields, task: () => Promise<InboundEvent | null>): void => {
    const run = async (): Promise<void> => {
      try {
        const event = await task();
        if (event === null || handler === undefined) return;
        const outcome = await handler(event);
        logger.debug('discord: event handled', { ...fields, type: event.type, outcome: outcome.status });
      } catch (error) {
        logger.error('discord: inbound event failed', { ...fields, error });
      }
    };
    const next = (chains.get(channelId) ?? Promise.resolve()).then(run);
    chains.set(channelId, next);
    void next.then(() => chains.get(channelId) === next && chains.delete(channelId));
  };

  const placementOf = async (message: Message | PartialMessage): Promise<Placement | null> => {
    const channel = await channels(message.channelId);
    if (watched.has(channel.id)) return isTextChannel(channel.type) ? { kind: 'channel', channelId: channel.id } : null;
    if (!isThreadChannel(channel.type) || channel.parentId === null || !watched.has(channel.parentId)) return null;
    const parent = await channels(channel.parentId);
    return { kind: 'thread', threadId: channel.id, parentId: parent.id, name: channel.name, forum: isForumChannel(parent.type) };
  };

  const fieldsOf = (event: string, message: Message | PartialMessage): LogFields => ({ event, channelId: message.channelId, messageId: message.id });

  client.on(Events.Raw, (packet: { t?: unknown; d?: unknown }) => {
    const reason = malformedReason(packet);
    if (reason === undefined) return;
    logger.warn('discord: dropped a malformed gateway event', { event: String(packet.t), reason });
    defuseDispatch(packet);
  });
  client.on(Events.MessageCreate, (message) => {
    if (ignoreReason(message, client.user?.id) !== undefined) return;
    enqueue(message.channelId, fieldsOf('create', message), async () => {
      const placement = await placementOf(message);
      return placement === null ? null : createdEvent(message, placement);
    });
  });
  client.on(Events.MessageUpdate, (old, updated) => {
    if (ignoreReason(updated, client.user?.id) !== undefined) return;
    enqueue(updated.channelId, fieldsOf('update', updated), async () =>
      (await placementOf(updated)) === null ? null : editedEvent(old, updated));
  });
  client.on(Events.MessageDelete, (message) => {
    // An uncached message's author is unknown: pass it on and let the core match it, or not.
    if (!message.partial && ignoreReason(message, client.user?.id) !== undefined) return;
    enqueue(message.channelId, fieldsOf('delete', message), async () =>
      (await placementOf(message)) === null ? null : deletedEvent(message));
  });
  client.on(Events.Error, (error) => logger.error('discord: client error', { error }));
  client.on(Events.Warn, (message) => logger.warn('discord: client warning', { detail: message }));
  client.on(Events.ShardDisconnect, (event) => {
    problem = event.code === DISALLOWED_INTENTS ? INTENTS_HINT : `gateway closed for good (code ${event.code})`;
    logger.error('discord: gateway disconnected', { code: event.code, detail: problem });
  });
  client.on(Events.ShardReconnecting, () => logger.warn('discord: gateway reconnecting'));
  client.on(Events.ShardResume, (_id, replayed) => logger.info('discord: gateway resumed', { replayed }));
  client.rest.on('rateLimited', (limit) => logger.debug('discord: rate limited', { route: limit.route, retryAfterMs: limit.retryAfter }));

  return {
    platform: 'discord',
    delivery,
    routes: [],

    async start(inbound) {
      if (stopped) throw new HeimoError('NOT_CONNECTED', 'the Discord bot was stopped; create a new one');
      handler = inbound;
      const timeoutMs = config.readyTimeoutMs ?? 60_000;
      let timer: NodeJS.Timeout | undefined;
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([client.login(config.token).then(() => ready), timeout]);
        problem = undefined;
        logger.info('discord: connected', { user: client.user?.tag, guilds: client.guilds.cache.size });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        problem = /disallowed intents/i.test(reason) ? INTENTS_HINT : `login failed: ${reason}`;
        await client.destroy();
        client.rest.setToken(config.token);
        // A wrong token or a missing privileged intent will not fix itself: stop start-up instead of retrying.
        const refused = (error as { code?: unknown }).code === 'TokenInvalid' || (error as { status?: unknown }).status === 401 || problem === INTENTS_HINT;
        if (refused) throw new PlatformRejectedError('discord', problem, { context: { apiUrl: config.apiUrl } });
        throw new HeimoError('NOT_CONNECTED', `Discord ${problem}`, { context: { apiUrl: config.apiUrl } });
      } finally {
        clearTimeout(timer);
      }
    },

    async stop() {
      stopped = true;
      handler = undefined;
      await client.destroy();
    },

    health(): BotHealth {
      if (stopped) return { ok: false, detail: 'stopped' };
      if (!client.isReady()) return { ok: false, detail: problem ?? 'not connected yet' };
      const down = [...client.ws.shards.values()].find((shard) => shard.status !== Status.Ready);
      if (down !== undefined) return { ok: false, detail: problem ?? `gateway ${Status[down.status]}` };
      return { ok: true, detail: `connected as ${client.user.tag}, ${client.guilds.cache.size} server(s), ping ${client.ws.ping} ms` };
    },
  };
}
