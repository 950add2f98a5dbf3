import type { Attachment } from '../../core/index.ts';

/** Heimo's own bot as Slack knows it; posts from it are never relayed back. */
export interface SlackIdentity {
  botUserId: string;
  botId: string;
}

/** Metadata event types Heimo stamps on everything it posts. */
export const CARD_EVENT_TYPE = 'heimo_card';
/** Metadata event type of Heimo's notices (escalations, moved-card notes, direct messages). */
export const NOTICE_EVENT_TYPE = 'heimo_notice';
export const RELAY_EVENT_TYPE = 'heimo_relay';
/** Metadata event type of a draft article's review card. */
export const REVIEW_EVENT_TYPE = 'heimo_review';

/** A Slack `message` event reduced to what Heimo acts on (text still in Slack mrkdwn). */
export type ParsedMessage =
  | { kind: 'posted'; channelId: string; threadId: string; messageId: string; userId: string; text: string; attachments: Attachment[]; skippedFiles: SkippedFile[] }
  | { kind: 'edited'; channelId: string; threadId: string; messageId: string; text: string }
  | { kind: 'deleted'; channelId: string; threadId?: string; messageId: string }
  | { kind: 'ignored'; reason: string }
  | { kind: 'malformed'; reason: string };

/** A file of a posted message Heimo cannot carry over; `malformed` when Slack's payload was not what it documents. */
export interface SkippedFile {
  id?: string;
  reason: string;
  malformed: boolean;
}

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
  if (eventType === CARD_EVENT_TYPE || eventType === RELAY_EVENT_TYPE || eventType === NOTICE_EVENT_TYPE || eventType === REVIEW_EVENT_TYPE) return 'own post (metadata)';
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

// Deleted files stay in the message as tombstones; over the free plan's limit they are hidden.
const UNSERVED_MODES = new Set(['tombstone', 'hidden_by_limit']);

/** One entry of a message's `files`: the attachment to fetch, or why it is skipped. */
function parseFile(file: unknown): Attachment | SkippedFile {
  if (!isRecord(file)) return { reason: 'file is not an object', malformed: true };
  const { id, name, title, mimetype, size, mode } = file;
  if (!nonEmpty(id)) return { reason: 'file without an id', malformed: true };
  if (typeof mode === 'string' && UNSERVED_MODES.has(mode)) return { id, reason: `file mode ${mode}`, malformed: false };
  // An external file (Google Drive...) points at another service: Slack holds no bytes to fetch.
  if (mode === 'external' || file['is_external'] === true) return { id, reason: 'external file', malformed: false };
  const url = nonEmpty(file['url_private_download']) ? file['url_private_download'] : file['url_private'];
  if (!nonEmpty(url)) return { id, reason: 'file without a url', malformed: false };
  return {
    name: nonEmpty(name) ? name : nonEmpty(title) ? title : id,
    url,
    // A wrong type here only costs a hint; the file itself is still worth carrying.
    ...(nonEmpty(mimetype) ? { mimeType: mimetype } : {}),
    ...(typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? { size } : {}),
  };
}

/** The files a posted message carries: an unreadable entry (or array) skips only itself. */
function parseFiles(files: unknown): { attachments: Attachment[]; skippedFiles: SkippedFile[] } {
  const attachments: Attachment[] = [];
  const skippedFiles: SkippedFile[] = [];
  if (files === undefined) return { attachments, skippedFiles };
  if (!Array.isArray(files)) return { attachments, skippedFiles: [{ reason: 'files is not an array', malformed: true }] };
  for (const file of files) {
    const parsed = parseFile(file);
    if ('reason' in parsed) skippedFiles.push(parsed);
    else attachments.push(parsed);
  }
  return { attachments, skippedFiles };
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
  const { attachments, skippedFiles } = parseFiles(event['files']);
  // Nothing left to show the customer (a file-only reply whose files are all gone): the customer side would refuse it.
  if ((text ?? '').trim() === '' && attachments.length === 0) {
    const skipped = skippedFiles.map((file) => file.reason).join(', ');
    return { kind: 'ignored', reason: `no text and no file to relay${skipped === '' ? '' : ` (skipped: ${skipped})`}` };
  }
  return { kind: 'posted', channelId, threadId, messageId: ts, userId: user, text: text ?? '', attachments, skippedFiles };
}
