import type { webApi } from '@slack/bolt';
import type { Author, Logger } from '../../core/index.ts';
import { slackCall } from './errors.ts';

/** How long a looked-up profile is trusted; people rename themselves rarely. */
const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 5_000;

/** Looks up Slack users (users.info), remembering answers so a busy thread costs one call per person. */
export interface UserDirectory {
  author(userId: string): Promise<Author>;
  /** Display names for every id given; unknown ids are left out. */
  names(userIds: string[]): Promise<Map<string, string>>;
  /** The profile e-mail (needs the users:read.email scope); undefined when Slack does not tell it. */
  emailOf(userId: string): Promise<string | undefined>;
}

/** Creates the cached users.info directory. */
export function createUserDirectory(client: webApi.WebClient, logger: Logger, now: () => number = Date.now): UserDirectory {
  const cache = new Map<string, { author: Author; email: string | undefined; expires: number }>();

  const fetchUser = async (userId: string): Promise<{ author: Author; email: string | undefined }> => {
    const { user } = await slackCall('users.info', () => client.users.info({ user: userId }));
    const profile = user?.profile;
    const displayName = profile?.display_name || profile?.real_name || user?.real_name || user?.name || userId;
    const avatarUrl = profile?.image_72;
    return { author: { platformUserId: userId, displayName, isBot: user?.is_bot === true, ...(avatarUrl ? { avatarUrl } : {}) }, email: profile?.email || undefined };
  };

  const lookUp = async (userId: string): Promise<{ author: Author; email: string | undefined }> => {
    const hit = cache.get(userId);
    if (hit !== undefined && hit.expires > now()) return hit;
    try {
      const found = await fetchUser(userId);
      // A Map keeps insertion order: dropping the first key evicts the oldest entry.
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value ?? '');
      cache.set(userId, { ...found, expires: now() + TTL_MS });
      return found;
    } catch (error) {
      // A stale name beats no message at all; the raw id is the last resort.
      logger.warn('slack users.info failed; using what is known', { userId, error });
      return hit ?? { author: { platformUserId: userId, displayName: userId, isBot: false }, email: undefined };
    }
  };

  const author = async (userId: string): Promise<Author> => (await lookUp(userId)).author;

  return {
    author,
    emailOf: async (userId) => (await lookUp(userId)).email,
    async names(userIds) {
      const unique = [...new Set(userIds)];
      const authors = await Promise.all(unique.map((id) => author(id)));
      return new Map(authors.filter((found) => found.displayName !== found.platformUserId).map((found) => [found.platformUserId, found.displayName]));
    },
  };
}
