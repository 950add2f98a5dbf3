import type { CommandRegistry, CommandRequest } from '../../core/index.ts';
import { parseCommandText } from '../../core/index.ts';
import { type CommandActivity, invokingPerson } from './command-replies.ts';
import { splitConversationId } from './translate-activity.ts';

// A typed command is a line or two; a longer message is a reply, and the mention scan stays linear in practice.
const MAX_COMMAND_CHARS = 2_000;
const MENTION = /<at(?:\s[^>]*)?>([\s\S]*?)<\/at>/gi;
const decode = (text: string): string =>
  text.replace(/&nbsp;/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * The command a message types, or undefined when it is no command (a reply to relay). In a channel
 * a command starts by @mentioning Heimo and goes on with a command's name (`@Heimo resolve`);
 * `@Heimo try this` stays a reply. In the 1:1 chat with Heimo every message is a command.
 * Other people's mentions become their ids (as replies key people: the Entra object id if given).
 */
export function commandTextOf(activity: CommandActivity, registry: CommandRegistry): string | undefined {
  const botId = activity.recipient?.id;
  const mentions = (activity.entities ?? []).filter((entity) => entity.type === 'mention');
  const personal = activity.conversation?.conversationType === 'personal';
  let leadingBot = false;
  const raw = (activity.text ?? '').trim();
  if (raw.length > MAX_COMMAND_CHARS) return undefined;
  const text = raw.replace(MENTION, (whole, name: string, offset: number) => {
    const entity = mentions.find((candidate) => candidate.text === whole) ?? mentions.find((candidate) => candidate.mentioned?.name === name.trim());
    if (entity?.mentioned?.id !== undefined && entity.mentioned.id === botId) {
      if (offset === 0) leadingBot = true;
      return ' ';
    }
    const mentioned = entity?.mentioned as { id?: string; aadObjectId?: string } | undefined;
    return ` ${mentioned?.aadObjectId ?? mentioned?.id ?? name} `;
  });
  const plain = decode(text.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
  if (personal) return plain;
  if (!leadingBot) return undefined;
  const first = plain.split(' ')[0] ?? '';
  // A command's name or a group's (`@Heimo kb search …`); anything else is a reply to relay.
  return registry.get(first) === undefined && registry.group(first) === undefined ? undefined : plain;
}

/** The request a typed command makes: on the card whose reply chain it was typed in, if any. */
export function typedCommandRequest(activity: CommandActivity, text: string, registry: CommandRegistry): CommandRequest {
  const parsed = parseCommandText(text, registry);
  const conversation = activity.conversation?.id ?? '';
  const inChannel = activity.conversation?.conversationType === 'channel';
  // The same key translate-activity.ts gives the chain's replies: the root of `;messageid=`.
  const { channelId, threadId } = splitConversationId(conversation);
  const onCard = inChannel && threadId !== undefined && threadId !== activity.id;
  return {
    platform: 'teams',
    actor: invokingPerson(activity),
    command: parsed.command,
    args: parsed.args,
    ...(inChannel ? { channelId } : {}),
    ...(onCard ? { question: { platform: 'teams', channelId, threadId } } : {}),
  };
}
