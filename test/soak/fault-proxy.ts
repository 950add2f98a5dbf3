import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the proxy treats requests right now. */
export interface FaultMode {
  /** Fraction of requests answered 500 without reaching the platform. */
  errorRate: number;
  /** While set, every request is answered 429 with this Retry-After (seconds). */
  rateLimitSeconds: number | null;
  /** While true, connections are cut as soon as they open (the platform is unreachable). */
  down: boolean;
}

/** A fault-injecting HTTP proxy in front of one platform stand-in. */
export interface FaultProxy {
  /** The proxy's base URL with `target`'s path, e.g. http://127.0.0.1:P/api. */
  readonly url: string;
  readonly mode: FaultMode;
  /** Counts of what the proxy did. */
  readonly counts: { forwarded: number; errors: number; rateLimited: number; cut: number };
  set(mode: Partial<FaultMode>): void;
  close(): Promise<void>;
}

const NORMAL: FaultMode = { errorRate: 0, rateLimitSeconds: null, down: false };

/** Starts a proxy on a free loopback port that forwards to `target` (http://host:port/path) unless a fault says otherwise. */
export async function startFaultProxy(target: string, random: () => number = Math.random): Promise<FaultProxy> {
  const upstream = new URL(target);
  const mode: FaultMode = { ...NORMAL };
  const counts = { forwarded: 0, errors: 0, rateLimited: 0, cut: 0 };
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    counts.forwarded += 1;
    const outgoing = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    outgoing.on('error', () => res.destroy());
    req.pipe(outgoing);
  };

  const server = createServer((req, res) => {
    if (mode.down) {
      counts.cut += 1;
      req.socket.destroy();
      return;
    }
    if (mode.rateLimitSeconds !== null) {
      counts.rateLimited += 1;
      const seconds = mode.rateLimitSeconds;
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(seconds), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(seconds), 'x-ratelimit-scope': 'shared' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited', message: 'You are being rate limited.', retry_after: seconds, global: false }));
      return;
    }
    if (mode.errorRate > 0 && random() < mode.errorRate) {
      counts.errors += 1;
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'internal_error', message: 'injected fault' }));
      return;
    }
    forward(req, res);
  });
  server.on('connection', (socket) => {
    if (mode.down) {
      counts.cut += 1;
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/$/, '')}${target.endsWith('/') ? '/' : ''}`,
    mode,
    counts,
    set(next) {
      Object.assign(mode, next);
      // Keep-alive connections would carry on past an outage: cut them when the platform goes down.
      if (mode.down) for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
