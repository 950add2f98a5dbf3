import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreatePayload, type FakeWorld } from './state.ts';

/** What the gateway needs from the fake around it. */
export interface FakeGatewayConfig {
  world: FakeWorld;
  token: string;
  heartbeatIntervalMs: number;
  /** False acts like a bot whose Message Content intent is not enabled in the developer portal. */
  allowPrivilegedIntents: boolean;
  /** ws://host:port, used for READY's resume_gateway_url. */
  baseUrl: () => string;
}

/** A frame a client sent, kept for assertions (tokens are dropped). */
export interface GatewayFrame {
  op: number;
  at: number;
}

interface Session {
  id: string;
  /** [shard id, shard count] the client identified with. */
  shard: [number, number];
  intents: number;
  socket: WebSocket | null;
  seq: number;
  /** Every dispatch with its sequence, so a RESUME can replay what the client missed. */
  sent: Array<{ s: number; t: string; d: unknown }>;
}

const GUILD_MESSAGES = 1 << 9;
const GUILD_MESSAGE_REACTIONS = 1 << 10;
const MESSAGE_CONTENT = 1 << 15;

/** Creates the gateway half of the fake: HELLO, IDENTIFY/RESUME, heartbeats and dispatches. */
export function createFakeGateway(config: FakeGatewayConfig) {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Map<string, Session>();
  const frames: GatewayFrame[] = [];
  const socketSessions = new WeakMap<WebSocket, Session>();
  const identifies: Array<{ shard: [number, number]; at: number }> = [];

  const sendRaw = (session: Session, t: string, d: unknown): void => {
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    session.socket?.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
  };

  // Real Discord filters message and reaction events by intents and blanks content without MESSAGE_CONTENT.
  const shape = (session: Session, t: string, d: unknown): unknown | undefined => {
    if (t.startsWith('MESSAGE_REACTION_')) return (session.intents & GUILD_MESSAGE_REACTIONS) === 0 ? undefined : d;
    if (!t.startsWith('MESSAGE_')) return d;
    if ((session.intents & GUILD_MESSAGES) === 0) return undefined;
    const message = d as { author?: { id?: string }; content?: string };
    if ((session.intents & MESSAGE_CONTENT) !== 0 || message.author?.id === config.world.botUser.id || message.content === undefined) return d;
    // Without Message Content, Discord leaves out attachments and embeds as well as the text.
    return { ...message, content: '', attachments: [], embeds: [] };
  };

  const onIdentify = (socket: WebSocket, d: { token?: string; intents?: number; shard?: [number, number] }): void => {
    if (d.token !== config.token) {
      socket.close(4004, 'Authentication failed');
      return;
    }
    if (!config.allowPrivilegedIntents && ((d.intents ?? 0) & MESSAGE_CONTENT) !== 0) {
      socket.close(4014, 'Disallowed intent(s).');
      return;
    }
    const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    const session: Session = { id: randomUUID(), shard, intents: d.intents ?? 0, socket, seq: 0, sent: [] };
    identifies.push({ shard, at: Date.now() });
    sessions.set(session.id, session);
    socketSessions.set(socket, session);
    const { botUser, guildId, applicationId } = config.world;
    sendRaw(session, 'READY', {
      v: 10,
      user: botUser,
      guilds: [{ id: guildId, unavailable: true }],
      session_id: session.id,
      resume_gateway_url: `${config.baseUrl()}/gateway-resume`,
      shard,
      application: { id: applicationId, flags: 0 },
    });
    sendRaw(session, 'GUILD_CREATE', guildCreatePayload(config.world));
  };

  const onResume = (socket: WebSocket, d: { token?: string; session_id?: string; seq?: number }): void => {
    const session = d.session_id === undefined ? undefined : sessions.get(d.session_id);
    if (d.token !== config.token || session === undefined) {
      socket.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    session.socket = socket;
    socketSessions.set(socket, session);
    for (const event of session.sent.filter((item) => item.s > (d.seq ?? 0))) {
      socket.send(JSON.stringify({ op: 0, t: event.t, s: event.s, d: event.d }));
    }
    sendRaw(session, 'RESUMED', {});
  };

  wss.on('connection', (socket: WebSocket) => {
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: config.heartbeatIntervalMs } }));
    socket.on('message', (raw) => {
      let frame: { op?: number; d?: unknown };
      try {
        frame = JSON.parse(String(raw)) as { op?: number; d?: unknown };
      } catch {
        socket.close(4002, 'Error while decoding payload');
        return;
      }
      frames.push({ op: frame.op ?? -1, at: Date.now() });
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      else if (frame.op === 2) onIdentify(socket, (frame.d ?? {}) as { token?: string; intents?: number });
      else if (frame.op === 6) onResume(socket, (frame.d ?? {}) as { token?: string; session_id?: string; seq?: number });
    });
    socket.on('close', () => {
      const session = socketSessions.get(socket);
      if (session?.socket === socket) session.socket = null;
    });
    // A session whose client died without closing (SIGKILL) is found out by its missed heartbeats, as on Discord.
    let lastBeat = Date.now();
    socket.on('message', () => {
      lastBeat = Date.now();
    });
    const watchdog = setInterval(() => {
      if (Date.now() - lastBeat > config.heartbeatIntervalMs * 2) socket.terminate();
    }, config.heartbeatIntervalMs);
    watchdog.unref();
    socket.on('close', () => clearInterval(watchdog));
  });

  return {
    frames,
    /** Every IDENTIFY accepted, with the shard it named, oldest first. */
    identifies,
    /** The shard of each session that has a connected socket now: who holds the gateway. */
    liveSessions(): Array<[number, number]> {
      return [...sessions.values()].filter((session) => session.socket !== null && session.socket.readyState === session.socket.OPEN).map((session) => session.shard);
    },
    /** Accepts WebSocket upgrades on /gateway and /gateway-resume; refuses the rest. */
    attach(server: Server): void {
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        if (!(req.url ?? '').startsWith('/gateway')) {
          socket.destroy();
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      });
    },
    /** Sends a dispatch to every session (buffered for sessions that are reconnecting). */
    dispatch(t: string, d: unknown): void {
      for (const session of sessions.values()) {
        const shaped = shape(session, t, d);
        if (shaped !== undefined) sendRaw(session, t, shaped);
      }
    },
    /** Sends an arbitrary text frame, e.g. invalid JSON, to every connected client. */
    sendFrame(text: string): void {
      for (const client of wss.clients) client.send(text);
    },
    /** Cuts every connection without a close frame, as a network failure would. */
    dropConnections(): void {
      for (const client of wss.clients) client.terminate();
    },
    /** Forgets every session and cuts the connections: a RESUME is refused, the client must IDENTIFY anew and events of the gap are gone. */
    invalidateSessions(): void {
      sessions.clear();
      for (const client of wss.clients) client.terminate();
    },
    /** Number of open WebSocket connections. */
    connectionCount(): number {
      return wss.clients.size;
    },
    close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

/** The gateway half of the fake. */
export type FakeGateway = ReturnType<typeof createFakeGateway>;
