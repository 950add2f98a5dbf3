/** Message metadata as Slack stores it (`chat.postMessage`'s `metadata` argument). */
export interface FakeSlackMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

/** How Slack holds a file: served, deleted (a tombstone stays in the message), or hidden by the free plan's limit. */
export type FakeSlackFileMode = 'hosted' | 'tombstone' | 'hidden_by_limit';

/** A file a person shared in a message; the fake serves `data` at `urlPrivate` / `urlPrivateDownload`. */
export interface FakeSlackFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  data: Buffer;
  mode: FakeSlackFileMode;
  user: string;
  created: number;
  urlPrivate: string;
  urlPrivateDownload: string;
  /** Served without Content-Length, in pieces: the size is known only by reading to the end. */
  chunked: boolean;
}

/** A message the fake holds, whoever wrote it. */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  user: string;
  text: string;
  blocks?: unknown[];
  username?: string;
  iconUrl?: string;
  metadata?: FakeSlackMetadata;
  botId?: string;
  appId?: string;
  editedTs?: string;
  /** Files shared with the message (Slack's `file_share`). */
  files?: FakeSlackFile[];
  reactions: Array<{ name: string; user: string }>;
  /** Every chat.postMessage/chat.update argument, kept so tests can check what was sent. */
  sent: Record<string, unknown>;
}

/** A workspace member `users.info` answers for. */
export interface FakeSlackUser {
  id: string;
  name?: string;
  realName?: string;
  displayName?: string;
  image72?: string;
  isBot?: boolean;
  /** What users.info says with include_locale (`fi-FI`, `en-US`). */
  locale?: string;
  /** The profile e-mail, shown only to a token with users:read.email (as Slack does). */
  email?: string;
}

/** Holds the workspace's messages and users, and hands out unique, increasing timestamps. */
export class FakeSlackStore {
  readonly messages: FakeSlackMessage[] = [];
  readonly users = new Map<string, FakeSlackUser>();
  /** Every file shared so far, by id; the download route serves from here. */
  readonly files = new Map<string, FakeSlackFile>();
  private lastMicros = 0;
  private fileSequence = 0;

  nextFileId(): string {
    this.fileSequence += 1;
    return `F0${String(this.fileSequence).padStart(8, '0')}`;
  }

  // As Slack's: the time of writing in microseconds (Heimo orders deliveries by it), made unique and increasing.
  nextTs(): string {
    this.lastMicros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    return `${Math.floor(this.lastMicros / 1_000_000)}.${String(this.lastMicros % 1_000_000).padStart(6, '0')}`;
  }

  find(channel: string, ts: string): FakeSlackMessage | undefined {
    return this.messages.find((message) => message.channel === channel && message.ts === ts);
  }

  remove(channel: string, ts: string): FakeSlackMessage | undefined {
    const index = this.messages.findIndex((message) => message.channel === channel && message.ts === ts);
    if (index < 0) return undefined;
    return this.messages.splice(index, 1)[0];
  }

  /** The thread's root followed by its replies, oldest first. */
  thread(channel: string, rootTs: string): FakeSlackMessage[] {
    return this.messages
      .filter((message) => message.channel === channel && (message.ts === rootTs || message.threadTs === rootTs))
      .sort((a, b) => compareTs(a.ts, b.ts));
  }

  /** Channel-level messages (thread roots and unthreaded posts), newest first like conversations.history. */
  history(channel: string): FakeSlackMessage[] {
    return this.messages
      .filter((message) => message.channel === channel && (message.threadTs === undefined || message.threadTs === message.ts))
      .sort((a, b) => compareTs(b.ts, a.ts));
  }
}

/** Records `user`'s reaction once, as Slack counts each person once per emoji; false when it was already there. */
export function addReaction(message: FakeSlackMessage, name: string, user: string): boolean {
  if (message.reactions.some((reaction) => reaction.name === name && reaction.user === user)) return false;
  message.reactions.push({ name, user });
  return true;
}

/** Drops `user`'s reaction; false when they had none with that name. */
export function removeReaction(message: FakeSlackMessage, name: string, user: string): boolean {
  const index = message.reactions.findIndex((reaction) => reaction.name === name && reaction.user === user);
  if (index < 0) return false;
  message.reactions.splice(index, 1);
  return true;
}

/** Orders Slack timestamps ("seconds.micros") numerically. */
export function compareTs(a: string, b: string): number {
  const [aSec = '0', aMicro = '0'] = a.split('.');
  const [bSec = '0', bMicro = '0'] = b.split('.');
  return Number(aSec) - Number(bSec) || Number(aMicro) - Number(bMicro);
}

/** The message as the Web API and the Events API show it. */
export function toApiMessage(message: FakeSlackMessage, store: FakeSlackStore, withMetadata: boolean): Record<string, unknown> {
  const replies = message.threadTs === undefined || message.threadTs === message.ts
    ? store.messages.filter((other) => other.channel === message.channel && other.threadTs === message.ts && other.ts !== message.ts)
    : [];
  return {
    type: 'message',
    ts: message.ts,
    user: message.user,
    text: message.text,
    ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
    ...(replies.length > 0 ? { thread_ts: message.ts, reply_count: replies.length } : {}),
    ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
    ...(message.botId === undefined ? {} : { bot_id: message.botId, app_id: message.appId }),
    ...(message.files === undefined ? {} : { subtype: 'file_share', upload: true, display_as_bot: false, files: message.files.map(toApiFile) }),
    ...(message.username === undefined ? {} : { username: message.username, subtype: 'bot_message' }),
    ...(message.iconUrl === undefined ? {} : { icons: { image_72: message.iconUrl } }),
    ...(message.editedTs === undefined ? {} : { edited: { user: message.user, ts: message.editedTs } }),
    ...(message.reactions.length === 0 ? {} : { reactions: message.reactions.map((reaction) => ({ name: reaction.name, count: 1, users: [reaction.user] })) }),
    ...(withMetadata && message.metadata !== undefined ? { metadata: { ...message.metadata, app_id: message.appId } } : {}),
  };
}

const extension = (name: string): string => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? 'binary';

/** A file as Slack lists it in a message: a tombstone or a hidden file keeps little more than its id. */
export function toApiFile(file: FakeSlackFile): Record<string, unknown> {
  if (file.mode !== 'hosted') return { id: file.id, mode: file.mode };
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: extension(file.name),
    pretty_type: extension(file.name).toUpperCase(),
    user: file.user,
    editable: false,
    size: file.data.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: file.urlPrivate,
    url_private_download: file.urlPrivateDownload,
    permalink: `https://fake.slack.example/files/${file.user}/${file.id}/${encodeURIComponent(file.name)}`,
    is_starred: false,
    has_rich_preview: false,
    file_access: 'visible',
  };
}
