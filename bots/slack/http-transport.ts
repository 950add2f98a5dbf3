import { App, HTTPReceiver, type Logger as SlackLogger } from '@slack/bolt';
import { type BotRoute, type Logger, recordRejectedInput } from '../../core/index.ts';
import { RedeliverError } from './errors.ts';
import { screenSlackRequest } from './request-guard.ts';
import type { SlackTransport } from './transport.ts';

/** The path Heimo's HTTP server mounts the Slack route on. */
export const SLACK_EVENTS_PATH = '/slack/events';
/** The path of `/heimo` (the slash command's request URL). */
export const SLACK_COMMANDS_PATH = '/slack/commands';
/** The path of button presses and message shortcuts (the interactivity request URL). */
export const SLACK_INTERACTIONS_PATH = '/slack/interactions';
const PATHS = [SLACK_EVENTS_PATH, SLACK_COMMANDS_PATH, SLACK_INTERACTIONS_PATH];

/** What the Events API transport needs. */
export interface HttpTransportConfig {
  signingSecret: string;
  logger: Logger;
  boltLogger: SlackLogger;
}

/** Creates the Events API transport: Slack posts signed events to `/slack/events` on Heimo's server. */
export function createHttpTransport(config: HttpTransportConfig): SlackTransport {
  const { logger, boltLogger } = config;
  let built: HTTPReceiver | undefined;
  let receiver: HTTPReceiver | undefined;

  // One handler behind each path: Bolt tells events, commands and interactions apart by their bodies.
  const handler: BotRoute['handler'] = (req, res, next) => {
    if (receiver === undefined) {
      // Slack redelivers on 5xx, so nothing is lost while the bot starts.
      res.writeHead(503, { 'content-type': 'text/plain' }).end('slack bot not started');
      return;
    }
    if (req.method !== 'POST') {
      next(); // not a Slack delivery: let the server's other routes (or its 404) answer
      return;
    }
    const ready = receiver;
    const refuse = (status: number, reason: string): void => {
      // Forgeries and stale requests are expected on a public endpoint; malformed signed bodies are not.
      if (status === 401) logger.warn('refused a slack request: not signed by slack within 5 minutes', { reason });
      else {
        logger.error('malformed slack request refused', { status, reason });
        recordRejectedInput({ platform: 'slack', reason, via: 'http' });
      }
      res.writeHead(status, { 'content-type': 'text/plain', ...(status === 413 ? { connection: 'close' } : {}) }).end(reason);
    };
    screenSlackRequest(req, config.signingSecret).then(
      (screened) => {
        if (!screened.ok) return refuse(screened.status, screened.reason);
        // Bolt reads a body already buffered in rawBody instead of the consumed stream.
        Object.assign(req, { rawBody: screened.rawBody });
        try {
          ready.requestListener(req, res);
        } catch {
          next(); // a POST to a path below /slack/events: not Slack's
        }
      },
      (error: unknown) => {
        logger.warn('slack request could not be read', { error });
        if (!res.headersSent) res.writeHead(400).end();
      },
    );
  };

  return {
    routes: PATHS.map((path) => ({ path, handler })),
    createApp(options) {
      // Mounted under /slack/events, express hands the listener '/'; unmounted it sees the full path.
      built = new HTTPReceiver({
        signingSecret: config.signingSecret,
        endpoints: ['/', ...PATHS],
        logger: boltLogger,
        // Answer only after the core stored the event: a failure then gets a 500 and Slack redelivers.
        processBeforeResponse: true,
        processEventErrorHandler: async ({ error, response }) => {
          if (response.headersSent) return false;
          if (error instanceof RedeliverError) {
            response.writeHead(500).end();
            return true;
          }
          // A payload Bolt itself chokes on fails the same way on every redelivery: log it and ack.
          logger.error('slack event could not be processed; acknowledged without handling', { error });
          response.writeHead(200).end();
          return true;
        },
      });
      return new App({ ...options, receiver: built });
    },
    async open() {
      receiver = built;
    },
    async close() {
      receiver = undefined;
    },
    problem: () => undefined,
  };
}
