import {
  Client,
  Events,
  GatewayIntentBits,
  Partials,
  Routes,
  Status,
  type APIUser,
  type Message,
  type MessageReaction,
  type PartialMessage,
  type PartialMessageReaction,
  type PartialUser,
  type User,
} from 'discord.js';
import {
  type Bot,
  type BotHealth,
  type CustomerDelivery,
  HeimoError,
  type InboundEvent,
  type InboundHandler,
  type LogFields,
  PlatformRejectedError,
  recordRejectedInput,
} from '../../core/index.ts';
import { createDiscordApi } from './api.ts';
import { backfillDiscord } from './backfill.ts';
import { appliedTagNames, createChannelLookup, isForumChannel, isTextChannel, isThreadChannel } from './channels.ts';
import type { DiscordBotConfig } from './config.ts';
import { createDiscordDelivery } from './delivery.ts';
import { createInboundChains } from './inbound-chains.ts';
import { defuseDispatch, idsOf, malformedReason, superviseDispatches, type Packet } from './gateway-guard.ts';
import { createdEvent, deletedEvent, editedEvent, ignoreReason, reactionEvent, reactionIgnoreReason, reactionsClearedEvent, type Placement } from './parse.ts';
import { createWebhookCache } from './webhooks.ts';
import { createInteractionHandler, type InteractionHandler } from './interactions.ts';
import { registerGuildCommands } from './register-commands.ts';
import { createStatusDelivery } from './status.ts';
import { createSuggestionDelivery } from './suggestions.ts';

// Waits up to this long are paced by @discordjs/rest; longer ones go back to the outbox worker.
const PACE_LIMIT_MS = 1_000;
const DISALLOWED_INTENTS = 4014;
const INTENTS_HINT = 'Discord refused the privileged intents: enable the Message Content intent for the bot in the developer portal';

