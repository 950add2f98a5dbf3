import type { App, RespondFn, webApi } from '@slack/bolt';
import { type CommandPort, type CommandReply, type CommandRequest, createCommandRegistry, type Logger, parseCommandText } from '../../core/index.ts';
import type { ActorDirectory } from './actor.ts';
import { FORM_CALLBACK_ID, type FormPlace, readFormSubmission, viewOf } from './command-form.ts';
import { commandOfId, plainCommandText, readButton, readShortcut, readSlash, SLASH_COMMAND } from './command-input.ts';
import { slackCall } from './errors.ts';
import { COMMAND_ACTION_PREFIX, OPEN_IN_DISCORD_ACTION } from './render.ts';
import { canonicalToSlack } from './text-out.ts';

/** What the command listeners need. */
export interface SlackCommandsConfig {
  app: App;
  client: webApi.WebClient;
  commands: CommandPort;
  actors: ActorDirectory;
  logger: Logger;
}

/** The running command listeners. */
export interface SlackCommands {
  /** Waits for commands still being answered, at most `maxMs` (a hung response_url must not hold a stop). */
  drain(maxMs?: number): Promise<void>;
}

// Where a button's or shortcut's answer goes: privately in the card's thread, or publicly there.
type Place = { channelId: string; threadTs: string; userId: string; respond: RespondFn };

const COMMAND_ID = new RegExp(`^${COMMAND_ACTION_PREFIX}(?!${OPEN_IN_DISCORD_ACTION.slice(COMMAND_ACTION_PREFIX.length)}$)`);

/**
 * Listens for `/heimo`, card buttons, message shortcuts and Heimo's submitted forms. Each is
 * acknowledged at once (Slack waits 3 s; the core may take longer), then run through the command
 * port and answered through response_url (slash commands) or in the card's thread (ephemeral
 * unless the reply is public); a reply with a form opens it as a modal instead, while the trigger lasts.
 */
