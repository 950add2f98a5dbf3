import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Answer } from './api-helpers.ts';
import type { SignedSendResult } from './sign.ts';

/** One Events API delivery sent over Socket Mode, and whether the bot acknowledged it. */
export interface FakeSlackEnvelope {
  envelopeId: string;
  /** `events_api` for events, `interactive` for buttons and shortcuts, `slash_commands` for `/heimo`. */
  type: 'events_api' | 'interactive' | 'slash_commands';
  /** The event's id; empty for an interaction. */
  eventId: string;
  /** The `event_callback` body (or interaction payload), exactly what the HTTP path would POST. */
  payload: Record<string, unknown>;
  /** 0 for the first delivery; a redelivery counts up, as Slack's `retry_attempt` does. */
  retryAttempt: number;
  /** Set once the bot answered `{ envelope_id }` for this envelope. */
  acked: boolean;
}

/** What a Socket Mode delivery resolves with: 200 once acknowledged, 0 when no ack came in time. */
export type SocketSendResult = SignedSendResult & { eventId: string; envelopeId: string };

/** Settings of the Socket Mode half of the fake. */
export interface SocketModeConfig {
  appId: string;
  /** The one app-level token `apps.connections.open` accepts. */
  appToken: string;
  /** How long a delivery waits for its ack before resolving unacknowledged (Slack waits 3 s). */
  ackTimeoutMs: number;
}

/** Serves `apps.connections.open` and the WebSocket it points to, speaking Slack's Socket Mode protocol. */
export class FakeSocketMode {
  readonly envelopes: FakeSlackEnvelope[] = [];
  /** How many WebSocket connections the bot opened (a reconnect adds one). */
  connections = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly tickets = new Set<string>();
  // Slack holds events while no connection is open and sends them once one is.
  private readonly waiting: FakeSlackEnvelope[] = [];
  private readonly acks = new Map<string, (status: number) => void>();
  private baseUrl = '';

  constructor(private readonly config: SocketModeConfig) {}

  /** Sets the ws:// base the connection URLs point to (known once the HTTP server listens). */
  listen(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  /** Answers `apps.connections.open`: only the app-level token gets a single-use URL. */
  open(token: string | undefined): Answer {
    if (token === undefined) return { ok: false, error: 'not_authed' };
    if (!token.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
    if (token !== this.config.appToken) return { ok: false, error: 'invalid_auth' };
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return { ok: true, url: `${this.baseUrl}/socket?ticket=${ticket}&app_id=${this.config.appId}` };
  }

  /** Takes an HTTP upgrade to `/socket`; false when the request is not for the socket. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (url.pathname !== '/socket') return false;
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
    return true;
  }

  /** Sends an envelope and resolves once it is acknowledged or the ack window passed. */
  send(payload: Record<string, unknown>, options: { eventId?: string; retryAttempt?: number; type?: FakeSlackEnvelope['type'] } = {}): Promise<SocketSendResult> {
    const { eventId = '', retryAttempt = 0, type = 'events_api' } = options;
    const envelope: FakeSlackEnvelope = { envelopeId: randomUUID(), type, eventId, payload, retryAttempt, acked: false };
    this.envelopes.push(envelope);
    const result = (status: number): SocketSendResult => ({ status, body: status === 200 ? '' : 'not acknowledged', eventId, envelopeId: envelope.envelopeId });
    return new Promise((resolve) => {
      const settle = (status: number): void => {
        clearTimeout(timer);
        this.acks.delete(envelope.envelopeId);
        resolve(result(status));
      };
      const timer = setTimeout(() => settle(0), this.config.ackTimeoutMs);
      this.acks.set(envelope.envelopeId, settle);
      if (!this.transmit(envelope)) this.waiting.push(envelope);
    });
  }

  /** Sends an envelope's payload again as a new envelope with the next `retry_attempt`, as Slack retries. */
  redeliver(envelopeId: string): Promise<SocketSendResult> {
    const original = this.envelopes.find((envelope) => envelope.envelopeId === envelopeId);
    if (original === undefined) throw new Error(`fake slack: no envelope ${envelopeId}`);
    return this.send(original.payload, { eventId: original.eventId, retryAttempt: original.retryAttempt + 1, type: original.type });
  }

  /** Cuts every open connection: `terminate` as a network failure, `disconnect` as Slack recycling its server. */
  drop(how: 'terminate' | 'disconnect' = 'terminate'): void {
    for (const ws of this.sockets) {
      if (how === 'terminate') ws.terminate();
      else ws.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake-slack' } }));
    }
  }

  /** How many connections are open right now. */
  get openSockets(): number {
    return this.sockets.size;
  }

  /** Closes every connection and resolves every delivery still waiting for an ack. */
  close(): void {
    for (const ws of this.sockets) ws.terminate();
    for (const settle of [...this.acks.values()]) settle(0);
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    this.connections += 1;
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      let id: unknown;
      try {
        id = (JSON.parse(String(data)) as { envelope_id?: unknown }).envelope_id;
      } catch {
        return; // Slack ignores frames it cannot read; the envelope stays unacknowledged
      }
      const envelope = this.envelopes.find((candidate) => candidate.envelopeId === id);
      if (envelope === undefined) return;
      envelope.acked = true;
      this.acks.get(envelope.envelopeId)?.(200);
    });
    const hello = { type: 'hello', num_connections: this.sockets.size, debug_info: { host: 'fake-slack', build_number: 1, approximate_connection_time: 18_060 }, connection_info: { app_id: this.config.appId } };
    ws.send(JSON.stringify(hello));
    for (const envelope of this.waiting.splice(0)) if (!this.transmit(envelope)) this.waiting.push(envelope);
  }

  // The newest open connection gets the event, as the SDK keeps only its latest one alive.
  private transmit(envelope: FakeSlackEnvelope): boolean {
    const ws = [...this.sockets].reverse().find((candidate) => candidate.readyState === candidate.OPEN);
    if (ws === undefined) return false;
    const { envelopeId, type, retryAttempt, payload } = envelope;
    // Interactions may be answered in the ack; events carry Slack's retry bookkeeping instead.
    const extra = type !== 'events_api'
      ? { accepts_response_payload: true }
      : { accepts_response_payload: false, retry_attempt: retryAttempt, retry_reason: retryAttempt === 0 ? '' : 'timeout' };
    ws.send(JSON.stringify({ envelope_id: envelopeId, type, ...extra, payload }));
    return true;
  }
}
