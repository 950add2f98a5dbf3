import { type Logger as SlackLogger, SocketModeReceiver, type webApi } from '@slack/bolt';
import { type BotHealth, HeimoError, type Logger } from '../../core/index.ts';
import { AckAfterHandlingApp } from './ack-after-handling.ts';
import { RedeliverError, toHeimoError } from './errors.ts';
import { guardEnvelopes } from './envelope-guard.ts';
import type { SlackTransport } from './transport.ts';

/** What the Socket Mode transport needs. */
export interface SocketTransportConfig {
  appToken: string;
  /** The Web API client options; `slackApiUrl` is where `apps.connections.open` is called. */
  clientOptions: webApi.WebClientOptions;
  logger: Logger;
  boltLogger: SlackLogger;
  /** The first wait before reconnecting a dropped socket; it doubles up to 30 s. */
  reconnectDelayMs?: number;
}

const MAX_RECONNECT_DELAY_MS = 30_000;

// start() rejects with nothing when the socket closes before Slack's hello.
const socketError = (error: unknown): HeimoError =>
  error === undefined
    ? new HeimoError('PLATFORM_UNAVAILABLE', 'slack closed the socket before saying hello', { context: { method: 'apps.connections.open' } })
    : toHeimoError(error, 'apps.connections.open');

/**
 * Creates the Socket Mode transport: Heimo dials out to Slack (no public URL, no signing secret).
 * The SDK's own reconnect is off: it leaves a failed reconnect as an unhandled rejection and retries
 * refusals such as missing_scope forever, so this transport reconnects, with a growing delay.
 */
export function createSocketTransport(config: SocketTransportConfig): SlackTransport {
  const { logger, boltLogger } = config;
  const firstDelayMs = config.reconnectDelayMs ?? 1_000;
  let receiver: SocketModeReceiver | undefined;
  let problem: BotHealth | undefined;
  let connected = false;
  let open = false;
  let reconnecting = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  const reconnect = (client: SocketModeReceiver['client']): void => {
    if (!open || reconnecting) return;
    reconnecting = true;
    const delayMs = Math.min(MAX_RECONNECT_DELAY_MS, firstDelayMs * 2 ** failures);
    failures += 1;
    timer = setTimeout(() => {
      // Each attempt calls apps.connections.open again: Slack's socket URLs are single-use.
      client.start().then(
        () => {
          reconnecting = false;
          if (!open) void client.disconnect(); // stopped while this attempt was under way
          else if (!connected) reconnect(client); // dropped again before this callback ran
        },
        (error: unknown) => {
          reconnecting = false;
          if (!open) return;
          const failure = socketError(error);
          problem = { ok: false, detail: `slack socket reconnect failed: ${failure.message}` };
          logger.error('slack socket could not reconnect; retrying', { error: failure, attempt: failures });
          reconnect(client);
        },
      );
    }, delayMs);
  };

  const watch = (client: SocketModeReceiver['client']): void => {
    client.on('connected', () => {
      connected = true;
      if (problem !== undefined) logger.info('slack socket reconnected', { attempts: failures });
      problem = undefined;
      failures = 0;
    });
    // Emitted once a socket is gone for good (the SDK's reconnect is off), never during a stop.
    client.on('disconnected', () => {
      connected = false;
      if (!open) return;
      problem ??= { ok: false, detail: 'slack socket disconnected; reconnecting' };
      logger.warn('slack socket disconnected; reconnecting');
      reconnect(client);
    });
  };

  return {
    routes: [],
    via: 'Socket Mode',
    createApp(options) {
      receiver = new SocketModeReceiver({
        appToken: config.appToken,
        logger: boltLogger,
        autoReconnectEnabled: false,
        // The socket's own client calls apps.connections.open on the same API base as every other call.
        // No retries inside the call: a failed start reaches startBot at once, a failed reconnect our loop.
        installerOptions: { clientOptions: { ...config.clientOptions, retryConfig: { retries: 0 } } },
        processEventErrorHandler: async ({ error, event }) => {
          if (error instanceof RedeliverError) {
            logger.debug('slack event left unacknowledged so that Slack redelivers it');
            return false;
          }
          // A payload Bolt itself chokes on fails the same way on every redelivery: log it and ack.
          logger.error('slack event could not be processed; acknowledged without handling', { error });
          // Acked here, not by returning true: the receiver would not catch a failed send on a dropped socket.
          await event.ack().catch(() => undefined);
          return false;
        },
      });
      watch(receiver.client);
      guardEnvelopes(receiver.client, logger);
      return new AckAfterHandlingApp({ ...options, receiver }, (error) => logger.warn('slack event handled but its ack could not be sent; Slack will redeliver it', { error }));
    },
    async open() {
      const client = receiver?.client;
      if (client === undefined) throw new HeimoError('NOT_CONNECTED', 'slack socket opened before its app was made');
      try {
        await client.start();
      } catch (error) {
        await client.disconnect().catch(() => undefined);
        throw socketError(error);
      }
      open = true;
    },
    async close() {
      open = false;
      clearTimeout(timer);
      reconnecting = false;
      const client = receiver?.client;
      receiver = undefined;
      if (client !== undefined) await client.disconnect();
    },
    problem: () => (open ? problem : undefined),
  };
}
