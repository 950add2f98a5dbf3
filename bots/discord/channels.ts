import { ChannelType, type Client } from 'discord.js';
import type { DiscordApi } from './api.ts';

/** What the bot needs to know about a channel: its kind, parent and name. */
export interface ChannelInfo {
  id: string;
  type: ChannelType;
  parentId: string | null;
  name: string;
}

/** Looks a channel up, gateway cache first, then REST. */
export type ChannelLookup = (id: string) => Promise<ChannelInfo>;

const REMEMBERED = 5_000;

/** True for channels that hold messages directly, where a question becomes a new thread. */
export function isTextChannel(type: ChannelType): boolean {
  return type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement;
}

/** True for forum-like channels whose posts are threads. */
export function isForumChannel(type: ChannelType): boolean {
  return type === ChannelType.GuildForum || type === ChannelType.GuildMedia;
}

/** True for thread channels. */
export function isThreadChannel(type: ChannelType): boolean {
  return type === ChannelType.PublicThread || type === ChannelType.PrivateThread || type === ChannelType.AnnouncementThread;
}

/** Creates a lookup that remembers REST answers: a thread's type and parent never change. */
export function createChannelLookup(client: Client, api: DiscordApi): ChannelLookup {
  const fetched = new Map<string, ChannelInfo>();
  return async (id) => {
    const cached = client.channels.cache.get(id);
    if (cached !== undefined && !cached.partial) {
      return {
        id,
        type: cached.type,
        parentId: 'parentId' in cached ? (cached.parentId ?? null) : null,
        name: 'name' in cached ? (cached.name ?? '') : '',
      };
    }
    const known = fetched.get(id);
    if (known !== undefined) return known;
    const raw = await api.channel(id);
    const info: ChannelInfo = {
      id,
      type: raw.type,
      parentId: 'parent_id' in raw ? (raw.parent_id ?? null) : null,
      name: 'name' in raw ? (raw.name ?? '') : '',
    };
    if (fetched.size >= REMEMBERED) fetched.delete(fetched.keys().next().value as string);
    fetched.set(id, info);
    return info;
  };
}
