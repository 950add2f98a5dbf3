/** Heimo's own bot as Slack knows it; posts from it are never relayed back. */
export interface SlackIdentity {
  botUserId: string;
  botId: string;
}

/** Metadata event types Heimo stamps on everything it posts. */
export const CARD_EVENT_TYPE = 'heimo_card';
export const RELAY_EVENT_TYPE = 'heimo_relay';

/** A Slack `message` event reduced to what Heimo acts on (text still in Slack mrkdwn). */
export type ParsedMessage =
  | { kind: 'posted'; channelId: string; threadId: string; messageId: string; userId: string; text: string }
  | { kind: 'edited'; channelId: string; threadId: string; messageId: string; text: string }
  | { kind: 'deleted'; channelId: string; threadId?: string; messageId: string }
  | { kind: 'ignored'; reason: string }
  | { kind: 'malformed'; reason: string };

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

// Replies subtypes that carry a person's words; everything else (joins, topic changes...) is noise.
const RELAYED_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message']);

/** Why a message is Heimo's own post, if it is: the bot id, the bot user, or Heimo's metadata. */
function ownPost(message: Fields, identity: SlackIdentity): string | undefined {
  if (message['bot_id'] !== undefined && message['bot_id'] === identity.botId) return 'own post (bot_id)';
  if (message['user'] !== undefined && message['user'] === identity.botUserId) return 'own post (bot user)';
  const metadata = message['metadata'];
  const eventType = isRecord(metadata) ? metadata['event_type'] : undefined;
  if (eventType === CARD_EVENT_TYPE || eventType === RELAY_EVENT_TYPE) return 'own post (metadata)';
  if (message['subtype'] === 'bot_message') return 'bot_message';
  return undefined;
}

/** The thread a reply sits in; a top-level message has none (the card is the root, so it belongs to no conversation). */
function threadOf(message: Fields): string | undefined {
  const threadTs = message['thread_ts'];
  return nonEmpty(threadTs) && threadTs !== message['ts'] ? threadTs : undefined;
}

function parseChanged(channelId: string, event: Fields, identity: SlackIdentity): ParsedMessage {
  const message = event['message'];
  if (!isRecord(message)) return { kind: 'malformed', reason: 'message_changed without message' };
  const own = ownPost(message, identity);
  if (own !== undefined) return { kind: 'ignored', reason: own };
  const threadId = threadOf(message);
  if (threadId === undefined) return { kind: 'ignored', reason: 'not in a thread' };
  const { ts, text } = message;
  if (!nonEmpty(ts)) return { kind: 'malformed', reason: 'message_changed without message.ts' };
  if (text !== undefined && typeof text !== 'string') return { kind: 'malformed', reason: 'message.text is not a string' };
  return { kind: 'edited', channelId, threadId, messageId: ts, text: text ?? '' };
}

function parseDeleted(channelId: string, event: Fields, identity: SlackIdentity): ParsedMessage {
  const deletedTs = event['deleted_ts'];
  if (!nonEmpty(deletedTs)) return { kind: 'malformed', reason: 'message_deleted without deleted_ts' };
  const previous = event['previous_message'];
  if (!isRecord(previous)) return { kind: 'deleted', channelId, messageId: deletedTs };
  const own = ownPost(previous, identity);
  if (own !== undefined) return { kind: 'ignored', reason: own };
  const threadId = threadOf(previous);
  if (threadId === undefined) return { kind: 'ignored', reason: 'not in a thread' };
  return { kind: 'deleted', channelId, threadId, messageId: deletedTs };
}

/** Translates a raw `message` event; never throws, whatever the payload holds. */
export function parseMessageEvent(event: unknown, identity: SlackIdentity): ParsedMessage {
  if (!isRecord(event) || event['type'] !== 'message') return { kind: 'malformed', reason: 'not a message event' };
  const channelId = event['channel'];
  if (!nonEmpty(channelId)) return { kind: 'malformed', reason: 'channel is missing or not a string' };
  const subtype = event['subtype'];
  if (subtype === 'message_changed') return parseChanged(channelId, event, identity);
  if (subtype === 'message_deleted') return parseDeleted(channelId, event, identity);
  const own = ownPost(event, identity);
  if (own !== undefined) return { kind: 'ignored', reason: own };
  if (!RELAYED_SUBTYPES.has(subtype as string | undefined)) return { kind: 'ignored', reason: `subtype ${String(subtype)}` };
  const { ts, thread_ts: threadTs, user, text } = event;
  if (!nonEmpty(ts)) return { kind: 'malformed', reason: 'ts is missing or not a string' };
  if (threadTs !== undefined && typeof threadTs !== 'string') return { kind: 'malformed', reason: 'thread_ts is not a string' };
  const threadId = threadOf(event);
  if (threadId === undefined) return { kind: 'ignored', reason: 'not in a thread' };
  if (!nonEmpty(user)) return { kind: 'malformed', reason: 'user is missing or not a string' };
  if (text !== undefined && typeof text !== 'string') return { kind: 'malformed', reason: 'text is not a string' };
  return { kind: 'posted', channelId, threadId, messageId: ts, userId: user, text: text ?? '' };
}
