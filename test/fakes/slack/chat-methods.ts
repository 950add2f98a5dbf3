import { type Answer, applyContent, channelOf, fail, type Method, type Params, str, type WebApiContext } from './api-helpers.ts';
import { addReaction, type FakeSlackMessage, removeReaction, toApiMessage } from './store.ts';

/** Methods that change messages or their reactions: each change is echoed to the bot as an event. */
export const chatMethods: Record<string, Method> = {
  'chat.postMessage': (params, context) => {
    const channel = channelOf(params, context);
    if (typeof channel !== 'string') return channel;
    if (str(params['text']) === undefined && params['blocks'] === undefined) return fail('no_text');
    // Slack refuses posts into a channel the bot was not invited to (without chat:write.public).
    if (context.outside.has(channel)) return fail('not_in_channel');
    const threadTs = str(params['thread_ts']);
    // Stricter than Slack on purpose: a reply to a thread that does not exist is a bug in the bot.
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
    context.onDeleted(channel, before);
    return { ok: true, channel, ts: existing.ts };
  },

  'reactions.add': (params, context) => changeOwnReaction(params, context, true),
  'reactions.remove': (params, context) => changeOwnReaction(params, context, false),
};

// The bot's reactions.add and reactions.remove: Slack's errors, then the reaction event Slack sends back.
function changeOwnReaction(params: Params, context: WebApiContext, added: boolean): Answer {
  const channel = channelOf(params, context);
  if (typeof channel !== 'string') return channel;
  const message = context.store.find(channel, str(params['timestamp']) ?? '');
  if (message === undefined) return fail('message_not_found');
  const name = str(params['name']);
  if (name === undefined) return fail('invalid_name');
  const user = context.identity.botUserId;
  const changed = added ? addReaction(message, name, user) : removeReaction(message, name, user);
  if (!changed) return fail(added ? 'already_reacted' : 'no_reaction');
  context.onReaction({ message, user, name, added });
  return { ok: true };
}