/** Creates the Discord bot: gateway events in, webhook/bot posts out. */
export function createDiscordBot(config: DiscordBotConfig): Bot<CustomerDelivery> {
  const logger = config.logger;
  const watched: ReadonlySet<string> = Array.isArray(config.watchedChannelIds) ? new Set(config.watchedChannelIds) : config.watchedChannelIds;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.GuildMessageReactions],
    // Reaction events on messages or by users discord.js has not cached are only emitted with these partials
    // (a removal carries just the user's id). GuildMember is not needed: an add's member payload is cached as is.
    partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User],
    allowedMentions: { parse: [] },
    // retries: 0 because the outbox worker owns retries; an SDK retry of a webhook post could double it.
    rest: { api: config.apiUrl, retries: 0, rejectOnRateLimit: (limit) => limit.retryAfter > PACE_LIMIT_MS },
    ...(config.shard === undefined ? {} : { shards: [config.shard.id], shardCount: config.shard.count }),
  });
  const gateway = config.gateway ?? true;
  // A REST-only bot never logs in: it learns its own id from the token check in start().
  let restUserId: string | undefined;
  client.rest.setToken(config.token);
  const api = createDiscordApi(client.rest);
  const channels = createChannelLookup(client, api);
  const webhooks = createWebhookCache({ api, name: config.webhookName ?? 'Heimo', logger });
  // Attachments live on Discord's CDN; the API host is allowed too so a stand-in (tests, a proxy) can serve them.
  const fileHosts = new Set(['cdn.discordapp.com', 'media.discordapp.net', new URL(config.apiUrl).host]);
  const botUserId = (): string | undefined => client.user?.id ?? restUserId;
  const delivery = {
    ...createDiscordDelivery({ api, webhooks, channels, botUserId, logger, fileHosts }),
    ...createStatusDelivery({ api, botUserId, logger }),
    ...createSuggestionDelivery({ api, botUserId }),
  };
  let interactions: InteractionHandler | undefined;

  let handler: InboundHandler | undefined;
  let stopped = false;
  let problem: string | undefined;
  // One chain per channel keeps a message's create, edit and delete in order; an event the core
  // could not store is held there and tried again (Discord never redelivers).
  const chains = createInboundChains({ logger, handler: () => handler, ...config.inboundRetry });
  const enqueue = (channelId: string, fields: LogFields, task: () => Promise<InboundEvent | null>): void => {
    chains.run(channelId, fields, task);
  };

  const placementOf = async (message: Message | PartialMessage): Promise<Placement | null> => {
    const channel = await channels(message.channelId);
    if (watched.has(channel.id)) return isTextChannel(channel.type) ? { kind: 'channel', channelId: channel.id } : null;
    if (!isThreadChannel(channel.type) || channel.parentId === null || !watched.has(channel.parentId)) return null;
    const parent = await channels(channel.parentId);
    const forum = isForumChannel(parent.type);
    return { kind: 'thread', threadId: channel.id, parentId: parent.id, name: channel.name, forum, tags: forum ? appliedTagNames(channel, parent) : [] };
  };

  const fieldsOf = (event: string, message: Message | PartialMessage): LogFields => ({ event, channelId: message.channelId, messageId: message.id });

  // A removal by a user discord.js has not seen yet names only the id: ask Discord whether it is a bot.
  const isBotUser = async (user: User | PartialUser, fields: LogFields): Promise<boolean> => {
    if (!user.partial) return user.bot;
    try {
      return (await user.fetch()).bot;
    } catch (error) {
      // Passing a bot's removal on costs little: the core has no reaction of theirs to remove.
      logger.warn('discord: could not look up who removed a reaction; passing it on', { ...fields, error });
      return false;
    }
  };

  const onReaction = (added: boolean) => (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser): void => {
    const { message } = reaction;
    const fields: LogFields = { ...fieldsOf(added ? 'reaction add' : 'reaction remove', message), userId: user.id };
    const reason = reactionIgnoreReason(reaction, user, client.user?.id);
    if (reason !== undefined) {
      logger.debug('discord: reaction ignored', { ...fields, reason, emojiId: reaction.emoji.id });
      return;
    }
    // The message's chain: a reaction reaches the core after the message it is on.
    enqueue(message.channelId, fields, async () => {
      const placement = await placementOf(message);
      if (placement === null || (await isBotUser(user, fields))) return null;
      return reactionEvent(reaction, user, added, placement);
    });
  };

  // Malformed dispatches are skipped, never fatal: checked against what discord.js reads before
  // its handlers run, and any throw inside a handler is contained. Ids are logged, never content.
  client.on(Events.Raw, (packet: Packet) => {
    // Before the guard: a malformed interaction with a token still gets an answer.
    interactions?.onDispatch(packet.t, packet.d);
    const reason = malformedReason(packet);
    if (reason === undefined) return;
    logger.warn('discord: dropped a malformed gateway event', { event: String(packet.t), reason, ...idsOf(packet) });
    recordRejectedInput({ platform: 'discord', reason: `${String(packet.t)} ${reason}` });
    defuseDispatch(packet);
  });
  superviseDispatches(client, (packet, error) => {
    const name = error instanceof Error ? error.name : typeof error;
    const code = (error as { code?: unknown } | null)?.code;
    logger.warn('discord: dropped a malformed gateway event its handler could not parse', { event: String(packet.t), reason: 'handler threw', errorName: name, ...(typeof code === 'string' ? { errorCode: code } : {}), ...idsOf(packet) });
    recordRejectedInput({ platform: 'discord', reason: `${String(packet.t)} handler threw` });
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
    enqueue(updated.channelId, fieldsOf('update', updated), async () => {
      const placement = await placementOf(updated);
      return placement === null ? null : editedEvent(old, updated, placement);
    });
  });
  client.on(Events.MessageDelete, (message) => {
    // An uncached message's author is unknown: pass it on and let the core match it, or not.
    if (!message.partial && ignoreReason(message, client.user?.id) !== undefined) return;
    enqueue(message.channelId, fieldsOf('delete', message), async () => {
      const placement = await placementOf(message);
      return placement === null ? null : deletedEvent(message, placement);
    });
  });
  client.on(Events.MessageReactionAdd, onReaction(true));
  client.on(Events.MessageReactionRemove, onReaction(false));
  // A moderator's "remove all reactions" / "remove this emoji" sends no per-person removals.
  client.on(Events.MessageReactionRemoveAll, (message) => {
    enqueue(message.channelId, fieldsOf('reactions cleared', message), async () => {
      const placement = await placementOf(message);
      return placement === null ? null : reactionsClearedEvent(message, placement);
    });
  });
  client.on(Events.MessageReactionRemoveEmoji, (reaction) => {
    const { message, emoji } = reaction;
    // Custom emoji were never mirrored.
    if (emoji.id !== null || emoji.name === null) return;
    const name = emoji.name;
    enqueue(message.channelId, fieldsOf('reaction emoji cleared', message), async () => {
      const placement = await placementOf(message);
      return placement === null ? null : reactionsClearedEvent(message, placement, name);
    });
  });
  // Messages stored before this are the old session's: a catch-up resumes after the newest of them,
  // whatever the new session stores before the catch-up reaches a channel.
  let connectionLostAt = new Date();
  client.on(Events.Error, (error) => logger.error('discord: client error', { error }));
  client.on(Events.Warn, (message) => logger.warn('discord: client warning', { detail: message }));
  client.on(Events.ShardDisconnect, (event) => {
    connectionLostAt = new Date();
    problem = event.code === DISALLOWED_INTENTS ? INTENTS_HINT : `gateway closed for good (code ${event.code})`;
    logger.error('discord: gateway disconnected', { code: event.code, detail: problem });
  });
  client.on(Events.ShardReconnecting, () => {
    connectionLostAt = new Date();
    logger.warn('discord: gateway reconnecting');
  });
  client.on(Events.ShardResume, (_id, replayed) => logger.info('discord: gateway resumed', { replayed }));
  // READY after IDENTIFY (a first login, or a session Discord would not resume): what came meanwhile is lost to the gateway.
  client.on(Events.ShardReady, (shardId) => {
    logger.info('discord: gateway session started', { shardId });
    config.onNewSession?.();
  });
  client.rest.on('rateLimited', (limit) => logger.debug('discord: rate limited', { route: limit.route, retryAfterMs: limit.retryAfter }));

  const checkToken = async (): Promise<void> => {
    try {
      restUserId = ((await client.rest.get(Routes.user('@me'))) as APIUser).id;
      problem = undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problem = `token check failed: ${reason}`;
      if ((error as { status?: unknown }).status === 401) throw new PlatformRejectedError('discord', problem, { context: { apiUrl: config.apiUrl } });
      throw new HeimoError('NOT_CONNECTED', `Discord ${problem}`, { context: { apiUrl: config.apiUrl } });
    }
  };

  return {
    platform: 'discord',
    delivery,
    routes: [],

    async start(inbound, commands) {
      if (stopped) throw new HeimoError('NOT_CONNECTED', 'the Discord bot was stopped; create a new one');
      handler = inbound;
      if (!gateway) return checkToken();
      if (commands !== undefined) interactions = createInteractionHandler({ api, commands, logger, ...(config.deferAfterMs === undefined ? {} : { deferAfterMs: config.deferAfterMs }) });
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
        // One shard registers for all: a bulk overwrite per guild, the same from any shard.
        if (commands !== undefined && config.registerCommands === true && (config.shard?.id ?? 0) === 0) {
          const guildIds = config.commandGuildIds?.() ?? [...client.guilds.cache.keys()];
          // Relaying does not need commands: a refusal (no applications.commands scope) is logged, not fatal.
          await registerGuildCommands({ api, applicationId: client.application?.id ?? client.user?.id ?? '', guildIds, commands, logger })
            .catch((error: unknown) => logger.error('discord: could not register the commands', { error }));
        }
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
      chains.stop();
      handler = undefined;
      await client.destroy();
    },

    backfill: (plan, inbound) => backfillDiscord({ client, channels, watched, logger, connectionLostAt: () => connectionLostAt }, plan, inbound),

    health(): BotHealth {
      if (stopped) return { ok: false, detail: 'stopped' };
      if (!gateway) return restUserId === undefined ? { ok: false, detail: problem ?? 'not checked yet' } : { ok: true, detail: `REST only, as ${restUserId}` };
      if (!client.isReady()) return { ok: false, detail: problem ?? 'not connected yet' };
      const down = [...client.ws.shards.values()].find((shard) => shard.status !== Status.Ready);
      if (down !== undefined) return { ok: false, detail: problem ?? `gateway ${Status[down.status]}` };
      return { ok: true, detail: `connected as ${client.user.tag}, ${client.guilds.cache.size} server(s), ping ${client.ws.ping} ms` };
    },
  };
}
