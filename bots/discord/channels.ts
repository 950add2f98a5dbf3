import { ChannelType, type Client } from 'discord.js';
import type { DiscordApi } from './api.ts';

/** A forum's tag: its id (what a post's applied tags list) and the name people see. */
export interface ForumTag {
  id: string;
  name: string;
}

/** What the bot needs to know about a channel: its kind, parent, name and forum tags. */
export interface ChannelInfo {
  id: string;
  type: ChannelType;
  parentId: string | null;
  name: string;
  /** A forum post's applied tag ids; [] for other channels. */
  appliedTags: string[];
  /** A forum's tags; [] for other channels. */
  availableTags: ForumTag[];
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
        appliedTags: 'appliedTags' in cached ? [...cached.appliedTags] : [],
        availableTags: 'availableTags' in cached ? cached.availableTags.map(({ id, name }) => ({ id, name })) : [],
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
      appliedTags: 'applied_tags' in raw ? [...(raw.applied_tags ?? [])] : [],
      availableTags: 'available_tags' in raw ? (raw.available_tags ?? []).map(({ id, name }) => ({ id, name })) : [],
    };
    if (fetched.size >= REMEMBERED) fetched.delete(fetched.keys().next().value as string);
    fetched.set(id, info);
    return info;
  };
}

/** Names of the tags applied to a forum post, in the post's order; ids the forum no longer has are left out. */
export function appliedTagNames(post: Pick<ChannelInfo, 'appliedTags'>, forum: Pick<ChannelInfo, 'availableTags'>): string[] {
  const names = new Map(forum.availableTags.map((tag) => [tag.id, tag.name]));
  return post.appliedTags.flatMap((id) => {
    const name = names.get(id);
    return name === undefined ? [] : [name];
  });
}
