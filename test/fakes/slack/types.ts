import type { IncomingHttpHeaders } from 'node:http';
import type { FakeSlackIdentity } from './api-helpers.ts';
import type { FakeSlackDelivery } from './events.ts';
import type { SignedSendResult } from './sign.ts';
import type { FakeSlackInteraction, FakeSlackResponse } from './interactions.ts';
import type { FakeSlackEphemeral, FakeSlackUserGroup } from './people-methods.ts';
import type { FakeSlackEnvelope } from './socket-mode.ts';
import type { FakeSlackFile, FakeSlackFileMode, FakeSlackMessage, FakeSlackUser } from './store.ts';
import type { FakeSlackView } from './views.ts';

/**
 * A failure the next call to one method answers with. `hang`: the call takes effect (a post is
 * stored and echoed) but no answer is ever sent, as when the connection dies after Slack accepted it.
 */
export type FakeSlackFailure = { status: 429; retryAfterSeconds: number } | { status: 500 } | { error: string } | { hang: true } | { slowMs: number } | { redirect: string };

/**
 * The name `failNext` knows file downloads by. Downloads take every failure: `error` answers 404,
 * `redirect` answers 302 to that location (downloads only; Web API methods ignore it); `slowMs`
 * (Web API only) lets the call take effect at once and sends its answer that much later.
 */
export const FILE_DOWNLOAD = 'files.download';

/** A file a person shares with a post. `mode` other than hosted: listed in the message, never served. */
export interface FakeSlackFileInput {
  name: string;
  mimetype: string;
  data: Buffer | string;
  title?: string;
  mode?: FakeSlackFileMode;
  /** Served without Content-Length, in pieces. */
  chunked?: boolean;
}

/** One request for a file the fake received, with the headers it came with. */
export interface FakeSlackDownload {
  path: string;
  /** The file asked for, when the path names one. */
  fileId?: string;
  headers: IncomingHttpHeaders;
  /** HTTP status the fake answered with; 0 for one it left hanging. */
  status: number;
}

/** One Web API call the fake received. */
export interface FakeSlackCall {
  method: string;
  params: Record<string, unknown>;
  /** HTTP status the fake answered with; 0 for a call it left hanging. */
  status: number;
  /** The `error` in the body, when the call failed. */
  error?: string;
}

/** How the fake workspace is set up; every field has a default. */
export interface FakeSlackConfig extends Partial<FakeSlackIdentity> {
  token?: string;
  users?: FakeSlackUser[];
  /** Channels that exist; unset means every channel id exists. */
  channels?: string[];
  /** The bot's event endpoint; with `signingSecret`, every message the bot posts is echoed there. */
  eventsUrl?: string;
  signingSecret?: string;
  /** The app-level token (`xapp-`) `apps.connections.open` accepts. */
  appToken?: string;
  /** Events go to the bot over Socket Mode (the bot connects through `apps.connections.open`) instead of HTTP. */
  socketMode?: boolean;
  /** How long a Socket Mode delivery waits for its ack before it resolves unacknowledged; 3 s (Slack's window) by default. */
  socketAckTimeoutMs?: number;
  /** The bot token's scopes (default: every scope Heimo's manifest asks for), sent in `x-oauth-scopes`. */
  scopes?: string[];
  /** Channels the bot has not been invited into (conversations.info says is_member false). */
  notMemberOf?: string[];
  /** Whether the bot token carries files:read (default true); without it downloads answer Slack's HTML sign-in page. */
  filesRead?: boolean;
  /** User groups usergroups.list knows (people get staff or moderator rights through them). */
  userGroups?: FakeSlackUserGroup[];
  /** Members per channel (conversations.members, chat.postEphemeral); unlisted channels have every user. */
  members?: Record<string, string[]>;
  /** Sees every Web API call once its arguments are read, before it is answered (benchmarks time deliveries with it). */
  onRequest?: (call: { method: string; params: Record<string, unknown> }) => void;
}

