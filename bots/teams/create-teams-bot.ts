import { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { type Bot, type CommandPort, type CommandRegistry, ConfigError, createCommandRegistry, type EmployeeDelivery, type InboundEvent, type InboundHandler } from '../../core/index.ts';
import { createActivityRoute } from './activity-route.ts';
import { createCardStates } from './card-state.ts';
import { ACTION_INVOKE, createCardInvokeHandler } from './command-invoke.ts';
import { commandTextOf, typedCommandRequest } from './command-message.ts';
import { createMessageActionHandler, MESSAGE_ACTION_INVOKES } from './command-message-action.ts';
import { type CommandActivity, createReplySender } from './command-replies.ts';
import { assertServiceUrlAllowed, missingCredential, type TeamsBotConfig } from './config.ts';
import { createTeamsAuth } from './create-teams-auth.ts';
import { createConnectorRunner } from './connector-runner.ts';
import { createConversationReferences } from './conversation-references.ts';
import { createServiceUrlAllowlist } from './service-url-allowlist.ts';
import { createIdempotencyMemo } from './idempotency-memo.ts';
import { createTeamsDelivery } from './teams-delivery.ts';
import { translateActivity, type TeamsActivity } from './translate-activity.ts';
import { translateReactions } from './translate-reaction.ts';

/** Where Teams posts activities on Heimo's one HTTP server. */
export const TEAMS_PATH = '/api/messages';

/** Refuses a configuration that would run with authentication off by accident. */
function assertSafe(config: TeamsBotConfig): void {
  const missing = missingCredential(config);
  if (missing !== undefined && !(config.insecureDev && !config.appId)) {
    throw new ConfigError('CONFIG_MISSING', missing, `${missing} is required for Teams (set HEIMO_TEAMS_INSECURE_DEV=true only on a development machine)`);
  }
  assertServiceUrlAllowed(config);
}

/**
 * Creates the Teams bot on teams-ai's Application over a fully parameterized TeamsAdapter:
 * Bot Framework JWTs are always validated unless the insecure development switch is set with
 * no credentials at all, and every connector Heimo calls must be in the serviceUrl allowlist.
 */
export function createTeamsBot(config: TeamsBotConfig): Bot<EmployeeDelivery> {
  assertSafe(config);
  const logger = config.logger;
  const allowlist = createServiceUrlAllowlist(config.allowedServiceUrls);
  const { adapter, authentication } = createTeamsAuth(config);
  const references = createConversationReferences();
  // Typing indicators and mention stripping would post or rewrite on Heimo's behalf: both off.
  const app = new Application({ adapter, botAppId: config.appId, startTypingTimer: false, removeRecipientMention: false, longRunningMessages: false });
  let handler: InboundHandler | undefined;
  let commands: { port: CommandPort; registry: CommandRegistry } | undefined;
  const cards = createCardStates();
  const run = createConnectorRunner({ adapter, appId: config.appId, allowlist, logger });
  const sendReply = createReplySender(run, config.appId);
  // Teams resends a message it saw no answer to in time: a typed command runs once per activity id.
  const ranCommands = createIdempotencyMemo(1_000);

  const hand = async (event: InboundEvent): Promise<void> => {
    if (!handler) return;
    let outcome: Awaited<ReturnType<InboundHandler>>;
    try {
      outcome = await handler(event);
    } catch (error) {
      // Answering 500 tells Teams the activity was not taken; the adapter does that on rethrow.
      logger.error('Teams activity not taken by the core', { type: event.type, channelId: event.channelId, error });
      throw error;
    }
    const fields = { type: event.type, channelId: event.channelId, messageId: event.messageId, status: outcome.status };
    if (outcome.status === 'accepted' && outcome.internal === true) {
      // Kept in Teams only, by design: a reply like "not sent to the customer" in every chain
      // would be noise, and the employee's own marker already shows the note is internal.
      logger.info('Teams reply kept as an internal note', fields);
    } else logger.debug('Teams activity relayed', outcome.status === 'accepted' ? fields : { ...fields, reason: outcome.reason });
  };
  const relay = async (context: TurnContext): Promise<void> => {
    const typed = commands === undefined ? undefined : commandTextOf(context.activity as CommandActivity, commands.registry);
    if (commands !== undefined && typed !== undefined && context.activity.type === 'message') {
      // A command typed to Heimo is for Heimo alone: it never reaches the customer.
      const activity = context.activity as CommandActivity;
      const key = `${activity.conversation?.id ?? ''}|${activity.id ?? ''}`;
      if (activity.id !== undefined && ranCommands.get<boolean>(key) === true) return;
      const reply = await commands.port.run(typedCommandRequest(activity, typed, commands.registry));
      if (activity.id !== undefined) ranCommands.set(key, true);
      await sendReply(activity, reply);
      return;
    }
    const event = translateActivity(context.activity as TeamsActivity, config.appId, logger);
    if (event) await hand(event);
  };
  const relayReactions = async (context: TurnContext): Promise<void> => {
    const { events, dropped } = translateReactions(context.activity as TeamsActivity, config.appId);
    if (dropped.length > 0) logger.debug('Teams reaction types without a Unicode emoji not relayed', { types: dropped });
    // One at a time, in the activity's order: a failure answers 500 and Teams resends them all.
    for (const event of events) await hand(event);
  };

  // Every activity reaching a route is authenticated and from an allowed connector: learn where its team lives.
  app.turn('beforeTurn', async (context) => {
    references.remember(context.activity);
    return true;
  });
  app.activity('message', relay);
  app.addRoute(
    async (context) => context.activity.type === 'invoke' && context.activity.name === ACTION_INVOKE,
    createCardInvokeHandler({ commands: () => commands?.port, cards, reply: sendReply, logger, ...(config.invokeDeadlineMs === undefined ? {} : { deadlineMs: config.invokeDeadlineMs }) }),
    true,
  );
  app.addRoute(
    async (context) => context.activity.type === 'invoke' && MESSAGE_ACTION_INVOKES.has(context.activity.name ?? ''),
    createMessageActionHandler({ commands: () => commands?.port, reply: sendReply, logger }),
    true,
  );
  app.messageEventUpdate('editMessage', relay);
  app.messageEventUpdate('softDeleteMessage', relay);
  // One route for both lists: teams-ai runs only the first matching route, so separate
  // messageReactions('reactionsAdded'/'reactionsRemoved') routes would lose one list of an activity carrying both.
  app.activity('messageReaction', relayReactions);
  app.activity(['installationUpdate', 'conversationUpdate'], async (context) => {
    logger.info('Teams conversation update', { type: context.activity.type, action: context.activity.action ?? null });
  });

  const delivery = createTeamsDelivery({
    run,
    appId: config.appId,
    ...(config.tenantId === undefined ? {} : { tenantId: config.tenantId }),
    ...(config.serviceUrl === undefined ? {} : { defaultServiceUrl: config.serviceUrl }),
    references,
    cards,
  });

  return {
    platform: 'teams',
    delivery,
    routes: [{ path: TEAMS_PATH, handler: createActivityRoute({ adapter, authentication, app, allowlist, logger, isStarted: () => handler !== undefined }) }],
    start: async (inbound, port) => {
      commands = port === undefined ? undefined : { port, registry: createCommandRegistry(port.definitions) };
      if (config.insecureDev) {
        logger.warn(
          config.appId
            ? 'HEIMO_TEAMS_INSECURE_DEV is set but ignored: credentials are present, so Bot Framework authentication stays ON'
            : 'HEIMO_TEAMS_INSECURE_DEV is set: Bot Framework authentication is OFF and anyone can post to /api/messages. Never run this way in production',
        );
      }
      handler = inbound;
      logger.info('Teams bot started', { path: TEAMS_PATH, authentication: config.appId ? 'on' : 'off' });
    },
    stop: async () => {
      handler = undefined;
      commands = undefined;
    },
    health: () =>
      handler === undefined
        ? { ok: false, detail: 'not started' }
        : { ok: true, detail: config.appId ? `serving ${TEAMS_PATH}` : `serving ${TEAMS_PATH} WITHOUT authentication (insecure development mode)` },
  };
}
