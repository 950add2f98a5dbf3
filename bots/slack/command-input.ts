import { z } from 'zod/v4';
import type { CommandDefinition, QuestionRef, TargetMessage } from '../../core/index.ts';
import { ACTION_ID_SUFFIX, COMMAND_ACTION_PREFIX, OPEN_IN_DISCORD_ACTION } from './render.ts';

/** The slash command Heimo registers: `/heimo <command> ...`. */
export const SLASH_COMMAND = '/heimo';

/**
 * Commands offered as message shortcuts on a card's thread (Slack allows five message shortcuts):
 * reopening is left to the card's Reopen button and `/heimo reopen`, to make room for *Add to knowledge base*.
 */
export const SHORTCUT_COMMANDS = ['mark-solution', 'add-to-kb', 'claim', 'resolve', 'close'] as const;

/** A shortcut's callback id (`heimo_mark_solution`): Slack callback ids read best without dashes. */
export const shortcutCallbackId = (command: string): string => `${COMMAND_ACTION_PREFIX}${command.replace(/-/g, '_')}`;

/** The command of a shortcut callback id or a card button's action id (`heimo_kb.publish` -> `kb publish`); undefined for anything else. */
export function commandOfId(id: string, definitions: readonly CommandDefinition[]): string | undefined {
  if (!id.startsWith(COMMAND_ACTION_PREFIX) || id === OPEN_IN_DISCORD_ACTION) return undefined;
  // A numbered button of a command (`heimo_kb~2`) runs the command itself.
  const rest = id.slice(COMMAND_ACTION_PREFIX.length).split(ACTION_ID_SUFFIX)[0] ?? '';
  // Callback ids read best without dashes (`mark_solution`); a command's words are joined by dots (`kb.publish`).
  const names = [rest, rest.replace(/_/g, '-'), rest.replace(/\./g, ' ')];
  return names.find((name) => definitions.some((definition) => definition.name === name)) ?? rest.replace(/\./g, ' ');
}

/**
 * Slack's markup in a slash command's text as the plain ids and links parseCommandText reads:
 * `<@U1|name>` -> `U1`, `<#C1|name>` -> `C1`, `<https://x|label>` -> `https://x`, entities decoded.
 */
export function plainCommandText(text: string): string {
  return text
    .replace(/<([@#!][^>|]*)(?:\|[^>]*)?>/g, (_match, id: string) => id.replace(/^[@#]/, '').replace(/^!subteam\^/, ''))
    .replace(/<((?:https?|mailto):[^>|]*)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const slashSchema = z.object({ text: z.string().default(''), user_id: z.string().min(1), user_name: z.string().optional(), channel_id: z.string().min(1), trigger_id: z.string().optional() });

/** What Heimo reads of a slash command. */
export type SlashInput = z.infer<typeof slashSchema>;

/** The slash command's fields, or undefined when Slack sent something else. */
export const readSlash = (body: unknown): SlashInput | undefined => slashSchema.safeParse(body).data;

const actionSchema = z.object({
  user: z.object({ id: z.string().min(1), name: z.string().optional() }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z.object({ message_ts: z.string().min(1).optional(), channel_id: z.string().optional(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
  trigger_id: z.string().optional(),
});

/** A card button press as Heimo runs it. */
export interface ButtonInput {
  userId: string;
  userName?: string;
  actionId: string;
  channelId: string;
  /** The card's message: its thread is where the question lives and where answers go. */
  cardTs: string;
  /** The question the button acts on; absent for a button about no question (a review card's). */
  question?: QuestionRef;
  /** The arguments the button passes to its command (CardAction.args). */
  args: Record<string, string>;
  /** Lets Heimo open a form (a modal) for the next 3 seconds. */
  triggerId?: string;
}

// A button with arguments carries JSON (render.ts buttonValue): its conversation, if any, and the arguments.
const argsValue = z.object({ c: z.string().min(1).optional(), a: z.record(z.string(), z.string()) });

const readValue = (value: string | undefined): { conversationId?: string; args: Record<string, string> } | undefined => {
  if (value === undefined || value === '') return { args: {} };
  if (!value.startsWith('{')) return { conversationId: value, args: {} };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = argsValue.safeParse(json).data;
  return parsed === undefined ? undefined : { ...(parsed.c === undefined ? {} : { conversationId: parsed.c }), args: parsed.a };
};

/** A `block_actions` payload's first action on a card, or undefined when it names no card. */
export function readButton(body: unknown): ButtonInput | undefined {
  const parsed = actionSchema.safeParse(body).data;
  const action = parsed?.actions[0];
  const channelId = parsed?.channel?.id ?? parsed?.container?.channel_id;
  const cardTs = parsed?.container?.message_ts;
  const value = readValue(action?.value);
  if (parsed === undefined || action === undefined || channelId === undefined || cardTs === undefined || value === undefined) return undefined;
  // The button carries its conversation; a plain button without one still sits on the card it
  // belongs to; a button with arguments and no conversation is about no question.
  const { conversationId, args } = value;
  const hasArgs = Object.keys(args).length > 0;
  const question: QuestionRef | undefined = conversationId !== undefined ? { conversationId } : hasArgs ? undefined : { platform: 'slack', channelId, threadId: cardTs };
  const user = { userId: parsed.user.id, ...(parsed.user.name === undefined ? {} : { userName: parsed.user.name }) };
  const trigger = parsed.trigger_id === undefined ? {} : { triggerId: parsed.trigger_id };
  return { ...user, actionId: action.action_id, channelId, cardTs, ...(question === undefined ? {} : { question }), args, ...trigger };
}

const shortcutSchema = z.object({
  callback_id: z.string(),
  user: z.object({ id: z.string().min(1), name: z.string().optional() }),
  channel: z.object({ id: z.string().min(1) }),
  message: z.object({ ts: z.string().min(1), thread_ts: z.string().optional(), user: z.string().optional() }),
  trigger_id: z.string().optional(),
});

/** A message shortcut on a card or a reply in its thread, as Heimo runs it. */
export interface ShortcutInput {
  userId: string;
  userName?: string;
  callbackId: string;
  channelId: string;
  /** The card's ts: the thread the message sits in (the card itself when it was the card). */
  threadTs: string;
  question: QuestionRef;
  target: TargetMessage;
  triggerId?: string;
}

/** A `message_action` payload, or undefined when it is not one Heimo can place. */
export function readShortcut(body: unknown): ShortcutInput | undefined {
  const parsed = shortcutSchema.safeParse(body).data;
  if (parsed === undefined) return undefined;
  const channelId = parsed.channel.id;
  const threadTs = parsed.message.thread_ts ?? parsed.message.ts;
  const target: TargetMessage = { platform: 'slack', channelId, messageId: parsed.message.ts, ...(parsed.message.user === undefined ? {} : { authorId: parsed.message.user }) };
  return {
    userId: parsed.user.id,
    ...(parsed.user.name === undefined ? {} : { userName: parsed.user.name }),
    callbackId: parsed.callback_id,
    channelId,
    threadTs,
    question: { platform: 'slack', channelId, threadId: threadTs },
    target,
    ...(parsed.trigger_id === undefined ? {} : { triggerId: parsed.trigger_id }),
  };
}
