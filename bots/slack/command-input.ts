import { z } from 'zod/v4';
import { type CommandDefinition, commandKey, type QuestionRef, type TargetMessage } from '../../core/index.ts';
import { commandActionId, COMMAND_ACTION_PREFIX, OPEN_IN_DISCORD_ACTION } from './render.ts';

/** The slash command Heimo registers: `/heimo <command> ...`. */
export const SLASH_COMMAND = '/heimo';

/**
 * Commands offered as message shortcuts on a card's thread (Slack allows five message shortcuts):
 * reopening is left to the card's Reopen button and `/heimo reopen`, to make room for *Add to knowledge base*.
 */
export const SHORTCUT_COMMANDS = ['mark-solution', 'add-to-kb', 'claim', 'resolve', 'close'] as const;

/** A shortcut's callback id (`heimo_mark_solution`): Slack callback ids read best without dashes or spaces. */
export const shortcutCallbackId = (command: string): string => commandActionId(command);

/** The command of a shortcut callback id or a card button's action id (`heimo_kb_publish` -> `kb publish`); undefined for anything else. */
export function commandOfId(id: string, definitions: readonly CommandDefinition[]): string | undefined {
  if (!id.startsWith(COMMAND_ACTION_PREFIX) || id === OPEN_IN_DISCORD_ACTION) return undefined;
  const rest = id.slice(COMMAND_ACTION_PREFIX.length);
  const key = commandKey(rest);
  return definitions.find((definition) => commandKey(definition.name) === key)?.name ?? rest;
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

const packedValue = z.record(z.string(), z.unknown());

/** What a command button's value carries: the conversation (a plain id, or in a packed object) and arguments (see commandButtonValue). */
export function readButtonValue(value: string | undefined): { conversationId?: string; args: Record<string, string> } {
  if (value === undefined || value === '') return { args: {} };
  if (!value.startsWith('{')) return { conversationId: value, args: {} };
  let packed: unknown;
  try {
    packed = JSON.parse(value);
  } catch {
    return { args: {} };
  }
  const fields = packedValue.safeParse(packed).data ?? {};
  const strings = Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const { conversationId, ...args } = strings;
  return { ...(conversationId === undefined || conversationId === '' ? {} : { conversationId }), args };
}

/** A card button press as Heimo runs it. */
export interface ButtonInput {
  userId: string;
  userName?: string;
  actionId: string;
  channelId: string;
  /** The card's message: its thread is where the question lives and where answers go. */
  cardTs: string;
  question: QuestionRef;
  /** Arguments the button passes (a review card's article). */
  args: Record<string, string>;
  /** Lets Heimo open a form (a modal) for the next 3 seconds. */
  triggerId?: string;
}

/** A `block_actions` payload's first action on a card, or undefined when it names no card. */
export function readButton(body: unknown): ButtonInput | undefined {
  const parsed = actionSchema.safeParse(body).data;
  const action = parsed?.actions[0];
  const channelId = parsed?.channel?.id ?? parsed?.container?.channel_id;
  const cardTs = parsed?.container?.message_ts;
  if (parsed === undefined || action === undefined || channelId === undefined || cardTs === undefined) return undefined;
  // The button carries its conversation; a button without one still sits on the card it belongs to.
  const { conversationId, args } = readButtonValue(action.value);
  const question: QuestionRef = conversationId !== undefined ? { conversationId } : { platform: 'slack', channelId, threadId: cardTs };
  return {
    userId: parsed.user.id, ...(parsed.user.name === undefined ? {} : { userName: parsed.user.name }), actionId: action.action_id, channelId, cardTs, question, args,
    ...(parsed.trigger_id === undefined ? {} : { triggerId: parsed.trigger_id }),
  };
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
