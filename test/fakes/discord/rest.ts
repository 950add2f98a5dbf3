import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { MessageOps, AllowedMentions } from './messages.ts';
import { snowflake, type FakeMessage, type FakeWebhook, type FakeWorld } from './state.ts';

/** One REST call the fake received (the Authorization header is reduced to a yes/no). */
export interface LoggedRequest {
  method: string;
  /** Path below /api/v10, without the query string. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorized: boolean;
  status: number;
  at: number;
}

/** A failure to answer the next matching request with. */
export type FakeFailure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 | 502 | 503 }
  | { status: 400 | 401 | 403 | 404; code: number; message?: string };

/** Which requests a failure applies to: "METHOD /path" prefix, a RegExp on it, or a predicate. */
export type RequestMatch = string | RegExp | ((request: { method: string; path: string }) => boolean);

/** Knobs a test can turn while the fake runs. */
export interface FakeRestConfig {
  world: FakeWorld;
  ops: MessageOps;
  token: string;
  gatewayUrl: () => string;
  nonceWindowMs: number;
  rateLimit: { limit: number; windowSeconds: number };
  permissions: { manageWebhooks: boolean };
}

class ApiError extends Error {
  constructor(readonly status: number, readonly code: number, message: string) {
    super(message);
  }
}

type Body = Record<string, unknown>;
type Context = { params: string[]; query: URLSearchParams; body: Body };
type Handler = (context: Context) => { status: number; body?: unknown };
interface Route { method: string; pattern: RegExp; bucket: string; auth: boolean; handler: Handler }

const ok = (body: unknown, status = 200) => ({ status, body });

