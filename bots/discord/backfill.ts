import { Events, type Client, type Message } from 'discord.js';
import type { BackfillPlan, BackfillReport, InboundHandler, Logger } from '../../core/index.ts';
import { appliedTagNames, isForumChannel, isTextChannel, type ChannelLookup } from './channels.ts';
import { createdEvent, ignoreReason, roleIdsOf, type Placement } from './parse.ts';

/** What reading Discord's history needs: a logged-in client and the channels Heimo watches. */
export interface DiscordBackfillConfig {
  client: Client;
  channels: ChannelLookup;
  watched: ReadonlySet<string>;
  logger: Logger;
  /** When this bot last lost its gateway connection (or was created): what it stored since is the new session's. */
  connectionLostAt: () => Date;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
const PAGE = 100;

// The smallest snowflake of a moment: `after` it means "written at or after then".
const snowflakeAt = (date: Date): bigint => (BigInt(date.getTime()) - DISCORD_EPOCH) << 22n;
const later = (a: bigint, b: string | null): bigint => (b !== null && /^\d+$/.test(b) && BigInt(b) > a ? BigInt(b) : a);
const byId = (a: Message, b: Message): number => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);

async function ready(client: Client, timeoutMs = 60_000): Promise<void> {
  if (client.isReady()) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Discord client not ready after ${timeoutMs} ms`)), timeoutMs);
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// History read over REST carries no member: ask for the author's roles, which routing's tiers and
// the community's staff roles read (discord.js answers from its member cache when it can).
async function authorRoles(message: Message): Promise<{ authorRoleIds?: string[] }> {
  try {
    const member = await message.guild?.members.fetch(message.author.id);
    return member === undefined ? {} : { authorRoleIds: roleIdsOf(member) };
  } catch {
    // Someone who left the server has no roles to tell: the message goes on without them.
    return {};
  }
}

/**
 * Reads what was written in the watched channels and their active threads (forum posts included)
 * after the newest message Heimo saw there, oldest first, and hands each message to the core as
 * if it had just arrived, marked with when it was written. The core dedupes by message id, so
 * reading a message the live gateway also delivered relays it once.
 */
export async function backfillDiscord(config: DiscordBackfillConfig, plan: BackfillPlan, handler: InboundHandler): Promise<BackfillReport> {
  const { client, logger } = config;
  await ready(client);
  const report: BackfillReport = { read: 0, relayed: 0 };

  const read = async (channelId: string, parentId: string, placement: Placement): Promise<void> => {
    const channel = await client.channels.fetch(channelId);
    if (channel === null || !('messages' in channel)) return;
    const floor = snowflakeAt(await plan.notBefore('discord', parentId));
    let after = later(floor, await plan.lastSeen({ platform: 'discord', channelId, storedBefore: config.connectionLostAt() }));
    for (;;) {
      const page = [...(await channel.messages.fetch({ after: after.toString(), limit: PAGE, cache: false })).values()].sort(byId);
      for (const message of page) {
        after = BigInt(message.id);
        report.read += 1;
        if (ignoreReason(message, client.user?.id) !== undefined) continue;
        const created = createdEvent(message, placement);
        if (created.type !== 'question.asked' && created.type !== 'message.posted') continue;
        const event = created.authorRoleIds === undefined ? { ...created, ...(await authorRoles(message)) } : created;
        const outcome = await handler({ ...event, writtenAt: message.createdAt.toISOString() });
        if (outcome.status === 'accepted') report.relayed += 1;
      }
      if (page.length < PAGE) return;
    }
  };

  // One channel that cannot be read (permissions, deleted) must not keep the others from being read.
  const guarded = async (channelId: string, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      logger.warn('discord: could not read history; messages written there while Heimo was offline are not relayed', { channelId, error });
    }
  };

  for (const channelId of config.watched) {
    await guarded(channelId, async () => {
      const info = await config.channels(channelId);
      if (isTextChannel(info.type)) await read(channelId, channelId, { kind: 'channel', channelId });
    });
  }
  for (const guild of client.guilds.cache.values()) {
    let threads: Message['channel'][] = [];
    await guarded(guild.id, async () => {
      threads = [...(await guild.channels.fetchActiveThreads()).threads.values()];
    });
    const watchedThreads = threads
      .flatMap((thread) => ('parentId' in thread && thread.parentId !== null && config.watched.has(thread.parentId) ? [{ thread, parentId: thread.parentId }] : []))
      .sort((a, b) => (BigInt(a.thread.id) < BigInt(b.thread.id) ? -1 : 1));
    for (const { thread, parentId } of watchedThreads) {
      await guarded(thread.id, async () => {
        const parent = await config.channels(parentId);
        const name = 'name' in thread ? (thread.name ?? '') : '';
        const forum = isForumChannel(parent.type);
        const tags = forum ? appliedTagNames(await config.channels(thread.id), parent) : [];
        await read(thread.id, parentId, { kind: 'thread', threadId: thread.id, parentId, name, forum, tags });
      });
    }
  }
  return report;
}
