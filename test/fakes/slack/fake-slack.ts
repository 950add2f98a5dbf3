import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { EventDeliverer } from './events.ts';
import { answerDownload, storeFile } from './files.ts';
import { InteractionSender } from './interactions.ts';
import type { FakeSlackPeople } from './people-methods.ts';
import { FakeSocketMode } from './socket-mode.ts';
import { addReaction, type FakeSlackMessage, FakeSlackStore, removeReaction } from './store.ts';
import { type FakeSlack, type FakeSlackCall, type FakeSlackConfig, type FakeSlackDownload, type FakeSlackFailure, FILE_DOWNLOAD } from './types.ts';
import type { FakeSlackViews } from './views.ts';
import { answerMethod, type FakeSlackIdentity, type WebApiContext } from './web-api.ts';

export type { FakeSlackDelivery } from './events.ts';
export type { FakeSlackEnvelope } from './socket-mode.ts';
export { ACK_WINDOW_MS, type FakeSlackInteraction, type FakeSlackResponse } from './interactions.ts';
export { dmChannelOf, type FakeSlackEphemeral, type FakeSlackUserGroup } from './people-methods.ts';
export type { FakeSlackFile, FakeSlackFileMode, FakeSlackMessage, FakeSlackMetadata, FakeSlackUser } from './store.ts';
export type { FakeSlack, FakeSlackCall, FakeSlackConfig, FakeSlackDownload, FakeSlackFailure, FakeSlackFileInput } from './types.ts';
export { FILE_DOWNLOAD } from './types.ts';
export type { FakeSlackView } from './views.ts';

