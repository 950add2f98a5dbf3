import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, HeimoError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/ports/logger.ts';
import { runAction, SandboxInputError, type SandboxPane } from './panes/pane.ts';
import { renderPage, type PaneHeading } from './web/page.ts';

/** Heimo's state as the page's header shows it. */
export interface HeimoStatus {
  ok: boolean;
  summary: string;
}

/** What the page server serves: the panes, Heimo's status, where to listen. */
export interface SandboxWebConfig {
  panes: Array<SandboxPane & PaneHeading>;
  status(): HeimoStatus;
  port: number;
  host: string;
  logger: Logger;
  /** How often a change is looked for and pushed to open pages. */
  pushIntervalMs?: number;
}

/** The running page server. */
export interface SandboxWeb {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SandboxInputError(`request body over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  try {
    return raw === '' ? {} : (JSON.parse(raw) as unknown);
  } catch {
    throw new SandboxInputError('request body is not JSON');
  }
}

const send = (response: ServerResponse, status: number, body: string, type: string): void => {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
};
const sendJson = (response: ServerResponse, status: number, body: unknown): void => send(response, status, JSON.stringify(body), 'application/json; charset=utf-8');

/** Serves the page, its state (`GET /api/state`, and pushed as server-sent events on `/api/events`) and pane actions (`POST /api/<pane>/<action>`). */
export async function startSandboxWeb(config: SandboxWebConfig): Promise<SandboxWeb> {
  const page = renderPage(config.panes);
  const snapshot = (): string => {
    const state: Record<string, unknown> = { heimo: config.status() };
    for (const pane of config.panes) {
      try {
        state[pane.id] = pane.view();
      } catch (error) {
        config.logger.warn('sandbox: could not draw a pane', { pane: pane.id, error });
      }
    }
    return JSON.stringify(state);
  };

  const listeners = new Set<ServerResponse>();
  let last = '';
  const push = (): void => {
    if (listeners.size === 0) return;
    const next = snapshot();
    if (next === last) return;
    last = next;
    for (const listener of listeners) listener.write(`data: ${next}\n\n`);
  };
  const ticker = setInterval(push, config.pushIntervalMs ?? 150);
  // A comment line now and then keeps proxies and browsers from dropping an idle stream.
  const keepAlive = setInterval(() => listeners.forEach((listener) => listener.write(': keep-alive\n\n')), 15_000);

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://sandbox').pathname;
    if (request.method === 'GET' && path === '/') return send(response, 200, page, 'text/html; charset=utf-8');
    if (request.method === 'GET' && path === '/api/state') return send(response, 200, snapshot(), 'application/json; charset=utf-8');
    if (request.method === 'GET' && path === '/api/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(`retry: 1000\ndata: ${snapshot()}\n\n`);
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
      return;
    }
    const match = /^\/api\/([a-z]+)\/([a-z]+)$/.exec(path);
    const pane = config.panes.find((candidate) => candidate.id === match?.[1]);
    if (request.method !== 'POST' || match === null || pane === undefined) return sendJson(response, 404, { error: `no ${request.method} ${path} here` });
    try {
      const result = await runAction(pane, match[2] ?? '', await readJson(request));
      push();
      return sendJson(response, 200, { result: result ?? null });
    } catch (error) {
      if (error instanceof SandboxInputError) return sendJson(response, 400, { error: error.message });
      config.logger.warn('sandbox: action failed', { pane: pane.id, action: match[2], error });
      const message = error instanceof HeimoError || error instanceof Error ? error.message : String(error);
      return sendJson(response, 502, { error: `${pane.id} ${match[2]} failed: ${message}` });
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      config.logger.error('sandbox: request failed', { error });
      if (!response.headersSent) sendJson(response, 500, { error: 'the sandbox could not answer' });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      clearInterval(ticker);
      clearInterval(keepAlive);
      reject(error.code === 'EADDRINUSE' ? new ConfigError('CONFIG_INVALID', '--port', `port ${config.port} on ${config.host} is already in use: choose another with --port`) : error);
    });
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/`,
    close: async () => {
      clearInterval(ticker);
      clearInterval(keepAlive);
      for (const listener of listeners) listener.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
