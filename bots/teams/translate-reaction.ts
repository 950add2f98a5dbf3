import type { ReactionChangedEvent } from '../../core/index.ts';
import { isOwnActivity, platformUserId, splitConversationId, type TeamsActivity } from './translate-activity.ts';

/** The named reactions Teams sends for its classic set, as the Unicode emoji Teams shows for them. */
export const TEAMS_REACTION_EMOJI: ReadonlyMap<string, string> = new Map([
  ['like', '👍'],
  ['heart', '❤️'],
  ['laugh', '😆'],
  ['surprised', '😮'],
  ['sad', '😢'],
  ['angry', '😠'],
]);

// Newer Teams clients send any emoji itself as the type; plain words or codes are not emoji.
const EMOJI = /^(?=.*(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3))(?:\p{Extended_Pictographic}|\p{Emoji_Component})+$/u;
// One emoji sequence is a handful of code points (family + tones + joiners); longer is not a reaction.
const MAX_EMOJI_LENGTH = 32;

/** The Unicode emoji for a Teams reaction type, or undefined when the type is neither named nor an emoji. */
export function emojiFromTeamsReaction(type: string): string | undefined {
  const named = TEAMS_REACTION_EMOJI.get(type);
  if (named !== undefined) return named;
  return type.length <= MAX_EMOJI_LENGTH && EMOJI.test(type) ? type : undefined;
}

/** Reaction events from one activity, and the reaction types that had no Unicode emoji. */
export interface TranslatedReactions {
  events: ReactionChangedEvent[];
  dropped: string[];
}

const NONE: TranslatedReactions = { events: [], dropped: [] };

/**
 * Translates a `messageReaction` activity into one event per reaction, keyed as messages are:
 * channelId and threadId from the conversation id (`19:x@thread.tacv2;messageid=<root>`), and
 * messageId the reacted message (`replyToId`), which is the id Teams gave it in `message.posted`
 * or the connector returned when Heimo posted it (a card is its own root, so both ids match).
 * Nothing comes from other conversation kinds, Heimo's own activities, or bots.
 */
export function translateReactions(activity: TeamsActivity, appId: string): TranslatedReactions {
  const conversation = activity.conversation;
  const messageId = activity.replyToId;
  const userId = platformUserId(activity);
  if (activity.type !== 'messageReaction' || !conversation?.id || conversation.conversationType !== 'channel' || !messageId || !userId) return NONE;
  // Other bots' reactions are dropped too: the event has no author to mark them as a bot's.
  if (isOwnActivity(activity, appId) || activity.from?.id?.startsWith('28:')) return NONE;
  const { channelId, threadId } = splitConversationId(conversation.id);
  const events: ReactionChangedEvent[] = [];
  const dropped: string[] = [];
  const add = (type: ReactionChangedEvent['type'], reactions: { type?: string }[] | undefined): void => {
    for (const reaction of reactions ?? []) {
      const emoji = typeof reaction.type === 'string' ? emojiFromTeamsReaction(reaction.type) : undefined;
      if (emoji === undefined) {
        dropped.push(String(reaction.type).slice(0, 64));
        continue;
      }
      events.push({ type, platform: 'teams', channelId, ...(threadId === undefined ? {} : { threadId }), messageId, userId, emoji });
    }
  };
  // Removals first: when one activity swaps a person's reaction, the added one is what stays.
  add('reaction.removed', activity.reactionsRemoved);
  add('reaction.added', activity.reactionsAdded);
  return { events, dropped };
}
