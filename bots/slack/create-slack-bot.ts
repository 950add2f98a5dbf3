import { type Logger as SlackLogger, webApi } from '@slack/bolt';
import { type Bot, type BotHealth, type CommandPort, ConfigError, type EmployeeDelivery, HeimoError, type InboundHandler, type Logger } from '../../core/index.ts';
import { createActorDirectory } from './actor.ts';
import { backfillSlack } from './backfill.ts';
import { createBoltLogger } from './bolt-logger.ts';
import type { SlackBotConfig } from './config.ts';
import { listenForCommands, type SlackCommands } from './commands.ts';
import { createSlackDelivery } from './delivery.ts';
import { AUTH_FAILURES, RedeliverError, slackCall } from './errors.ts';
import { createSlackFileFetcher } from './fetch-file.ts';
import { createHttpTransport } from './http-transport.ts';
import { createInbound, type InboundListener } from './inbound.ts';
import type { SlackIdentity } from './parse.ts';
import { OPEN_IN_DISCORD_ACTION } from './render.ts';
import { createSocketTransport } from './socket-transport.ts';
import type { SlackTransport } from './transport.ts';
import { createUserDirectory } from './users.ts';

export { SLACK_COMMANDS_PATH, SLACK_EVENTS_PATH, SLACK_INTERACTIONS_PATH } from './http-transport.ts';

/** Picks how events arrive: Socket Mode when an app-level token is set, else the HTTP Events API. */
function createTransport(config: SlackBotConfig, clientOptions: webApi.WebClientOptions, log: { logger: Logger; boltLogger: SlackLogger }): SlackTransport {
  if (config.appToken !== undefined) {
    return createSocketTransport({
      appToken: config.appToken,
      clientOptions,
      ...log,
      ...(config.socketReconnectDelayMs === undefined ? {} : { reconnectDelayMs: config.socketReconnectDelayMs }),
    });
  }
  if (config.signingSecret === undefined || config.signingSecret === '') {
    throw new ConfigError('CONFIG_MISSING', 'SLACK_SIGNING_SECRET', 'SLACK_SIGNING_SECRET is required unless SLACK_APP_TOKEN (Socket Mode) is set');
  }
  return createHttpTransport({ signingSecret: config.signingSecret, ...log });
}

/** Creates the Slack bot: events in through `routes` (HTTP) or a Socket Mode connection, cards and relayed messages out through `delivery`. */
export function createSlackBot(config: SlackBotConfig): Bot<EmployeeDelivery> {
  const logger = config.logger.child({ platform: 'slack' });
  const boltLogger = createBoltLogger(logger);
  // The outbox worker owns retries and backoff: WebClient must fail fast and report 429s.
  const clientOptions = { slackApiUrl: config.apiUrl, logger: boltLogger, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 30_000 };
  const client = new webApi.WebClient(config.botToken, clientOptions);
  const users = createUserDirectory(client, logger);
  const transport = createTransport(config, clientOptions, { logger, boltLogger });
  let health: BotHealth = { ok: false, detail: 'not started' };
  let started = false;
  let starting: Promise<void> | undefined;
  let identity: SlackIdentity | undefined;
  let commandListeners: SlackCommands | undefined;

  const delivery = createSlackDelivery({
    client,
    logger,
    fetchFile: createSlackFileFetcher({ botToken: config.botToken, apiUrl: config.apiUrl, logger }),
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

  const listen = async (identity: SlackIdentity, handler: InboundHandler, commands: CommandPort | undefined): Promise<void> => {
    // botId + botUserId + no token verification: Bolt never calls auth.test on its own (an
    // unawaited call there crashes the process when Slack is unreachable).
    const app = transport.createApp({
      token: config.botToken,
      ...identity,
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
    // `/heimo`, the card's command buttons and the message shortcuts (manifest: app-manifest.ts).
    if (commands !== undefined) commandListeners = listenForCommands({ app, client, commands, actors: createActorDirectory(client, logger), logger });
    app.error(async (error) => {
      if (error instanceof RedeliverError) throw error; // already logged; the transport withholds the ack
      logger.error('slack event processing failed', { error });
    });
    await transport.open();
  };

  return {
    platform: 'slack',
    // Identity asks the workspace directory for employees' e-mails (issue 11).
    delivery: { ...delivery, emailOf: users.emailOf },
    routes: transport.routes,
    start(handler, commands) {
      if (started) return Promise.resolve();
      // Two callers racing must not build two receivers: the second waits for the first.
      starting ??= identify()
        .then(async (own) => {
          identity = own;
          await listen(own, handler, commands);
          started = true;
          health = { ok: true, detail: `connected as ${own.botUserId}${transport.via === undefined ? '' : ` over ${transport.via}`}` };
          logger.info('slack bot started', { ...own, ...(transport.via === undefined ? {} : { via: transport.via }) });
        })
        .catch((error: unknown) => {
          // The message names the call that failed (auth.test, or apps.connections.open in Socket Mode).
          health = { ok: false, detail: `slack could not start: ${error instanceof Error ? error.message : String(error)}` };
          throw error;
        })
        .finally(() => {
          starting = undefined;
        });
      return starting;
    },
    async stop() {
      started = false;
      await transport.close();
      // Commands already acknowledged still get their answer.
      await commandListeners?.drain();
      if (health.ok) health = { ok: false, detail: 'stopped' };
    },
    health: () => (health.ok ? (transport.problem() ?? health) : health),
    backfill: async (plan, handler) => {
      if (identity === undefined) throw new HeimoError('NOT_CONNECTED', 'the Slack bot must be started before it reads history');
      return backfillSlack({ client, users, identity, logger }, plan, handler);
    },
  };
}
