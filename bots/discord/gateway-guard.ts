type Fields = Record<string, unknown>;
type Check = (d: Fields) => string | undefined;

const isId = (value: unknown): boolean => typeof value === 'string' && /^\d{1,20}$/.test(value);
const isUser = (value: unknown): boolean => typeof value === 'object' && value !== null && isId((value as Fields).id);
const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;

function messageProblem(d: Fields, needsAuthor: boolean): string | undefined {
  if (!isId(d.id) || !isId(d.channel_id)) return 'message without a valid id or channel_id';
  if ((needsAuthor || d.author !== undefined) && !isUser(d.author)) return 'message with a malformed author';
  if (d.content !== undefined && typeof d.content !== 'string') return 'message content is not text';
  if (d.mentions !== undefined && !(Array.isArray(d.mentions) && d.mentions.every(isUser))) return 'malformed mentions';
  if (d.mention_roles !== undefined && !Array.isArray(d.mention_roles)) return 'malformed mention_roles';
  if (d.member !== undefined && !isObject(d.member)) return 'malformed member';
  if (d.attachments !== undefined && !Array.isArray(d.attachments)) return 'malformed attachments';
  return undefined;
}

const decodes = (text: string): boolean => {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

function reactionProblem(d: Fields): string | undefined {
  if (!isId(d.user_id) || !isId(d.channel_id) || !isId(d.message_id)) return 'reaction without a valid user_id, channel_id or message_id';
  return clearedProblem(d);
}

// What a moderator's "remove all" / "remove emoji" carries: the message, and the emoji for the latter.
function clearedProblem(d: Fields, withEmoji = true): string | undefined {
  if (!isId(d.channel_id) || !isId(d.message_id)) return 'reaction without a valid channel_id or message_id';
  if (d.member !== undefined && !(isObject(d.member) && isUser((d.member as Fields).user))) return 'malformed member';
  if (!withEmoji) return undefined;
  if (!isObject(d.emoji)) return 'reaction without an emoji';
  const emoji = d.emoji as Fields;
  if (emoji.id !== null && emoji.id !== undefined) return isId(emoji.id) ? undefined : 'emoji with a malformed id';
  // discord.js URI-decodes a Unicode emoji's name to key the reaction, which throws on a stray "%".
  return typeof emoji.name === 'string' && decodes(emoji.name) ? undefined : 'emoji without a valid name';
}

const channelProblem: Check = (d) => (isId(d.id) && typeof d.type === 'number' ? undefined : 'channel without a valid id or type');

// Only the events Heimo consumes are checked; discord.js ignores event types it does not know.
const CHECKS: Record<string, Check> = {
  MESSAGE_CREATE: (d) => messageProblem(d, true),
  MESSAGE_UPDATE: (d) => messageProblem(d, false),
  MESSAGE_DELETE: (d) => (isId(d.id) && isId(d.channel_id) ? undefined : 'delete without a valid id or channel_id'),
  MESSAGE_DELETE_BULK: (d) => (Array.isArray(d.ids) && d.ids.every(isId) && isId(d.channel_id) ? undefined : 'malformed bulk delete'),
  MESSAGE_REACTION_ADD: reactionProblem,
  MESSAGE_REACTION_REMOVE: reactionProblem,
  MESSAGE_REACTION_REMOVE_ALL: (d) => clearedProblem(d, false),
  MESSAGE_REACTION_REMOVE_EMOJI: (d) => clearedProblem(d),
  THREAD_CREATE: channelProblem,
  THREAD_UPDATE: channelProblem,
  THREAD_DELETE: channelProblem,
  CHANNEL_CREATE: channelProblem,
  CHANNEL_UPDATE: channelProblem,
  CHANNEL_DELETE: channelProblem,
};

/** Why a gateway dispatch would break discord.js's handlers; undefined when it looks sound. */
export function malformedReason(packet: { t?: unknown; d?: unknown }): string | undefined {
  const check = typeof packet.t === 'string' ? CHECKS[packet.t] : undefined;
  if (check === undefined) return undefined;
  if (!isObject(packet.d)) return 'payload is not an object';
  return check(packet.d as Fields);
}

/**
 * Neutralises a malformed dispatch in place. discord.js hands the same packet object to its
 * handlers right after the `raw` event, and a handler that throws there becomes an unhandled
 * rejection that would end the process; an event name it does not know is skipped instead.
 */
export function defuseDispatch(packet: { t?: unknown }): void {
  packet.t = `HEIMO_DROPPED_${String(packet.t)}`;
}
