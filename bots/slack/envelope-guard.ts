import type { SocketModeReceiver } from '@slack/bolt';
import { type Logger, recordRejectedInput } from '../../core/index.ts';
import { malformedBodyReason } from './request-guard.ts';

type SocketClient = SocketModeReceiver['client'];
type MessageListener = (data: unknown, isBinary: boolean) => Promise<void>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// Frames that carry an event to the app; hello, disconnect and the like pass untouched.
const CARRIES_BODY = new Set(['events_api', 'interactive', 'slash_commands']);

function frameProblem(frame: unknown): string | undefined {
  if (!isRecord(frame)) return 'frame is not an object';
  if (typeof frame['type'] !== 'string') return 'frame type is not a string';
  if (!CARRIES_BODY.has(frame['type'])) return undefined;
  return malformedBodyReason(frame['payload']);
}

/**
 * Screens each Socket Mode frame before the SDK reads it: the client dereferences
 * `payload.event.type` unchecked in an async listener, so a `null` payload was an unhandled
 * rejection that ended the process. A malformed envelope is logged, counted and acknowledged
 * (Slack would redeliver the same bytes); the SDK's own listener handles the rest.
 */
export function guardEnvelopes(client: SocketClient, logger: Logger): void {
  const emitter = client as unknown as { listeners(event: string): MessageListener[]; removeAllListeners(event: string): void; on(event: string, listener: MessageListener): void };
  const original = emitter.listeners('ws_message');
  if (original.length === 0) throw new Error('@slack/socket-mode no longer listens to ws_message: update guardEnvelopes');
  emitter.removeAllListeners('ws_message');
  emitter.on('ws_message', async (data, isBinary) => {
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer));
    } catch {
      frame = undefined; // the SDK ignores frames it cannot parse
    }
    const problem = frame === undefined ? undefined : frameProblem(frame);
    if (problem === undefined) {
      for (const listener of original) await listener(data, isBinary).catch((error: unknown) => logger.error('slack socket frame could not be processed', { error }));
      return;
    }
    const envelopeId = isRecord(frame) && typeof frame['envelope_id'] === 'string' ? frame['envelope_id'] : undefined;
    logger.error('malformed slack envelope skipped', { reason: problem, ...(envelopeId === undefined ? {} : { envelopeId }) });
    recordRejectedInput({ platform: 'slack', reason: problem });
    // The SDK's own ack is this call (private in its typings).
    const acker = client as unknown as { send(id: string, body?: unknown): Promise<void> };
    if (envelopeId !== undefined) await acker.send(envelopeId, {}).catch(() => undefined);
  });
}