/** A running Slack Web API + Events API (HTTP or Socket Mode) stand-in. */
export interface FakeSlack {
  /** Base URL for WebClient's `slackApiUrl`, e.g. `http://127.0.0.1:P/api/`. */
  apiUrl: string;
  identity: FakeSlackIdentity;
  token: string;
  appToken: string;
  calls: FakeSlackCall[];
  callsTo(method: string): FakeSlackCall[];
  /** Every message currently in the workspace (deleted ones are gone). */
  messages: FakeSlackMessage[];
  message(channel: string, ts: string): FakeSlackMessage | undefined;
  /** A thread's root and replies, oldest first. */
  thread(channel: string, rootTs: string): FakeSlackMessage[];
  /** Events the fake delivered to the bot and the bot's HTTP status for each. */
  deliveries: FakeSlackDelivery[];
  addUser(user: FakeSlackUser): void;
  /** Makes a coming call to `method` fail; `afterCalls` lets that many calls succeed first. */
  failNext(method: string, failure: FakeSlackFailure, options?: { afterCalls?: number }): void;
  /** Drops the failures still queued for `method` (for every method when omitted): the platform recovers. */
  clearFailures(method?: string): void;
  /**
   * A Web API outage until called again with null: every call is answered `status` (503, ...) or its
   * connection is dropped unanswered (`drop`, as a refused or reset connection looks to a client).
   */
  setOutage(outage: { status: number } | 'drop' | null): void;
  /** Sets where events go (the bot's URL is often known only after the fake started). */
  setEvents(url: string, signingSecret: string): void;
  /**
   * A person posts: stored, and delivered to the bot as a signed `message` event. With `files`,
   * the event is a `file_share` listing them, and the fake serves each hosted one to the bot token.
   */
  userPosts(post: { channel: string; user: string; text: string; threadTs?: string; files?: FakeSlackFileInput[] }): Promise<{ ts: string; delivery: SignedSendResult | undefined; files: FakeSlackFile[] }>;
  /** Every file request the fake received (Web API calls are in `calls`). */
  downloads: FakeSlackDownload[];
  /** The bot token's scopes from now on (what `x-oauth-scopes` says and conversations.info requires). */
  setScopes(scopes: string[]): void;
  /** Puts the bot into a channel or takes it out (conversations.info's is_member). */
  setMember(channel: string, member: boolean): void;
  /** Grants or withdraws the token's files:read scope from now on. */
  setFilesRead(granted: boolean): void;
  userEdits(channel: string, ts: string, text: string): Promise<SignedSendResult | undefined>;
  userDeletes(channel: string, ts: string): Promise<SignedSendResult | undefined>;
  /**
   * A person adds (default) or removes a reaction: recorded, and delivered as a signed
   * `reaction_added` / `reaction_removed` event. `name` as Slack writes it, e.g. `+1::skin-tone-4`.
   */
  userReacts(input: { channel: string; ts: string; user: string; name: string; added?: boolean }): Promise<SignedSendResult | undefined>;
  /** A person clicks a button: the `block_actions` payload goes to the bot over HTTP or Socket Mode. */
  userClicks(payload: Record<string, unknown>): Promise<SignedSendResult | undefined>;
  /**
   * `/heimo <text>`: a signed form POST to `/slack/commands` (beside the events URL) or a
   * `slash_commands` envelope. Throws when given a thread: Slack has no slash commands there.
   * Resolves with the ack: status 0 when none came within 3 s.
   */
  userRunsCommand(input: { user: string; channel: string; text: string; threadTs?: string }): Promise<FakeSlackInteraction>;
  /** Presses a button of a message the bot posted (its `block_actions` payload, to `/slack/interactions`). */
  userPresses(input: { user: string; channel: string; messageTs: string; actionId: string }): Promise<FakeSlackInteraction>;
  /** Runs a message shortcut on a message (`message_action`, with the message and its thread_ts). */
  userShortcut(input: { user: string; channel: string; messageTs: string; callbackId: string }): Promise<FakeSlackInteraction>;
  /** Modals the bot opened (views.open with a trigger from a command, button or shortcut, within 3 s). */
  views: FakeSlackView[];
  /** The person submits a modal (a `view_submission` to `/slack/interactions`), with what they changed; the rest goes as prefilled. */
  userSubmitsView(input: { view: FakeSlackView; values?: Record<string, string> }): Promise<FakeSlackInteraction>;
  /** Messages the bot sent to response URLs, by the id of the invocation's response_url. */
  responses: FakeSlackResponse[];
  /** Every command, button press and shortcut sent, with how it was acknowledged. */
  interactions: FakeSlackInteraction[];
  /** Ephemeral messages the bot showed (chat.postEphemeral). */
  ephemerals: FakeSlackEphemeral[];
  /** The workspace's user groups; tests may change members. */
  userGroups: FakeSlackUserGroup[];
  /** Every Socket Mode envelope sent, redeliveries included, with whether the bot acknowledged it. */
  envelopes: FakeSlackEnvelope[];
  /** Sends an envelope's event again as Slack retries it (new envelope, next `retry_attempt`). */
  redeliver(envelopeId: string): Promise<SignedSendResult>;
  /** Socket Mode: sends an events_api envelope whose payload is exactly `payload` (malformed ones included). */
  sendRawEnvelope(payload: unknown): Promise<SignedSendResult>;
  /** Cuts the Socket Mode connections: `terminate` as a network failure (default), `disconnect` as Slack recycling its server. */
  dropSocket(how?: 'terminate' | 'disconnect'): void;
  /** Socket Mode connections: opened so far (reconnects included), and open now. */
  sockets(): { opened: number; open: number };
  /** Resolves once every event delivery started so far has been answered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}
