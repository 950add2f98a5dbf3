import { type FakeSlackMessage, type FakeSlackMetadata, type FakeSlackStore, toApiMessage } from './store.ts';

/** Who the fake says the bot is (auth.test) and what its posts carry. */
export interface FakeSlackIdentity {
  teamId: string;
  botUserId: string;
  botId: string;
  appId: string;
}

/** What the method handlers need besides the arguments. */
export interface WebApiContext {
  store: FakeSlackStore;
  identity: FakeSlackIdentity;
  /** When set, any other channel is `channel_not_found`. */
  channels: Set<string> | undefined;
  onPosted(message: FakeSlackMessage): void;
  onUpdated(before: Record<string, unknown>, after: FakeSlackMessage): void;
  onDeleted(before: Record<string, unknown>): void;
}

type Params = Record<string, unknown>;
type Answer = Record<string, unknown>;
type Method = (params: Params, context: WebApiContext) => Answer;

const fail = (error: string): Answer => ({ ok: false, error });
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const truthy = (value: unknown): boolean => value === true || value === 'true' || value === '1';

// WebClient form-encodes nested arguments as JSON strings; JSON bodies send them as they are.
function json<T>(value: unknown): T | undefined {
  if (typeof value !== 'string') return value as T | undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

function page<T>(items: T[], params: Params, fallbackLimit: number): { slice: T[]; next: string } {
  const offset = Number(str(params['cursor']) ?? 0) || 0;
  const limit = Number(params['limit'] ?? fallbackLimit) || fallbackLimit;
  const slice = items.slice(offset, offset + limit);
  return { slice, next: offset + limit < items.length ? String(offset + limit) : '' };
}

function channelOf(params: Params, context: WebApiContext): string | Answer {
  const channel = str(params['channel']);
  if (channel === undefined) return fail('channel_not_found');
  if (context.channels !== undefined && !context.channels.has(channel)) return fail('channel_not_found');
  return channel;
}

function applyContent(message: FakeSlackMessage, params: Params): void {
  const text = params['text'];
  if (typeof text === 'string') message.text = text;
  const blocks = json<unknown[]>(params['blocks']);
  if (blocks !== undefined) message.blocks = blocks;
  const metadata = json<FakeSlackMetadata>(params['metadata']);
  if (metadata !== undefined) message.metadata = metadata;
}

const methods: Record<string, Method> = {
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

  'chat.postMessage': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    if (str(params['text']) === undefined && params['blocks'] === undefined) return fail('no_text');
    const threadTs = str(params['thread_ts']);
    if (threadTs !== undefined && context.store.find(channel, threadTs) === undefined) return fail('thread_not_found');
    const message: FakeSlackMessage = {
      channel,
      ts: context.store.nextTs(),
      user: context.identity.botUserId,
      botId: context.identity.botId,
      appId: context.identity.appId,
      text: '',
      reactions: [],
      sent: params,
      ...(threadTs === undefined ? {} : { threadTs }),
      ...(str(params['username']) === undefined ? {} : { username: String(params['username']) }),
      ...(str(params['icon_url']) === undefined ? {} : { iconUrl: String(params['icon_url']) }),
    };
    applyContent(message, params);
    context.store.messages.push(message);
    context.onPosted(message);
    return { ok: true, channel, ts: message.ts, message: toApiMessage(message, context.store, false) };
  },

  'chat.update': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    const message = context.store.find(channel, str(params['ts']) ?? '');
    if (message === undefined) return fail('message_not_found');
    if (message.botId !== context.identity.botId) return fail('cant_update_message');
    const before = toApiMessage(message, context.store, true);
    applyContent(message, params);
    message.sent = params;
    message.editedTs = context.store.nextTs();
    context.onUpdated(before, message);
    return { ok: true, channel, ts: message.ts, text: message.text, message: toApiMessage(message, context.store, false) };
  },

  'chat.delete': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    const existing = context.store.find(channel, str(params['ts']) ?? '');
    if (existing === undefined) return fail('message_not_found');
    if (existing.botId !== context.identity.botId) return fail('cant_delete_message');
    const before = toApiMessage(existing, context.store, true);
    context.store.remove(channel, existing.ts);
    context.onDeleted(before);
    return { ok: true, channel, ts: existing.ts };
  },

  'conversations.replies': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    const thread = context.store.thread(channel, str(params['ts']) ?? '');
    if (thread.length === 0) return fail('thread_not_found');
    const { slice, next } = page(thread, params, 1000);
    const withMetadata = truthy(params['include_all_metadata']);
    return {
      ok: true,
      messages: slice.map((message) => toApiMessage(message, context.store, withMetadata)),
      has_more: next !== '',
      response_metadata: { next_cursor: next },
    };
  },

  'conversations.history': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    const { slice, next } = page(context.store.history(channel), params, 100);
    const withMetadata = truthy(params['include_all_metadata']);
    return {
      ok: true,
      messages: slice.map((message) => toApiMessage(message, context.store, withMetadata)),
      has_more: next !== '',
      response_metadata: { next_cursor: next },
    };
  },

  'users.info': (params, { store }) => {
    const user = store.users.get(str(params['user']) ?? '');
    if (user === undefined) return fail('user_not_found');
    return {
      ok: true,
      user: {
        id: user.id,
        name: user.name ?? user.id.toLowerCase(),
        real_name: user.realName ?? '',
        is_bot: user.isBot ?? false,
        profile: { real_name: user.realName ?? '', display_name: user.displayName ?? '', image_72: user.image72 ?? '' },
      },
    };
  },

  'reactions.add': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    const message = context.store.find(channel, str(params['timestamp']) ?? '');
    if (message === undefined) return fail('message_not_found');
    const name = str(params['name']);
    if (name === undefined) return fail('invalid_name');
    if (message.reactions.some((reaction) => reaction.name === name && reaction.user === context.identity.botUserId)) {
      return fail('already_reacted');
    }
    message.reactions.push({ name, user: context.identity.botUserId });
    return { ok: true };
  },

  'chat.getPermalink': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    const ts = str(params['message_ts']) ?? '';
    if (context.store.find(channel, ts) === undefined) return fail('message_not_found');
    return { ok: true, channel, permalink: `https://heimo-fake.slack.com/archives/${channel}/p${ts.replace('.', '')}` };
  },
};

/** Answers one Web API method the way Slack would (always HTTP 200; errors in the body). */
export function answerMethod(method: string, params: Params, context: WebApiContext): Answer {
  const handler = methods[method];
  return handler === undefined ? fail('unknown_method') : handler(params, context);
}
