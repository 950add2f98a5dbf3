import type { FakeSlackPeople } from './people-methods.ts';
import type { FakeSlackMessage, FakeSlackMetadata, FakeSlackStore } from './store.ts';
import type { FakeSlackViews } from './views.ts';

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
  /** Channels the bot is not a member of (conversations.info answers is_member false). */
  outside: Set<string>;
  /** The bot token's scopes, sent in `x-oauth-scopes` and required by the methods that need them. */
  scopes: Set<string>;
  /** User groups, channel members and the ephemerals shown. */
  people: FakeSlackPeople;
  /** Interaction triggers handed out and the modals opened with them. */
  views: FakeSlackViews;
  onPosted(message: FakeSlackMessage): void;
  onUpdated(before: Record<string, unknown>, after: FakeSlackMessage): void;
  onDeleted(channel: string, before: Record<string, unknown>): void;
  onReaction(change: FakeSlackReactionChange): void;
}

/** A reaction someone (the bot included) added to or removed from a message. */
export interface FakeSlackReactionChange {
  message: FakeSlackMessage;
  user: string;
  name: string;
  added: boolean;
}

/** A method's arguments, form-decoded. */
export type Params = Record<string, unknown>;
/** A method's JSON answer. */
export type Answer = Record<string, unknown>;
/** One Web API method of the fake. */
export type Method = (params: Params, context: WebApiContext) => Answer;

/** Slack's error answer. */
export const fail = (error: string): Answer => ({ ok: false, error });
/** A non-empty string argument, else undefined. */
export const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
/** Slack's boolean arguments arrive as 'true'/'1' when form-encoded. */
export const truthy = (value: unknown): boolean => value === true || value === 'true' || value === '1';

// WebClient form-encodes nested arguments as JSON strings; JSON bodies send them as they are.
export function json<T>(value: unknown): T | undefined {
  if (typeof value !== 'string') return value as T | undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

/** Offset-cursor paging, like Slack's opaque cursors. */
export function page<T>(items: T[], params: Params, fallbackLimit: number): { slice: T[]; next: string } {
  const offset = Number(str(params['cursor']) ?? 0) || 0;
  const limit = Number(params['limit'] ?? fallbackLimit) || fallbackLimit;
  const slice = items.slice(offset, offset + limit);
  return { slice, next: offset + limit < items.length ? String(offset + limit) : '' };
}

/** The `channel` argument, or the error Slack gives for an unknown one. */
export function channelOf(params: Params, context: WebApiContext): string | Answer {
  const channel = str(params['channel']);
  if (channel === undefined) return fail('channel_not_found');
  // Direct-message channels (conversations.open) exist for every user.
  if (context.channels !== undefined && !context.channels.has(channel) && !/^DU/.test(channel)) return fail('channel_not_found');
  return channel;
}

/** Copies text, blocks and metadata arguments onto a stored message. */
export function applyContent(message: FakeSlackMessage, params: Params): void {
  const text = params['text'];
  if (typeof text === 'string') message.text = text;
  const blocks = json<unknown[]>(params['blocks']);
  if (blocks !== undefined) message.blocks = blocks;
  const metadata = json<FakeSlackMetadata>(params['metadata']);
  if (metadata !== undefined) message.metadata = metadata;
}
