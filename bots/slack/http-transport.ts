import { App, HTTPReceiver, type Logger as SlackLogger } from '@slack/bolt';
import type { BotRoute } from '../../core/ports/bot.ts';
import type { Logger } from '../../core/ports/logger.ts';
import { RedeliverError } from './errors.ts';
import type { SlackTransport } from './transport.ts';

/** The path Heimo's HTTP server mounts the Slack route on. */
export const SLACK_EVENTS_PATH = '/slack/events';

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

  const route: BotRoute = {
    path: SLACK_EVENTS_PATH,
    handler: (req, res, next) => {
      if (receiver === undefined) {
        // Slack redelivers on 5xx, so nothing is lost while the bot starts.
        res.writeHead(503, { 'content-type': 'text/plain' }).end('slack bot not started');
        return;
      }
      try {
        receiver.requestListener(req, res);
      } catch {
        next(); // not a POST to the events path: let the server's other routes (or its 404) answer
      }
    },
  };

  return {
    routes: [route],
    createApp(options) {
      // Mounted under /slack/events, express hands the listener '/'; unmounted it sees the full path.
      built = new HTTPReceiver({
        signingSecret: config.signingSecret,
        endpoints: ['/', SLACK_EVENTS_PATH],
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
