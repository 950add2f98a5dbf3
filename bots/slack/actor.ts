import type { webApi } from '@slack/bolt';
import type { InvokingPerson, Logger } from '../../core/index.ts';
import { slackCall } from './errors.ts';

/** How long user groups and channel members are trusted: a revoked role stops working within a minute. */
const MEMBERSHIP_TTL_MS = 60_000;
/** How long a person's name and locale are trusted. */
const PROFILE_TTL_MS = 10 * 60_000;
const MAX_PROFILES = 5_000;
// conversations.members pages: a staff channel of more than 5,000 members is read only this far.
const MEMBER_PAGES = 5;

/** Finds who is running a command: name and locale, user groups, and the channel's membership. */
export interface ActorDirectory {
  /** The person as the command runner sees them; `channelId` is where they ran it (counted only when they are a member). */
  person(userId: string, channelId: string, fallbackName?: string): Promise<InvokingPerson>;
}

type Cached<T> = { value: T; expires: number };

/**
 * Creates the cached directory. Lookups that fail leave the person with less (no groups, no
 * channel): a command then answers "denied" rather than running with privileges nobody confirmed.
 */
export function createActorDirectory(client: webApi.WebClient, logger: Logger, now: () => number = Date.now): ActorDirectory {
  let groups: Cached<Map<string, string[]>> | undefined;
  let loadingGroups: Promise<Map<string, string[]>> | undefined;
  const members = new Map<string, Cached<Set<string>>>();
  const profiles = new Map<string, Cached<{ displayName: string; locale?: string }>>();

  // One usergroups.list for everyone (include_users): user -> the groups they are in.
  const userGroups = async (): Promise<Map<string, string[]>> => {
    if (groups !== undefined && groups.expires > now()) return groups.value;
    loadingGroups ??= slackCall('usergroups.list', () => client.usergroups.list({ include_users: true }))
      .then((result) => {
        const byUser = new Map<string, string[]>();
        for (const group of result.usergroups ?? []) {
          if (group.id === undefined) continue;
          for (const user of group.users ?? []) byUser.set(user, [...(byUser.get(user) ?? []), group.id]);
        }
        groups = { value: byUser, expires: now() + MEMBERSHIP_TTL_MS };
        return byUser;
      })
      .finally(() => (loadingGroups = undefined));
    return loadingGroups;
  };

  const channelMembers = async (channel: string): Promise<Set<string>> => {
    const hit = members.get(channel);
    if (hit !== undefined && hit.expires > now()) return hit.value;
    const found = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MEMBER_PAGES; page += 1) {
      const result = await slackCall('conversations.members', () => client.conversations.members({ channel, limit: 1_000, ...(cursor === undefined ? {} : { cursor }) }));
      for (const member of result.members ?? []) found.add(member);
      cursor = result.response_metadata?.next_cursor || undefined;
      if (cursor === undefined) break;
    }
    members.set(channel, { value: found, expires: now() + MEMBERSHIP_TTL_MS });
    return found;
  };

  const profile = async (userId: string, fallbackName: string): Promise<{ displayName: string; locale?: string }> => {
    const hit = profiles.get(userId);
    if (hit !== undefined && hit.expires > now()) return hit.value;
    const { user } = await slackCall('users.info', () => client.users.info({ user: userId, include_locale: true }));
    const displayName = user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name || fallbackName;
    const value = { displayName, ...(user?.locale ? { locale: user.locale } : {}) };
    if (profiles.size >= MAX_PROFILES) profiles.delete(profiles.keys().next().value ?? '');
    profiles.set(userId, { value, expires: now() + PROFILE_TTL_MS });
    return value;
  };

  const settle = async <T>(what: string, lookup: Promise<T>, fallback: T, fields: Record<string, unknown>): Promise<T> => {
    try {
      return await lookup;
    } catch (error) {
      logger.warn(`slack ${what} lookup failed; the command runs without it`, { ...fields, error });
      return fallback;
    }
  };

  return {
    async person(userId, channelId, fallbackName) {
      const fields = { userId, channelId };
      const [found, byUser, inChannel] = await Promise.all([
        settle('profile', profile(userId, fallbackName ?? userId), { displayName: fallbackName ?? userId }, fields),
        settle('user group', userGroups(), new Map<string, string[]>(), fields),
        settle('channel member', channelMembers(channelId).then((set) => set.has(userId)), false, fields),
      ]);
      return {
        userId,
        displayName: found.displayName,
        userGroupIds: byUser.get(userId) ?? [],
        // Staff by channel: only the channel the command came from, and only once Slack confirms membership.
        channelIds: inChannel ? [channelId] : [],
        ...(found.locale === undefined ? {} : { locale: found.locale }),
      };
    },
  };
}
