import { channelOf, fail, type Answer, type Method, page, type Params, str, truthy, type WebApiContext } from './api-helpers.ts';
import { type FakeSlackMessage, toApiMessage } from './store.ts';

// One page of messages as conversations.replies and conversations.history both answer it.
function messagePage(messages: FakeSlackMessage[], params: Params, context: WebApiContext, fallbackLimit: number): Answer {
  const { slice, next } = page(messages, params, fallbackLimit);
  const withMetadata = truthy(params['include_all_metadata']);
  return {
    ok: true,
    messages: slice.map((message) => toApiMessage(message, context.store, withMetadata)),
    has_more: next !== '',
    response_metadata: { next_cursor: next },
  };
}

/** Methods that only read: identity, threads, history, people, permalinks. */
export const readMethods: Record<string, Method> = {
  'auth.test': (_params, { identity }) => ({
    ok: true,
    url: 'https://heimo-fake.slack.com/',
    team: 'Heimo Fake',
    user: 'heimo',
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
    is_enterprise_install: false,
  }),

  'conversations.replies': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    const thread = context.store.thread(channel, str(params['ts']) ?? '');
    if (thread.length === 0) return fail('thread_not_found');
    // As Slack does: `oldest`/`latest` bound the replies (exclusive unless `inclusive`), and the parent comes first regardless.
    const [parent, ...replies] = thread;
    const oldest = Number(str(params['oldest']) ?? '0');
    const latest = Number(str(params['latest']) ?? 'Infinity');
    const inclusive = truthy(params['inclusive']);
    const within = replies.filter((reply) => {
      const ts = Number(reply.ts);
      return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
    });
    return messagePage(parent === undefined ? within : [parent, ...within], params, context, 1000);
  },

  'conversations.history': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    return messagePage(context.store.history(channel), params, context, 100);
  },

  // Slack needs channels:read for public and groups:read for private channels; the fake's are public.
  'conversations.info': (params, context) => {
    if (!context.scopes.has('channels:read')) return { ok: false, error: 'missing_scope', needed: 'channels:read', provided: [...context.scopes].join(',') };
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    return {
      ok: true,
      channel: { id: channel, name: `channel-${channel.toLowerCase()}`, is_channel: true, is_private: false, is_archived: false, is_member: !context.outside.has(channel) },
    };
  },

  'users.info': (params, { store, scopes }) => {
    const user = store.users.get(str(params['user']) ?? '');
    if (user === undefined) return fail('user_not_found');
    return {
      ok: true,
      user: {
        id: user.id,
        name: user.name ?? user.id.toLowerCase(),
        real_name: user.realName ?? '',
        is_bot: user.isBot ?? false,
        profile: {
          real_name: user.realName ?? '', display_name: user.displayName ?? '', image_72: user.image72 ?? '',
          ...(user.email !== undefined && scopes.has('users:read.email') ? { email: user.email } : {}),
        },
        ...(truthy(params['include_locale']) && user.locale !== undefined ? { locale: user.locale } : {}),
      },
    };
  },

  'chat.getPermalink': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    const ts = str(params['message_ts']) ?? '';
    if (context.store.find(channel, ts) === undefined) return fail('message_not_found');
    return { ok: true, channel, permalink: `https://heimo-fake.slack.com/archives/${channel}/p${ts.replace('.', '')}` };
  },
};
