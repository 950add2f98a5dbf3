import { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { InboundHandler } from '../../core/domain/events.ts';
import { ConfigError } from '../../core/errors.ts';
import type { Bot, BotHealth, BotRoute } from '../../core/ports/bot.ts';
import type { EmployeeDelivery } from '../../core/ports/delivery.ts';
import { createBoltLogger } from './bolt-logger.ts';
import type { SlackBotConfig } from './config.ts';
import { createSlackDelivery } from './delivery.ts';
import { AUTH_FAILURES, slackCall } from './errors.ts';
import { createInbound, type InboundListener } from './inbound.ts';
import type { SlackIdentity } from './parse.ts';
import { OPEN_IN_DISCORD_ACTION } from './render.ts';
import { createUserDirectory } from './users.ts';

/** The path Heimo's HTTP server mounts the Slack route on. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Thrown through Bolt so the receiver answers 500 and Slack sends the event again. */
class RedeliverError extends Error {
  // Bolt passes errors that carry a `code` through unchanged.
  readonly code = 'heimo_slack_redeliver';
}

/** Creates the Slack bot: Events API in through `routes`, cards and relayed messages out through `delivery`. */
export function createSlackBot(config: SlackBotConfig): Bot<EmployeeDelivery> {
  const logger = config.logger.child({ platform: 'slack' });
  const boltLogger = createBoltLogger(logger);
  // The outbox worker owns retries and backoff: WebClient must fail fast and report 429s.
  const clientOptions = { slackApiUrl: config.apiUrl, logger: boltLogger, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 30_000 };
  const client = new webApi.WebClient(config.botToken, clientOptions);
  const users = createUserDirectory(client, logger);
  let health: BotHealth = { ok: false, detail: 'not started' };
  let receiver: HTTPReceiver | undefined;
  let starting: Promise<void> | undefined;

  const delivery = createSlackDelivery({
    client,
    logger,
    observe: (error) => {
      const code = error.context['error'];
      if (typeof code === 'string' && AUTH_FAILURES.has(code)) health = { ok: false, detail: `slack rejected the token: ${code}` };
    },
  });

  const identify = async (): Promise<SlackIdentity> => {
    const auth = await slackCall('auth.test', () => client.auth.test());
    const botUserId = auth.user_id ?? config.botUserId;
    const botId = auth.bot_id ?? config.botId;
    if (botUserId === undefined || botId === undefined) {
      throw new ConfigError('CONFIG_INVALID', 'SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN must be a bot token (xoxb-): auth.test returned no bot id');
    }
    if ((config.botId !== undefined && config.botId !== botId) || (config.botUserId !== undefined && config.botUserId !== botUserId)) {
      logger.warn('SLACK_BOT_ID / SLACK_BOT_USER_ID differ from what auth.test reports; using auth.test', { botId, botUserId });
    }
    return { botUserId, botId };
  };

  const listen = (identity: SlackIdentity, handler: InboundHandler): HTTPReceiver => {
    // Mounted under /slack/events, express hands the listener '/'; unmounted it sees the full path.
    const http = new HTTPReceiver({
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
    // botId + botUserId + no token verification: Bolt never calls auth.test on its own (an
    // unawaited call there crashes the process when Slack is unreachable).
    const app = new App({
      token: config.botToken,
      ...identity,
      receiver: http,
      logger: boltLogger,
      tokenVerificationEnabled: false,
      // Heimo drops its own posts in parse (bot id, bot user, metadata): one place, tested.
      ignoreSelf: false,
      convoStore: false,
      clientOptions,
    });
    const inbound = createInbound({ client, users, logger, identity, handler });
    const dispatch = (listener: InboundListener) => async ({ event, body, context }: { event: unknown; body: unknown; context: { retryNum?: number } }): Promise<void> => {
      const eventId = (body as { event_id?: unknown }).event_id;
      const meta = { ...(typeof eventId === 'string' ? { eventId } : {}), ...(context.retryNum === undefined ? {} : { retryNum: context.retryNum }) };
      if ((await listener(event, meta)) === 'redeliver') throw new RedeliverError();
    };
    app.event('message', dispatch(inbound.message));
    // Needs the reactions:read scope and both bot events in the app's subscriptions.
    app.event('reaction_added', dispatch(inbound.reaction));
    app.event('reaction_removed', dispatch(inbound.reaction));
    // The card's link button opens Discord in the browser, yet Slack still posts an interaction.
    app.action(OPEN_IN_DISCORD_ACTION, async ({ ack }) => ack());
    app.error(async (error) => {
      if (error instanceof RedeliverError) throw error; // already logged; the receiver answers 500
      logger.error('slack event processing failed', { error });
    });
    return http;
  };

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
    platform: 'slack',
    delivery,
    routes: [route],
    start(handler) {
      if (receiver !== undefined) return Promise.resolve();
      // Two callers racing must not build two receivers: the second waits for the first.
      starting ??= identify()
        .then((identity) => {
          receiver = listen(identity, handler);
          health = { ok: true, detail: `connected as ${identity.botUserId}` };
          logger.info('slack bot started', { ...identity });
        })
        .catch((error: unknown) => {
          health = { ok: false, detail: `slack auth.test failed: ${error instanceof Error ? error.message : String(error)}` };
          throw error;
        })
        .finally(() => {
          starting = undefined;
        });
      return starting;
    },
    async stop() {
      receiver = undefined;
      if (health.ok) health = { ok: false, detail: 'stopped' };
    },
    health: () => health,
  };
}
