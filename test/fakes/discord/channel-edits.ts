import { ApiError, type Route } from './rest-routes.ts';
import { snowflake, type FakeForumTag, type FakeWorld } from './state.ts';

/** Permissions the bot may lack for editing channels; both held unless a test takes them away. */
export interface ChannelEditPermissions {
  /** Editing a forum's tags edits the channel. */
  manageChannels: boolean;
  /** Changing the tags of a post the bot does not own. */
  manageThreads: boolean;
}

/** Discord's limit on a forum's available tags. */
export const MAX_FORUM_TAGS = 20;
/** Discord's limit on the tags applied to one post. */
export const MAX_APPLIED_TAGS = 5;

const invalid = (what: string): never => {
  throw new ApiError(400, 50035, `Invalid Form Body (${what})`);
};
const missing = (): never => {
  throw new ApiError(403, 50013, 'Missing Permissions');
};

/** PATCH /channels/:id for a forum's available_tags and a post's applied_tags, with Discord's limits. */
export function createChannelEditRoutes(world: FakeWorld, dispatch: (t: string, d: unknown) => void, permissions: ChannelEditPermissions): Route[] {
  return [{
    method: 'PATCH', pattern: /^\/channels\/([^/]+)$/, bucket: 'PATCH /channels/:cid', auth: true,
    handler: ({ params, body }) => {
      const channel = world.channels.get(params[0] ?? '') ?? (() => { throw new ApiError(404, 10003, 'Unknown Channel'); })();
      if (Array.isArray(body['available_tags'])) {
        if (channel.type !== 15) invalid('available_tags: only forum channels have tags');
        if (!permissions.manageChannels) missing();
        const given = body['available_tags'] as Array<Partial<FakeForumTag>>;
        if (given.length > MAX_FORUM_TAGS) invalid(`available_tags: Must be ${MAX_FORUM_TAGS} or fewer in length.`);
        const known = new Map((channel.available_tags ?? []).map((tag) => [tag.id, tag]));
        channel.available_tags = given.map((tag, index) => {
          const name = typeof tag.name === 'string' ? tag.name : '';
          if (name.length < 1 || name.length > 20) invalid(`available_tags.${index}.name: Must be between 1 and 20 in length.`);
          // A tag named by id keeps it; one without an id is new. Tags left out are removed.
          const id = tag.id !== undefined && known.has(tag.id) ? tag.id : snowflake();
          return { id, name, moderated: tag.moderated === true, emoji_id: tag.emoji_id ?? null, emoji_name: tag.emoji_name ?? null };
        });
        dispatch('CHANNEL_UPDATE', channel);
      }
      if (Array.isArray(body['applied_tags'])) {
        const parent = world.channels.get(channel.parent_id ?? '');
        if (channel.type !== 11 || parent?.type !== 15) invalid('applied_tags: only forum posts have tags');
        if (channel.owner_id !== world.botUser.id && !permissions.manageThreads) missing();
        const ids = (body['applied_tags'] as unknown[]).map(String);
        if (ids.length > MAX_APPLIED_TAGS) invalid(`applied_tags: Must be ${MAX_APPLIED_TAGS} or fewer in length.`);
        const available = new Set((parent?.available_tags ?? []).map((tag) => tag.id));
        ids.forEach((id, index) => available.has(id) || invalid(`applied_tags.${index}: Unknown tag`));
        channel.applied_tags = ids;
        dispatch('THREAD_UPDATE', channel);
      }
      return { status: 200, body: channel };
    },
  }];
}
