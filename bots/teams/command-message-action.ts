import type { TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import type { CommandPort, CommandRequest, Logger } from '../../core/index.ts';
import { type CommandActivity, invokingPerson, type ReplySender } from './command-replies.ts';
import { splitConversationId } from './translate-activity.ts';

/** The invokes of a message action (the "…" menu of a message): Heimo acts at once on fetchTask. */
export const MESSAGE_ACTION_INVOKES = new Set(['composeExtension/fetchTask', 'composeExtension/submitAction']);

const payload = z.object({
  commandId: z.string().min(1).max(64),
  commandContext: z.literal('message'),
  messagePayload: z.looseObject({
    id: z.string().min(1).max(200),
    from: z.looseObject({ user: z.looseObject({ id: z.string().nullish(), aadObjectId: z.string().nullish() }).nullish() }).nullish(),
  }),
});

/** What the message-action route needs. */
export interface MessageActionConfig {
  commands: () => CommandPort | undefined;
  reply: ReplySender;
  logger: Logger;
}

const respond = async (context: TurnContext, status: number, body: Record<string, unknown>): Promise<void> => {
  await context.sendActivity({ type: 'invokeResponse', value: { status, body } });
};
// A task-module "message" answer: Teams shows it to the person who chose the action, and only them.
const taskMessage = (context: TurnContext, text: string) => respond(context, 200, { task: { type: 'message', value: text } });

/**
 * Runs a message action (the manifest's `mark-solution`) on the message it was chosen on, in the
 * reply chain of the card it belongs to. The answer is shown to the person alone; a public one is
 * also posted in the chain.
 */
export function createMessageActionHandler(config: MessageActionConfig): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const activity = context.activity as CommandActivity;
    const parsed = payload.safeParse(activity.value);
    const commands = config.commands();
    if (!parsed.success || commands === undefined) {
      config.logger.warn('Teams message action refused', { reason: parsed.success ? 'no commands' : (parsed.error.issues[0]?.path.join('.') ?? 'value') });
      return respond(context, 400, { error: { code: 'BadRequest', message: 'expected a message action on a message' } });
    }
    const { commandId, messagePayload } = parsed.data;
    const { channelId, threadId } = splitConversationId(activity.conversation?.id ?? '');
    const author = messagePayload.from?.user?.aadObjectId ?? messagePayload.from?.user?.id ?? undefined;
    const inChannel = activity.conversation?.conversationType === 'channel';
    // The chain's root: the card, as translate-activity.ts keys the chain's replies.
    const root = threadId ?? activity.replyToId ?? messagePayload.id;
    const request: CommandRequest = {
      platform: 'teams',
      actor: invokingPerson(activity),
      command: commandId,
      args: {},
      ...(inChannel ? { channelId, question: { platform: 'teams', channelId, threadId: root } } : {}),
      targetMessage: { platform: 'teams', channelId, messageId: messagePayload.id, ...(author ? { authorId: author } : {}) },
    };
    const reply = await commands.run(request);
    if (reply.visibility === 'public') await config.reply(activity, reply, root);
    await taskMessage(context, reply.text);
  };
}
