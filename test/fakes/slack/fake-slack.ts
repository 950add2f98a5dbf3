import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventDeliverer, type FakeSlackDelivery } from './events.ts';
import type { SignedSendResult } from './sign.ts';
import { type FakeSlackMessage, FakeSlackStore, type FakeSlackUser } from './store.ts';
import { answerMethod, type FakeSlackIdentity, type WebApiContext } from './web-api.ts';

export type { FakeSlackDelivery } from './events.ts';
export type { FakeSlackMessage, FakeSlackMetadata, FakeSlackUser } from './store.ts';

/** A failure the next call to one method answers with. */
export type FakeSlackFailure = { status: 429; retryAfterSeconds: number } | { status: 500 } | { error: string };

/** One Web API call the fake received. */
export interface FakeSlackCall {
  method: string;
  params: Record<string, unknown>;
  /** HTTP status the fake answered with. */
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
}

/** A running Slack Web API + Events API stand-in. */
export interface FakeSlack {
  /** Base URL for WebClient's `slackApiUrl`, e.g. `http://127.0.0.1:P/api/`. */
  apiUrl: string;
  identity: FakeSlackIdentity;
  token: string;
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
  failNext(method: string, failure: FakeSlackFailure): void;
  /** Sets where events go (the bot's URL is often known only after the fake started). */
  setEvents(url: string, signingSecret: string): void;
  /** A person posts: stored, and delivered to the bot as a signed `message` event. */
  userPosts(post: { channel: string; user: string; text: string; threadTs?: string }): Promise<{ ts: string; delivery: SignedSendResult | undefined }>;
  userEdits(channel: string, ts: string, text: string): Promise<SignedSendResult | undefined>;
  userDeletes(channel: string, ts: string): Promise<SignedSendResult | undefined>;
  /** Resolves once every event delivery started so far has been answered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

async function readParams(request: IncomingMessage): Promise<{ params: Record<string, unknown>; token: string | undefined }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const params: Record<string, unknown> = (request.headers['content-type'] ?? '').includes('application/json')
    ? (JSON.parse(raw || '{}') as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(raw));
  const bearer = /^Bearer\s+(.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const token = bearer ?? (typeof params['token'] === 'string' ? params['token'] : undefined);
  delete params['token'];
  return { params, token };
}

/** Starts the Slack stand-in on 127.0.0.1, port 0. */
export async function createFakeSlack(config: FakeSlackConfig = {}): Promise<FakeSlack> {
  const identity: FakeSlackIdentity = {
    teamId: config.teamId ?? 'T0FAKE',
    botUserId: config.botUserId ?? 'U0HEIMO',
    botId: config.botId ?? 'B0HEIMO',
    appId: config.appId ?? 'A0HEIMO',
  };
  const token = config.token ?? 'xoxb-fake-heimo-token';
  const store = new FakeSlackStore();
  for (const user of config.users ?? []) store.users.set(user.id, user);
  const target = { url: config.eventsUrl, signingSecret: config.signingSecret };
  const events = new EventDeliverer(target, identity);
  const calls: FakeSlackCall[] = [];
  const failures = new Map<string, FakeSlackFailure[]>();
  const context: WebApiContext = {
    store,
    identity,
    channels: config.channels === undefined ? undefined : new Set(config.channels),
    onPosted: (message) => void events.deliver(events.posted(message, store)),
    onUpdated: (before, after) => void events.deliver(events.changed(before, after, store)),
    onDeleted: (before) => void events.deliver(events.deleted(before, String(before['channel'] ?? ''), store)),
  };

  const answer = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(JSON.stringify(body));
  };

  const server = createServer((request, response) => {
    const method = /^\/api\/([\w.]+)$/.exec(new URL(request.url ?? '/', 'http://fake').pathname)?.[1];
    if (request.method !== 'POST' || method === undefined) return answer(response, 404, { ok: false, error: 'not_found' });
    readParams(request).then(({ params, token: given }) => {
      const failure = failures.get(method)?.shift();
      if (failure !== undefined && 'status' in failure) {
        calls.push({ method, params, status: failure.status });
        if (failure.status === 429) {
          return answer(response, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfterSeconds) });
        }
        return answer(response, 500, { ok: false, error: 'internal_error' });
      }
      const result = failure !== undefined
        ? { ok: false, error: failure.error }
        : given === undefined
          ? { ok: false, error: 'not_authed' }
          : given !== token
            ? { ok: false, error: 'invalid_auth' }
            : answerMethod(method, params, context);
      const error = result['ok'] === true ? undefined : String(result['error']);
      calls.push({ method, params, status: 200, ...(error === undefined ? {} : { error }) });
      answer(response, 200, result);
    }).catch((error: unknown) => answer(response, 400, { ok: false, error: 'invalid_form_data', detail: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const userEvent = (message: FakeSlackMessage): Record<string, unknown> => events.posted(message, store);

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    identity,
    token,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    messages: store.messages,
    message: (channel, ts) => store.find(channel, ts),
    thread: (channel, rootTs) => store.thread(channel, rootTs),
    deliveries: events.deliveries,
    addUser: (user) => void store.users.set(user.id, user),
    failNext: (method, failure) => void failures.set(method, [...(failures.get(method) ?? []), failure]),
    setEvents: (url, signingSecret) => Object.assign(target, { url, signingSecret }),
    async userPosts(post) {
      const message: FakeSlackMessage = { channel: post.channel, ts: store.nextTs(), user: post.user, text: post.text, reactions: [], sent: {}, ...(post.threadTs === undefined ? {} : { threadTs: post.threadTs }) };
      store.messages.push(message);
      return { ts: message.ts, delivery: await events.deliver(userEvent(message)) };
    },
    async userEdits(channel, ts, text) {
      const message = store.find(channel, ts);
      if (message === undefined) throw new Error(`fake slack: no message ${channel}/${ts}`);
      const before = userEvent(message);
      message.text = text;
      message.editedTs = store.nextTs();
      return events.deliver(events.changed(before, message, store));
    },
    async userDeletes(channel, ts) {
      const message = store.remove(channel, ts);
      if (message === undefined) throw new Error(`fake slack: no message ${channel}/${ts}`);
      return events.deliver(events.deleted(userEvent(message), channel, store));
    },
    settled: () => events.settled(),
    async close() {
      await events.settled();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