export function listenForCommands(config: SlackCommandsConfig): SlackCommands {
  const { app, client, commands, actors, logger } = config;
  const inFlight = new Set<Promise<void>>();
  const registry = createCommandRegistry(commands.definitions, commands.groups);

  // The command port answers every refusal itself; a throw here is a broken core or Slack.
  const run = async (request: CommandRequest): Promise<CommandReply> => {
    try {
      return await commands.run(request);
    } catch (error) {
      logger.error('slack command failed', { command: request.command, error });
      return { visibility: 'private', text: commands.text('error.failed', request.actor.locale) };
    }
  };

  const spawn = (what: string, work: () => Promise<void>): void => {
    const running = work().catch((error: unknown) => logger.error(`slack ${what} could not be answered`, { error }));
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
  };

  const answerInThread = async (place: Place, reply: CommandReply): Promise<void> => {
    const text = canonicalToSlack(reply.text);
    try {
      if (reply.visibility === 'public') {
        await slackCall('chat.postMessage', () => client.chat.postMessage({ channel: place.channelId, thread_ts: place.threadTs, text, unfurl_links: false, unfurl_media: false }));
      } else {
        await slackCall('chat.postEphemeral', () => client.chat.postEphemeral({ channel: place.channelId, user: place.userId, thread_ts: place.threadTs, text }));
      }
    } catch (error) {
      // Not in the channel (a private card channel), or a post refused: the person still gets an answer.
      logger.warn('slack reply in the thread failed; answering through response_url', { channelId: place.channelId, error });
      await place.respond({ response_type: 'ephemeral', replace_original: false, text });
    }
  };

  // A reply with a form opens it as a modal while the interaction's trigger is valid (3 s); true when it did.
  const openForm = async (reply: CommandReply, triggerId: string | undefined, place: FormPlace): Promise<boolean> => {
    const view = reply.form === undefined || triggerId === undefined ? undefined : viewOf(reply.form, place);
    if (view === undefined || triggerId === undefined) return false;
    try {
      await slackCall('views.open', () => client.views.open({ trigger_id: triggerId, view }));
      return true;
    } catch (error) {
      // The trigger expired (a slow command) or Slack refused the view: the text says how to type it.
      logger.warn('slack form could not be opened; answering with text', { command: reply.form?.command, error });
      return false;
    }
  };

  // A form's answer has no response_url: an ephemeral where it was opened, else a direct message.
  const answerPrivately = async (place: FormPlace & { userId: string }, reply: CommandReply): Promise<void> => {
    const text = canonicalToSlack(reply.text);
    try {
      await slackCall('chat.postEphemeral', () => client.chat.postEphemeral({ channel: place.channelId, user: place.userId, text, ...(place.threadTs === undefined ? {} : { thread_ts: place.threadTs }) }));
    } catch (error) {
      logger.warn('slack form answer in the channel failed; sending it directly', { channelId: place.channelId, error });
      await slackCall('chat.postMessage', () => client.chat.postMessage({ channel: place.userId, text, unfurl_links: false, unfurl_media: false }));
    }
  };

  app.command(SLASH_COMMAND, async ({ ack, command, respond }) => {
    await ack();
    spawn('command', async () => {
      const input = readSlash(command);
      if (input === undefined) return logger.warn('slack slash command without a user or channel ignored');
      const parsed = parseCommandText(plainCommandText(input.text), registry);
      const actor = await actors.person(input.user_id, input.channel_id, input.user_name);
      const reply = await run({ platform: 'slack', actor, command: parsed.command, args: parsed.args, channelId: input.channel_id });
      if (await openForm(reply, input.trigger_id, { channelId: input.channel_id })) return;
      await respond({ response_type: reply.visibility === 'public' ? 'in_channel' : 'ephemeral', text: canonicalToSlack(reply.text) });
    });
  });

  app.action({ type: 'block_actions', action_id: COMMAND_ID }, async ({ ack, body, respond }) => {
    await ack();
    spawn('button', async () => {
      const input = readButton(body);
      const command = input === undefined ? undefined : commandOfId(input.actionId, commands.definitions);
      if (input === undefined || command === undefined) return logger.warn('slack button outside a card ignored');
      const actor = await actors.person(input.userId, input.channelId, input.userName);
      const reply = await run({ platform: 'slack', actor, command, args: input.args, channelId: input.channelId, ...(input.question === undefined ? {} : { question: input.question }) });
      if (await openForm(reply, input.triggerId, { channelId: input.channelId, threadTs: input.cardTs })) return;
      await answerInThread({ channelId: input.channelId, threadTs: input.cardTs, userId: input.userId, respond }, reply);
    });
  });

  app.shortcut({ type: 'message_action', callback_id: COMMAND_ID }, async ({ ack, body, respond }) => {
    await ack();
    spawn('shortcut', async () => {
      const input = readShortcut(body);
      const command = input === undefined ? undefined : commandOfId(input.callbackId, commands.definitions);
      if (input === undefined || command === undefined) return logger.warn('slack message shortcut without a message ignored');
      const actor = await actors.person(input.userId, input.channelId, input.userName);
      const isAction = commands.definitions.some((definition) => definition.name === command && definition.kind === 'message-action');
      const request: CommandRequest = { platform: 'slack', actor, command, args: {}, channelId: input.channelId, question: input.question, ...(isAction ? { targetMessage: input.target } : {}) };
      const reply = await run(request);
      if (await openForm(reply, input.triggerId, { channelId: input.channelId, threadTs: input.threadTs })) return;
      await answerInThread({ channelId: input.channelId, threadTs: input.threadTs, userId: input.userId, respond }, reply);
    });
  });

  // A submitted form closes at once (the ack); the command's answer goes privately where the form was opened.
  app.view(FORM_CALLBACK_ID, async ({ ack, body }) => {
    await ack();
    spawn('form', async () => {
      const input = readFormSubmission(body);
      if (input === undefined) return logger.warn('slack form submission Heimo cannot read ignored');
      const actor = await actors.person(input.userId, input.channelId, input.userName);
      const reply = await run({ platform: 'slack', actor, command: input.command, args: input.args, channelId: input.channelId });
      await answerPrivately(input, reply);
    });
  });

  return {
    async drain(maxMs = 10_000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)));
      const settled = (async () => {
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      })();
      await Promise.race([settled, late]);
      clearTimeout(timer);
      if (inFlight.size > 0) logger.warn('slack commands still unanswered at stop', { count: inFlight.size });
    },
  };
}
