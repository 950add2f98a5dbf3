import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { UploadedFile } from './messages.ts';
import { ApiError, createRoutes, type Route, type RouteConfig } from './rest-routes.ts';

/** One REST call the fake received (the Authorization header is reduced to a yes/no). */
export interface LoggedRequest {
  method: string;
  /** Path below /api/v10, without the query string. */
  path: string;
  query: Record<string, string>;
  /** The JSON body, or a multipart request's payload_json. */
  body: unknown;
  /** Files of a multipart request (`files[n]` parts), in order. */
  files: Array<{ filename: string; size: number; contentType: string }>;
  authorized: boolean;
  status: number;
  at: number;
}

/** A failure to answer the next matching request with. */
export type FakeFailure =
  | { status: 429; retryAfterSeconds: number }
  /** With `afterHandling`, the request takes effect but the answer is lost, like a timeout after the write. */
  | { status: 500 | 502 | 503; afterHandling?: boolean }
  | { status: 400 | 401 | 403 | 404 | 413; code: number; message?: string };

/** Which requests a failure applies to: "METHOD /path" prefix, a RegExp on it, or a predicate. */
export type RequestMatch = string | RegExp | ((request: { method: string; path: string }) => boolean);

/** The routes' needs plus the bot token and the rate-limit numbers to report. */
export interface FakeRestConfig extends RouteConfig {
  token: string;
  rateLimit: { limit: number; windowSeconds: number };
  /** Sees every request once its body is read, before it is answered (benchmarks time deliveries with it). */
  onRequest?: (request: { method: string; path: string; body: unknown }) => void;
  /** Routes matched before the message routes (interactions, application commands, channel edits). */
  extraRoutes?: Route[];
}

/** A request body as Discord reads it: JSON, or multipart/form-data with payload_json and files[n] parts. */
async function readBody(raw: Buffer, contentType: string): Promise<{ body: Record<string, unknown>; files: UploadedFile[] }> {
  if (!contentType.startsWith('multipart/form-data')) {
    return { body: (raw.length > 0 && contentType.includes('json') ? JSON.parse(raw.toString('utf8')) : {}) as Record<string, unknown>, files: [] };
  }
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const payload = form.get('payload_json');
  const body: Record<string, unknown> = typeof payload === 'string' ? (JSON.parse(payload) as Record<string, unknown>) : {};
  const files: UploadedFile[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') {
      // Without payload_json, Discord reads the other form fields as the body.
      if (payload === null) body[key] = value;
      continue;
    }
    if (!/^files\[\d+\]$/.test(key)) continue;
    files.push({ filename: value.name, contentType: value.type || 'application/octet-stream', data: Buffer.from(await value.arrayBuffer()) });
  }
  return { body, files };
}

/** Creates the REST half of the fake: routes, auth, rate-limit headers and failure injection. */
export function createFakeRest(config: FakeRestConfig) {
  const requests: LoggedRequest[] = [];
  const failures: Array<{ match: RequestMatch; failure: FakeFailure; times: number }> = [];
  const windows = new Map<string, { count: number; resetAt: number }>();
  const routes = [...(config.extraRoutes ?? []), ...createRoutes(config)];

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
    /** The failure queued for this request, if any (the fake's CDN shares the queue). */
    takeFailure,
    /** Handles one HTTP request under /api/v10. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      const path = url.pathname.replace(/^\/api(\/v\d+)?/, '').split('/').map(decodeURIComponent).join('/');
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const { body, files } = await readBody(Buffer.concat(chunks), req.headers['content-type'] ?? '');
      config.onRequest?.({ method, path, body });
      const authorized = req.headers.authorization === `Bot ${config.token}`;
      const send = (status: number, payload: unknown, headers: Record<string, string>): void => {
        answer(res, status, payload, headers);
        const logged = files.map((file) => ({ filename: file.filename, size: file.data.byteLength, contentType: file.contentType }));
        requests.push({ method, path, query: Object.fromEntries(url.searchParams), body, files: logged, authorized, status, at: Date.now() });
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
      if (failure !== undefined && 'afterHandling' in failure && failure.afterHandling === true) {
        matched.handler({ params, query: url.searchParams, body, files });
      }
      if (failure !== undefined) {
        const code = 'code' in failure ? failure.code : 0;
        const text = 'code' in failure ? failure.message ?? 'Injected failure' : `${failure.status}: Server Error`;
        return send(failure.status, { message: text, code }, headers);
      }
      try {
        const result = matched.handler({ params, query: url.searchParams, body, files, headers: req.headers });
        send(result.status, result.body, headers);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        send(error.status, { message: error.message, code: error.code }, headers);
      }
    },
  };
}

/** The REST half of the fake. */
export type FakeRest = ReturnType<typeof createFakeRest>;
