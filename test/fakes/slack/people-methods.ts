import { channelOf, fail, type Method, page, str, truthy } from './api-helpers.ts';

/** A user group (`S...`) and its members, as usergroups.list answers with include_users. */
export interface FakeSlackUserGroup {
  id: string;
  handle?: string;
  users: string[];
}

/** An ephemeral message the bot showed one person (chat.postEphemeral). */
export interface FakeSlackEphemeral {
  channel: string;
  user: string;
  text: string;
  threadTs?: string;
}

/** The fake's people: user groups, channel members, ephemerals and direct-message channels. */
export interface FakeSlackPeople {
  groups: FakeSlackUserGroup[];
  /** Members per channel; a channel not listed has every known user as a member. */
  members: Map<string, string[]>;
  ephemerals: FakeSlackEphemeral[];
}

/** The direct-message channel conversations.open gives for a user. */
export const dmChannelOf = (userId: string): string => `D${userId}`;

const needs = (scope: string, scopes: Set<string>): Record<string, unknown> | undefined =>
  scopes.has(scope) ? undefined : { ok: false, error: 'missing_scope', needed: scope, provided: [...scopes].join(',') };

/** Methods about people and private answers, each requiring the scope Slack requires. */
export const peopleMethods: Record<string, Method> = {
  'usergroups.list': (params, context) => {
    const missing = needs('usergroups:read', context.scopes);
    if (missing !== undefined) return missing;
    const withUsers = truthy(params['include_users']);
    return { ok: true, usergroups: context.people.groups.map((group) => ({ id: group.id, handle: group.handle ?? group.id.toLowerCase(), ...(withUsers ? { users: group.users } : {}) })) };
  },

  'conversations.members': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    const members = context.people.members.get(channel) ?? [...context.store.users.keys()];
    const { slice, next } = page(members, params, 100);
    return { ok: true, members: slice, response_metadata: { next_cursor: next } };
  },

  'conversations.open': (params, context) => {
    const missing = needs('im:write', context.scopes);
    if (missing !== undefined) return missing;
    const users = str(params['users'])?.split(',') ?? [];
    const [user] = users;
    if (users.length !== 1 || user === undefined) return fail('users_list_not_supplied');
    if (!context.store.users.has(user)) return fail('user_not_found');
    return { ok: true, channel: { id: dmChannelOf(user) } };
  },

  'chat.postEphemeral': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    const user = str(params['user']);
    const text = str(params['text']);
    if (user === undefined || !context.store.users.has(user)) return fail('user_not_found');
    if (text === undefined && params['blocks'] === undefined) return fail('no_text');
    const members = context.people.members.get(channel);
    if (members !== undefined && !members.includes(user)) return fail('user_not_in_channel');
    const threadTs = str(params['thread_ts']);
    context.people.ephemerals.push({ channel, user, text: text ?? '', ...(threadTs === undefined ? {} : { threadTs }) });
    return { ok: true, message_ts: context.store.nextTs() };
  },
};
