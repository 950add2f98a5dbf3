import type { TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import type { CommandPort, CommandReply, CommandRequest, Logger } from '../../core/index.ts';
import { conversationCard, ADAPTIVE_CARD } from './adaptive-card.ts';
import { commandOfVerb, REFRESH_VERB } from './card-actions.ts';
import type { CardStates } from './card-state.ts';
import { formCard } from './command-form.ts';
import { type CommandActivity, invokingPerson, type ReplySender } from './command-replies.ts';
import { splitConversationId } from './translate-activity.ts';

/** The invoke Teams sends when someone presses an Action.Execute button (or a card refreshes). */
export const ACTION_INVOKE = 'adaptiveCard/action';
const MESSAGE = 'application/vnd.microsoft.activity.message';
const ERROR = 'application/vnd.microsoft.error';
// Teams gives an invoke about 5 s: a slower command is answered "working on it" and its answer sent after.
const DEADLINE_MS = 4_000;

// Texts people read here until the catalogue has Teams' own keys.
const TEXTS = {
  working: 'Working on it: the answer follows in a message.',
  unknownCard: 'This card is updated in a moment.',
  noCommands: 'Heimo takes no commands right now.',
};

// A button acts on a conversation (the question card's), or carries its command's arguments (a review card's), or both.
const invokeValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    data: z
      .looseObject({ conversationId: z.string().min(1).max(200).optional(), args: z.record(z.string().max(64), z.string().max(500)).optional() })
      .refine((data) => data.conversationId !== undefined || data.args !== undefined),
  }),
  trigger: z.string().optional(),
});

/** What the card-action route needs. */
export interface CardInvokeConfig {
  commands: () => CommandPort | undefined;
  cards: CardStates;
  reply: ReplySender;
  logger: Logger;
  /** Default DEADLINE_MS. */
  deadlineMs?: number;
}

const respond = async (context: TurnContext, status: number, body: Record<string, unknown>): Promise<void> => {
  await context.sendActivity({ type: 'invokeResponse', value: { status, body } });
};
const message = (context: TurnContext, text: string) => respond(context, 200, { statusCode: 200, type: MESSAGE, value: text });

// A button's arguments (`data.args`), and a form's inputs, which Teams adds to `data` by their ids.
function argsOf(data: { args?: Record<string, string> | undefined } & Record<string, unknown>): Record<string, string> {
  const inputs = Object.entries(data).filter((entry): entry is [string, string] => entry[0] !== 'conversationId' && typeof entry[1] === 'string' && entry[1].length <= 20_000);
  return { ...(data.args ?? {}), ...Object.fromEntries(inputs) };
}

/**
 * Answers `adaptiveCard/action`: `heimo.refresh` with the card as Heimo last rendered it, any other
 * `heimo.<command>` by running the command on the card's conversation (if its data names one) with
 * the button's arguments (`data.args`) and a form's inputs. The refreshed card after a command is the core's to build
 * (the outbox's card.update); the invoke answers with the command's reply as a message only the
 * presser sees, and a public reply is also posted in the card's chain. A reply with a form answers
 * with the form's card instead, which Teams shows the presser in place of the card they pressed.
 */
export function createCardInvokeHandler(config: CardInvokeConfig): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const activity = context.activity as CommandActivity;
    const parsed = invokeValue.safeParse(activity.value);
    if (!parsed.success) {
      config.logger.warn('malformed Teams card action refused', { reason: parsed.error.issues[0]?.path.join('.') ?? 'value' });
      return respond(context, 400, { statusCode: 400, type: ERROR, value: { code: 'BadRequest', message: 'expected an Action.Execute with data.conversationId or data.args' } });
    }
    const { verb, data } = parsed.data.action;
    const { conversationId } = data;
    if (activity.from?.id && conversationId !== undefined) config.cards.seen(conversationId, activity.from.id);
    if (verb === REFRESH_VERB) {
      const state = conversationId === undefined ? undefined : config.cards.get(conversationId);
      if (state === undefined) return message(context, TEXTS.unknownCard);
      const card = conversationCard(state.view, { refreshUserIds: state.viewers });
      return respond(context, 200, { statusCode: 200, type: ADAPTIVE_CARD, value: card.content });
    }
    const command = commandOfVerb(verb);
    if (command === undefined) return respond(context, 400, { statusCode: 400, type: ERROR, value: { code: 'BadRequest', message: `unknown verb ${verb.slice(0, 100)}` } });
    const commands = config.commands();
    if (commands === undefined) return message(context, TEXTS.noCommands);

    const { channelId } = splitConversationId(activity.conversation?.id ?? '');
    const request: CommandRequest = {
      platform: 'teams',
      actor: invokingPerson(activity),
      command,
      args: argsOf(data),
      ...(activity.conversation?.conversationType === 'channel' ? { channelId } : {}),
      ...(conversationId === undefined ? {} : { question: { conversationId } }),
    };
    const running = commands.run(request);
    const deliver = async (reply: CommandReply): Promise<void> => {
      if (reply.visibility === 'public') await config.reply(activity, reply, activity.replyToId);
    };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), config.deadlineMs ?? DEADLINE_MS)));
    const first = await Promise.race([running, late]);
    clearTimeout(timer);
    if (first === 'late') {
      await message(context, TEXTS.working);
      // The invoke is answered: the reply goes where a typed command's would (chain, or 1:1 if private).
      running.then((reply) => config.reply(activity, reply, activity.replyToId)).catch((error: unknown) => config.logger.error('late Teams card action answer failed', { command, error }));
      return;
    }
    const form = first.form === undefined ? undefined : formCard(first.form);
    if (form !== undefined) return respond(context, 200, { statusCode: 200, type: ADAPTIVE_CARD, value: form.content });
    await deliver(first);
    await message(context, first.text);
  };
}