/** Creates the REST half of the fake: routes, auth, rate-limit headers and failure injection. */
export function createFakeRest(config: FakeRestConfig) {
  const { world, ops } = config;
  const requests: LoggedRequest[] = [];
  const failures: Array<{ match: RequestMatch; failure: FakeFailure; times: number }> = [];
  const windows = new Map<string, { count: number; resetAt: number }>();
  const nonces = new Map<string, { message: FakeMessage; at: number }>();

  const channel = (id: string | undefined) => world.channels.get(id ?? '') ?? fail(404, 10003, 'Unknown Channel');
  const message = (channelId: string, id: string | undefined) => ops.find(channelId, id ?? '') ?? fail(404, 10008, 'Unknown Message');
  const webhook = (id: string | undefined, token: string | undefined): FakeWebhook => {
    const found = world.webhooks.get(id ?? '') ?? fail(404, 10015, 'Unknown Webhook');
    return found.token === token ? found : fail(401, 50027, 'Invalid Webhook Token');
  };
  const canManageWebhooks = () => config.permissions.manageWebhooks || fail(403, 50013, 'Missing Permissions');
  const content = (body: Body): string => {
    const text = typeof body.content === 'string' ? body.content : '';
    if (text.length === 0) fail(400, 50006, 'Cannot send an empty message');
    if (text.length > 2000) fail(400, 50035, 'Invalid Form Body (content: Must be 2000 or fewer in length.)');
    return text;
  };
  const allowed = (body: Body) => (body.allowed_mentions ?? undefined) as AllowedMentions | undefined;
  const validName = (name: unknown, max: number): string => {
    if (typeof name !== 'string' || name.length < 1 || name.length > max || /clyde|discord/i.test(name)) {
      fail(400, 50035, 'Invalid Form Body (name)');
    }
    return name as string;
  };
  const webhookTarget = (hook: FakeWebhook, query: URLSearchParams): string => {
    const threadId = query.get('thread_id');
    if (threadId === null) return hook.channel_id;
    return world.channels.get(threadId)?.parent_id === hook.channel_id ? threadId : fail(400, 10003, 'Unknown Channel');
  };

  const routes: Route[] = [];
  const route = (method: string, path: string, handler: Handler, auth = true): void => {
    const pattern = new RegExp(`^${path.replace(/:\w+/g, '([^/]+)')}$`);
    routes.push({ method, pattern, bucket: `${method} ${path}`, auth, handler });
  };

  route('GET', '/gateway', () => ok({ url: config.gatewayUrl() }), false);
  route('GET', '/gateway/bot', () => ok({
    url: config.gatewayUrl(), shards: 1,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
  }));
  route('GET', '/users/@me', () => ok(world.botUser));
  route('GET', '/channels/:cid', ({ params }) => ok(channel(params[0])));
  route('GET', '/channels/:cid/messages', ({ params, query }) => {
    const limit = Math.min(100, Number(query.get('limit') ?? 50));
    return ok([...ops.list(channel(params[0]).id)].reverse().slice(0, limit));
  });
  route('POST', '/channels/:cid/messages', ({ params, body }) => {
    const target = channel(params[0]);
    if (target.type === 15) fail(400, 50024, 'Cannot execute action on this channel type');
    const nonce = typeof body.nonce === 'string' ? body.nonce : undefined;
    const key = `${world.botUser.id}:${nonce}`;
    const seen = nonces.get(key);
    if (nonce !== undefined && body.enforce_nonce === true && seen !== undefined && Date.now() - seen.at < config.nonceWindowMs) {
      return ok(seen.message);
    }
    const posted = ops.post({ channelId: target.id, author: world.botUser, content: content(body), ...(nonce === undefined ? {} : { nonce }), ...optionalAllowed(body) });
    if (nonce !== undefined) nonces.set(key, { message: posted, at: Date.now() });
    return ok(posted);
  });
  route('GET', '/channels/:cid/messages/:mid', ({ params }) => ok(message(channel(params[0]).id, params[1])));
  route('PATCH', '/channels/:cid/messages/:mid', ({ params, body }) => {
    const found = message(channel(params[0]).id, params[1]);
    if (found.author.id !== world.botUser.id) fail(403, 50005, 'Cannot edit a message authored by another user');
    return ok(ops.edit(found, content(body), allowed(body)));
  });
  route('DELETE', '/channels/:cid/messages/:mid', ({ params }) => {
    ops.remove(message(channel(params[0]).id, params[1]));
    return { status: 204 };
  });
  route('POST', '/channels/:cid/messages/:mid/threads', ({ params, body }) => {
    const parent = channel(params[0]);
    if (parent.type !== 0) fail(400, 50024, 'Cannot execute action on this channel type');
    const starter = message(parent.id, params[1]);
    if (world.channels.has(starter.id)) fail(400, 160004, 'A thread has already been created for this message');
    const archive = typeof body.auto_archive_duration === 'number' ? body.auto_archive_duration : 4320;
    return ok(ops.startThread(parent, starter, validName(body.name, 100), world.botUser.id, archive), 201);
  });
  route('GET', '/channels/:cid/webhooks', ({ params }) => {
    canManageWebhooks();
    const id = channel(params[0]).id;
    return ok([...world.webhooks.values()].filter((hook) => hook.channel_id === id));
  });
  route('POST', '/channels/:cid/webhooks', ({ params, body }) => {
    canManageWebhooks();
    const target = channel(params[0]);
    const hook: FakeWebhook = {
      id: snowflake(), type: 1, guild_id: world.guildId, channel_id: target.id, name: validName(body.name, 80), avatar: null,
      token: createHash('sha256').update(snowflake()).digest('base64url'), application_id: world.applicationId, user: world.botUser,
    };
    world.webhooks.set(hook.id, hook);
    return ok(hook);
  });
  route('POST', '/webhooks/:wid/:token', ({ params, query, body }) => {
    const hook = webhook(params[0], params[1]);
    const channelId = webhookTarget(hook, query);
    const username = body.username === undefined ? hook.name : validName(body.username, 80);
    const author = { id: hook.id, username, global_name: null, avatar: null, discriminator: '0000', bot: true };
    const posted = ops.post({ channelId, author, content: content(body), webhookId: hook.id, ...optionalAllowed(body) });
    return query.get('wait') === 'true' ? ok(posted) : { status: 204 };
  }, false);
  const webhookMessage = ({ params, query }: Context): FakeMessage => {
    const hook = webhook(params[0], params[1]);
    const found = message(webhookTarget(hook, query), params[2]);
    return found.webhook_id === hook.id ? found : fail(404, 10008, 'Unknown Message');
  };
  route('GET', '/webhooks/:wid/:token/messages/:mid', (context) => ok(webhookMessage(context)), false);
  route('PATCH', '/webhooks/:wid/:token/messages/:mid', (context) =>
    ok(ops.edit(webhookMessage(context), content(context.body), allowed(context.body))), false);
  route('DELETE', '/webhooks/:wid/:token/messages/:mid', (context) => {
    ops.remove(webhookMessage(context));
    return { status: 204 };
  }, false);

  const rateHeaders = (bucket: string, major: string): Record<string, string> => {
    const key = `${bucket}:${major}`;
    const now = Date.now();
    let window = windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      window = { count: 0, resetAt: now + config.rateLimit.windowSeconds * 1000 };
      windows.set(key, window);
    }
    window.count += 1;
    return {
      'X-RateLimit-Limit': String(config.rateLimit.limit),
      'X-RateLimit-Remaining': String(Math.max(0, config.rateLimit.limit - window.count)),
      'X-RateLimit-Reset': (window.resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': ((window.resetAt - now) / 1000).toFixed(3),
      'X-RateLimit-Bucket': createHash('sha1').update(bucket).digest('hex').slice(0, 16),
    };
  };

  const takeFailure = (method: string, path: string): FakeFailure | undefined => {
    const index = failures.findIndex(({ match }) =>
      typeof match === 'string' ? `${method} ${path}`.startsWith(match)
        : match instanceof RegExp ? match.test(`${method} ${path}`) : match({ method, path }));
    const entry = failures[index];
    if (entry === undefined) return undefined;
    if ((entry.times -= 1) <= 0) failures.splice(index, 1);
    return entry.failure;
  };

  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void => {
    res.writeHead(status, body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };

  return {
    requests,
    /** Answers the next `times` (default 1) matching requests with `failure` instead of handling them. */
    failNext(match: RequestMatch, failure: FakeFailure, times = 1): void {
      failures.push({ match, failure, times });
    },
    /** Handles one HTTP request under /api/v10. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      const path = url.pathname.replace(/^\/api(\/v\d+)?/, '').split('/').map(decodeURIComponent).join('/');
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = (raw.length > 0 && (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw) : {}) as Body;
      const authorized = req.headers.authorization === `Bot ${config.token}`;
      const send = (status: number, payload: unknown, headers: Record<string, string>): void => {
        answer(res, status, payload, headers);
        requests.push({ method, path, query: Object.fromEntries(url.searchParams), body, authorized, status, at: Date.now() });
      };
      const matched = routes.find((item) => item.method === method && item.pattern.test(path));
      if (matched === undefined) return send(404, { message: '404: Not Found', code: 0 }, {});
      const params = (matched.pattern.exec(path) ?? []).slice(1);
      const headers = rateHeaders(matched.bucket, params[0] ?? 'global');
      if (matched.auth && !authorized) return send(401, { message: '401: Unauthorized', code: 0 }, headers);
      const failure = takeFailure(method, path);
      if (failure?.status === 429) {
        const after = String(failure.retryAfterSeconds);
        const limited = { ...headers, 'Retry-After': after, 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset-After': after, 'X-RateLimit-Scope': 'user' };
        return send(429, { message: 'You are being rate limited.', retry_after: failure.retryAfterSeconds, global: false }, limited);
      }
      if (failure !== undefined) {
        const code = 'code' in failure ? failure.code : 0;
        const text = 'code' in failure ? failure.message ?? 'Injected failure' : `${failure.status}: Server Error`;
        return send(failure.status, { message: text, code }, headers);
      }
      try {
        const result = matched.handler({ params, query: url.searchParams, body });
        send(result.status, result.body, headers);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        send(error.status, { message: error.message, code: error.code }, headers);
      }
    },
  };
}

function fail(status: number, code: number, message: string): never {
  throw new ApiError(status, code, message);
}

function optionalAllowed(body: Body): { allowedMentions?: AllowedMentions } {
  return body.allowed_mentions === undefined ? {} : { allowedMentions: body.allowed_mentions as AllowedMentions };
}

/** The REST half of the fake. */
export type FakeRest = ReturnType<typeof createFakeRest>;
