import type { Client } from 'discord.js';
import { DISPATCH_SCHEMAS } from './dispatch-schemas.ts';

/** A gateway dispatch as discord.js hands it to its handlers. */
export interface Packet {
  t?: unknown;
  d?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Why a gateway dispatch would break discord.js's handlers, as a short stable reason (the first
 * failing field, array indices as `*`, never a value); undefined when it looks sound.
 */
export function malformedReason(packet: Packet): string | undefined {
  const schema = typeof packet.t === 'string' ? DISPATCH_SCHEMAS[packet.t] : undefined;
  if (schema === undefined) return undefined;
  if (!isObject(packet.d)) return 'payload is not an object';
  const result = schema.safeParse(packet.d);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).map((part) => (typeof part === 'number' ? '*' : String(part))).join('.');
  const what = issue?.code === 'custom' ? issue.message : (issue?.code ?? 'invalid');
  return `${path === '' ? 'payload' : path}: ${what}`;
}

/** The ids a dispatch names (message, channel, guild), for logs that carry no content. */
export function idsOf(packet: Packet): Record<string, string> {
  const d = isObject(packet.d) ? packet.d : {};
  const ids: Record<string, string> = {};
  for (const key of ['id', 'channel_id', 'guild_id', 'message_id'] as const) {
    const value = d[key];
    if (typeof value === 'string' && /^\d{1,20}$/.test(value)) ids[key] = value;
  }
  return ids;
}

/**
 * Neutralises a malformed dispatch in place. discord.js hands the same packet object to its
 * handlers right after the `raw` event; an event name it does not know is skipped.
 */
export function defuseDispatch(packet: Packet): void {
  packet.t = `HEIMO_DROPPED_${String(packet.t)}`;
}

interface PacketHandling {
  handlePacket(packet?: Packet, shard?: unknown): boolean;
}

/**
 * Contains a throw inside discord.js's packet handlers (a shape the schemas do not know yet):
 * unguarded it escapes the WebSocket listener, or a setImmediate for queued packets, and ends
 * the process. Every handler call goes through WebSocketManager#handlePacket (private in
 * discord.js 14; the test suite checks that a throwing dispatch is contained).
 */
export function superviseDispatches(client: Client, onThrow: (packet: Packet, error: unknown) => void): void {
  const manager = client.ws as unknown as PacketHandling;
  if (typeof manager.handlePacket !== 'function') throw new Error('discord.js no longer has WebSocketManager#handlePacket: update superviseDispatches');
  const handle = manager.handlePacket.bind(manager);
  // An own property: the manager's queued packets (this.handlePacket) are supervised too.
  manager.handlePacket = (packet, shard) => {
    try {
      return handle(packet, shard);
    } catch (error) {
      onThrow(packet ?? {}, error);
      return true;
    }
  };
}
