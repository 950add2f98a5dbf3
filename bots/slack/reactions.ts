import { emojiFromShortcode, type ReactionChangedEvent, shortcodeFromEmoji } from '../../core/index.ts';
import type { SlackIdentity } from './parse.ts';

/** A Slack `reaction_added` / `reaction_removed` event reduced to what the core gets, or why not. */
export type ParsedReaction =
  | { kind: 'reaction'; event: ReactionChangedEvent }
  | { kind: 'ignored'; reason: string }
  | { kind: 'malformed'; reason: string };

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

// Slack writes a skin tone as a suffix on the name: `+1::skin-tone-4`.
const TONE_SEPARATOR = '::';

/** Unicode for a Slack reaction name (`+1::skin-tone-4` -> 👍🏽); undefined for custom workspace emoji. */
export function emojiFromReactionName(reaction: string): string | undefined {
  const at = reaction.indexOf(TONE_SEPARATOR);
  if (at < 0) return emojiFromShortcode(reaction);
  return emojiFromShortcode(reaction.slice(0, at), reaction.slice(at + TONE_SEPARATOR.length));
}

/** The name Slack's reactions.add/remove take for a Unicode emoji; undefined when Slack has no shortcode for it. */
export function reactionNameFromEmoji(emoji: string): string | undefined {
  const shortcode = shortcodeFromEmoji(emoji);
  if (shortcode === undefined) return undefined;
  return shortcode.skinTone === undefined ? shortcode.name : `${shortcode.name}${TONE_SEPARATOR}${shortcode.skinTone}`;
}

/** Translates a raw reaction event; never throws, whatever the payload holds. */
export function parseReactionEvent(event: unknown, identity: SlackIdentity): ParsedReaction {
  if (!isRecord(event)) return { kind: 'malformed', reason: 'not a reaction event' };
  const type = event['type'] === 'reaction_added' ? 'reaction.added' : event['type'] === 'reaction_removed' ? 'reaction.removed' : undefined;
  if (type === undefined) return { kind: 'malformed', reason: 'not a reaction event' };
  const { user, reaction, item } = event;
  if (!nonEmpty(user)) return { kind: 'malformed', reason: 'user is missing or not a string' };
  // Checked before the item: Heimo's own reactions (the :lock: marker, relayed ones) must never loop back.
  if (user === identity.botUserId) return { kind: 'ignored', reason: 'own reaction' };
  if (!nonEmpty(reaction)) return { kind: 'malformed', reason: 'reaction is missing or not a string' };
  if (!isRecord(item)) return { kind: 'malformed', reason: 'item is missing or not an object' };
  // Reactions on files and file comments have no message to relay them to.
  if (item['type'] !== 'message') return { kind: 'ignored', reason: `item type ${String(item['type'])}` };
  const { channel, ts } = item;
  if (!nonEmpty(channel)) return { kind: 'malformed', reason: 'item.channel is missing or not a string' };
  if (!nonEmpty(ts)) return { kind: 'malformed', reason: 'item.ts is missing or not a string' };
  const emoji = emojiFromReactionName(reaction);
  // Custom workspace emoji exist only in this workspace: the other side could not show them.
  if (emoji === undefined) return { kind: 'ignored', reason: `custom emoji ${reaction}` };
  return { kind: 'reaction', event: { type, platform: 'slack', channelId: channel, messageId: ts, userId: user, emoji } };
}