/** What a bot token installed from Heimo's manifest carries (the fake must not import the bot's list). */
export const HEIMO_SLACK_SCOPES = ['chat:write', 'chat:write.customize', 'channels:history', 'groups:history', 'channels:read', 'groups:read', 'users:read', 'users:read.email', 'reactions:read', 'reactions:write', 'files:read', 'commands', 'im:write', 'usergroups:read'];

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
  const appToken = config.appToken ?? 'xapp-1-A0HEIMO-1-fake-app-token';
  const socket = new FakeSocketMode({ appId: identity.appId, appToken, ackTimeoutMs: config.socketAckTimeoutMs ?? 3_000 });
  const target = { url: config.eventsUrl, signingSecret: config.signingSecret, socket: config.socketMode === true ? socket : undefined };
  const events = new EventDeliverer(target, identity);
  let origin = '';
  const views: FakeSlackViews = { triggers: new Map(), opened: [] };
  const interactions = new InteractionSender(() => origin, target, identity, store, views);
  const people: FakeSlackPeople = { groups: config.userGroups ?? [], members: new Map(Object.entries(config.members ?? {})), ephemerals: [] };
  const calls: FakeSlackCall[] = [];
  const failures = new Map<string, Array<{ failure: FakeSlackFailure; skip: number }>>();
  const takeFailure = (method: string): FakeSlackFailure | undefined => {
    const head = failures.get(method)?.[0];
    if (head === undefined) return undefined;
    if (head.skip > 0) {
      head.skip -= 1;
      return undefined;
    }
    return failures.get(method)?.shift()?.failure;
  };
  let outage: { status: number } | 'drop' | null = null;
  const downloads: FakeSlackDownload[] = [];
  let filesRead = config.filesRead ?? true;
  const files = { store, teamId: identity.teamId, token, filesRead: () => filesRead, takeFailure: () => takeFailure(FILE_DOWNLOAD), downloads };
  const context: WebApiContext = {
    store,
    identity,
    channels: config.channels === undefined ? undefined : new Set(config.channels),
    outside: new Set(config.notMemberOf ?? []),
    scopes: new Set(config.scopes ?? HEIMO_SLACK_SCOPES),
    people,
    views,
    onPosted: (message) => void events.deliver(events.posted(message, store)),
    onUpdated: (before, after) => void events.deliver(events.changed(before, after, store)),
    onDeleted: (channel, before) => void events.deliver(events.deleted(before, channel, store)),
    // Slack echoes the app's own reactions too when it subscribes to reaction events.
    onReaction: (change) => void events.deliver(events.reaction(change, store)),
  };

  const answer = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(JSON.stringify(body));
  };

  const server = createServer((request, response) => {
    if (answerDownload(request, response, files)) return;
    if (interactions.answerResponse(request, response)) return;
    const method = /^\/api\/([\w.]+)$/.exec(new URL(request.url ?? '/', 'http://fake').pathname)?.[1];
    if (request.method !== 'POST' || method === undefined) return answer(response, 404, { ok: false, error: 'not_found' });
    readParams(request).then(({ params, token: given }) => {
      config.onRequest?.({ method, params });
      if (outage === 'drop') {
        calls.push({ method, params, status: 0 });
        return void request.socket.destroy();
      }
      if (outage !== null) {
        calls.push({ method, params, status: outage.status });
        return answer(response, outage.status, { ok: false, error: 'service_unavailable' });
      }
      const failure = takeFailure(method);
      if (failure !== undefined && 'status' in failure) {
        calls.push({ method, params, status: failure.status });
        if (failure.status === 429) {
          return answer(response, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfterSeconds) });
        }
        return answer(response, 500, { ok: false, error: 'internal_error' });
      }
      const result = failure !== undefined && 'error' in failure
        ? { ok: false, error: failure.error }
        : method === 'apps.connections.open'
          ? socket.open(given)
          : given === undefined
          ? { ok: false, error: 'not_authed' }
          : given !== token
            ? { ok: false, error: 'invalid_auth' }
            : answerMethod(method, params, context);
      const error = result['ok'] === true ? undefined : String(result['error']);
      // A hang took effect like any call, but its answer is never sent (close() drops the connection).
      const hang = failure !== undefined && 'hang' in failure;
      calls.push({ method, params, status: hang ? 0 : 200, ...(error === undefined ? {} : { error }) });
      // Slack names the token's scopes on every call the token authenticated.
      const scopes = given === token ? { 'x-oauth-scopes': [...context.scopes].join(',') } : undefined;
      // A slow answer: the call takes effect now, its answer comes `slowMs` later.
      const slowMs = failure !== undefined && 'slowMs' in failure ? failure.slowMs : 0;
      if (hang) return;
      if (slowMs > 0) setTimeout(() => answer(response, 200, result, scopes), slowMs);
      else answer(response, 200, result, scopes);
    }).catch((error: unknown) => answer(response, 400, { ok: false, error: 'invalid_form_data', detail: String(error) }));
  });
  server.on('upgrade', (request: IncomingMessage, duplex: Duplex, head: Buffer) => {
    if (!socket.upgrade(request, duplex, head)) duplex.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  socket.listen(`ws://127.0.0.1:${port}`);

  const userEvent = (message: FakeSlackMessage): Record<string, unknown> => events.posted(message, store);

  return {
    apiUrl: `${origin}/api/`,
    identity,
    token,
    appToken,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    messages: store.messages,
    message: (channel, ts) => store.find(channel, ts),
    thread: (channel, rootTs) => store.thread(channel, rootTs),
    deliveries: events.deliveries,
    addUser: (user) => void store.users.set(user.id, user),
    failNext: (method, failure, options = {}) => void failures.set(method, [...(failures.get(method) ?? []), { failure, skip: options.afterCalls ?? 0 }]),
    setOutage: (next) => void (outage = next),
    clearFailures: (method) => void (method === undefined ? failures.clear() : failures.delete(method)),
    setEvents: (url, signingSecret) => Object.assign(target, { url, signingSecret }),
    async userPosts(post) {
      const shared = (post.files ?? []).map((file) => storeFile(file, post.user, origin, store, identity.teamId));
      const message: FakeSlackMessage = {
        channel: post.channel,
        ts: store.nextTs(),
        user: post.user,
        text: post.text,
        reactions: [],
        sent: {},
        ...(post.threadTs === undefined ? {} : { threadTs: post.threadTs }),
        ...(shared.length === 0 ? {} : { files: shared }),
      };
      store.messages.push(message);
      return { ts: message.ts, delivery: await events.deliver(userEvent(message)), files: shared };
    },
    downloads,
    setScopes: (scopes) => void (context.scopes = new Set(scopes)),
    setMember: (channel, member) => void (member ? context.outside.delete(channel) : context.outside.add(channel)),
    setFilesRead: (granted) => void (filesRead = granted),
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
    async userReacts({ channel, ts, user, name, added = true }) {
      const message = store.find(channel, ts);
      if (message === undefined) throw new Error(`fake slack: no message ${channel}/${ts}`);
      // The event goes out even when the state did not change, so tests can replay a duplicate.
      if (added) addReaction(message, name, user);
      else removeReaction(message, name, user);
      return events.deliver(events.reaction({ message, user, name, added }, store));
    },
    userClicks: async (payload) => events.interact(payload),
    userRunsCommand: (input) => interactions.command(input),
    userPresses: (input) => interactions.press(input),
    userShortcut: (input) => interactions.shortcut(input),
    views: views.opened,
    userSubmitsView: (input) => interactions.submitView(input),
    responses: interactions.responses,
    interactions: interactions.interactions,
    ephemerals: people.ephemerals,
    userGroups: people.groups,
    envelopes: socket.envelopes,
    redeliver: (envelopeId) => socket.redeliver(envelopeId),
    sendRawEnvelope: (payload) => socket.send(payload as Record<string, unknown>),
    dropSocket: (how) => socket.drop(how),
    sockets: () => ({ opened: socket.connections, open: socket.openSockets }),
    settled: () => events.settled(),
    async close() {
      // Connections first: no envelope can be acknowledged once they are gone, so none is waited for.
      socket.close();
      await events.settled();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
