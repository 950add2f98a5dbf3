import { type GuildMember, type Message, type MessageReaction, MessageReferenceType, type PartialMessage, type PartialMessageReaction, type PartialUser, type User } from 'discord.js';
import {
  type Author,
  mentionedUserIds,
  clampTitle,
  type InboundEvent,
  type MentionResolver,
  type MessageDeletedEvent,
  type MessageEditedEvent,
  questionTitle,
  type ReactionChangedEvent,
  type ReactionsClearedEvent,
} from '../../core/index.ts';
import { discordToCanonical } from './text-in.ts';

/** Where a message sits relative to the channels Heimo watches. */
export type Placement =
  | { kind: 'channel'; channelId: string }
  | { kind: 'thread'; threadId: string; parentId: string; name: string; forum: boolean; tags: string[] };

/** Why Heimo leaves a message alone (its own posts, webhooks, bots, system notices); undefined if it does not. */
export function ignoreReason(message: Message | PartialMessage, botUserId: string | undefined): string | undefined {
  // Heimo posts through webhooks, so any webhook message may be an echo of its own relay.
  if (message.webhookId !== null && message.webhookId !== undefined) return 'webhook message';
  if (message.author === null) return 'no author';
  if (message.author.id === botUserId) return 'own message';
  if (message.author.bot) return 'bot author';
  if (!message.partial && message.system) return 'system message';
  return undefined;
}

function resolverFor(message: Message): MentionResolver {
  const guild = message.guild;
  return {
    user: (id) => message.mentions.members?.get(id)?.displayName ?? guild?.members.cache.get(id)?.displayName ?? message.mentions.users.get(id)?.displayName,
    role: (id) => message.mentions.roles.get(id)?.name ?? guild?.roles.cache.get(id)?.name,
    channel: (id) => {
      const channel = message.mentions.channels.get(id) ?? message.client.channels.cache.get(id);
      return channel !== undefined && 'name' in channel ? (channel.name ?? undefined) : undefined;
    },
  };
}

// A file as a link where Discord gave it a url; a payload without one still names the file.
const fileLink = (file: { name: unknown; url: unknown }): string => {
  const name = typeof file.name === 'string' && file.name.trim() !== '' ? file.name : 'attachment';
  return typeof file.url === 'string' && /^https?:\/\//i.test(file.url) ? `[${name}](${file.url})` : name;
};

/** Message text in canonical form, with attachments appended as links so nothing silently vanishes. */
export function canonicalText(message: Message): string {
  // A dispatch without `content` (missing intent, malformed) leaves discord.js's field unset.
  const text = discordToCanonical(message.content ?? '', resolverFor(message));
  const files = [...message.attachments.values()].map(fileLink);
  return [text, ...files].filter((part) => part.trim() !== '').join('\n');
}

/** The author as Heimo shows them: server nickname, else global name, else username. */
export function authorOf(message: Message): Author {
  const member = message.member;
  return {
    platformUserId: message.author.id,
    displayName: member?.displayName ?? message.author.displayName,
    avatarUrl: member?.displayAvatarURL() ?? message.author.displayAvatarURL(),
    isBot: message.author.bot,
  };
}

/**
 * The author's role ids as the message's member payload lists them (routing tiers and the
 * community's staff roles read them); the @everyone role every member holds is left out, as
 * Discord's own payload leaves it out. Undefined when the message carries no member (a REST read).
 */
export function authorRoleIds(message: Message): string[] | undefined {
  return message.member === null ? undefined : roleIdsOf(message.member);
}

/** A member's role ids without @everyone (whose id is the guild's). */
export function roleIdsOf(member: GuildMember): string[] {
  return [...member.roles.cache.keys()].filter((id) => id !== member.guild.id);
}

// Core's title (first line, markdown stripped, at most 80 characters) names the thread and the card.
function titleOf(text: string, author: Author): string {
  return questionTitle(text) || clampTitle(`Question from ${author.displayName}`);
}

/** A new message: a question in a watched channel, a forum post, or a follow-up in a watched thread. */
export function createdEvent(message: Message, placement: Placement): InboundEvent {
  const text = canonicalText(message);
  const author = authorOf(message);
  const base = { platform: 'discord' as const, messageId: message.id, author, text, url: message.url };
  const roles = authorRoleIds(message);
  const asker = roles === undefined ? {} : { authorRoleIds: roles };
  if (placement.kind === 'channel') {
    return { type: 'question.asked', ...base, channelId: placement.channelId, threadId: null, title: titleOf(text, author), ...asker };
  }
  // A forum post's starter message has the thread's id: it is the question, not a follow-up.
  if (placement.forum && message.id === placement.threadId) {
    const title = clampTitle(placement.name) || titleOf(text, author);
    return { type: 'question.asked', ...base, channelId: placement.parentId, threadId: placement.threadId, title, tags: placement.tags, ...asker };
  }
  return { type: 'message.posted', platform: 'discord', channelId: placement.threadId, threadId: placement.threadId, messageId: message.id, author, text, ...addressees(message, placement.threadId), ...asker };
}

/** Whom a follow-up speaks to: the people it mentions and the message it replies to in the same thread (a forward is no reply). */
export function addressees(message: Message, threadId: string): { mentionedUserIds?: string[]; replyToMessageId?: string } {
  const mentioned = mentionedUserIds('discord', message.content ?? '');
  const reference = message.reference;
  const reply = reference !== null && reference.type === MessageReferenceType.Default && reference.channelId === threadId ? reference.messageId : undefined;
  return { ...(mentioned.length === 0 ? {} : { mentionedUserIds: mentioned }), ...(reply === undefined ? {} : { replyToMessageId: reply }) };
}

// The thread key the core orders a thread's events by; a message in a watched channel has none.
const threadOf = (placement: Placement): { threadId?: string } => (placement.kind === 'thread' ? { threadId: placement.threadId } : {});

/** An edit of the text; null when the update changed something else (embeds, pins, a new thread). */
export function editedEvent(old: Message | PartialMessage, updated: Message, placement: Placement): MessageEditedEvent | null {
  if (!old.partial && old.content === updated.content) return null;
  // Without the old message, only an edit timestamp tells a user edit from an embed unfurling.
  if (old.partial && updated.editedTimestamp === null) return null;
  return { type: 'message.edited', platform: 'discord', channelId: updated.channelId, ...threadOf(placement), messageId: updated.id, text: canonicalText(updated) };
}

/** A deleted message. */
export function deletedEvent(message: Message | PartialMessage, placement: Placement): MessageDeletedEvent {
  return { type: 'message.deleted', platform: 'discord', channelId: message.channelId, ...threadOf(placement), messageId: message.id };
}

/** Why Heimo leaves a reaction alone (its own, another bot's, a custom emoji); undefined if it does not. */
export function reactionIgnoreReason(reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser, botUserId: string | undefined): string | undefined {
  // A user discord.js has not seen yet is partial, its `bot` null: only the id tells Heimo's own apart.
  if (user.id === botUserId) return 'own reaction';
  if (user.bot === true) return 'bot reaction';
  // Slack and Teams cannot show a server's own emoji.
  if (reaction.emoji.id !== null) return 'custom emoji';
  if (reaction.emoji.name === null || reaction.emoji.name === '') return 'emoji without a name';
  return undefined;
}

/** A reaction added or removed on a message in a watched channel or thread. */
export function reactionEvent(reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser, added: boolean, placement: Placement): ReactionChangedEvent {
  return {
    type: added ? 'reaction.added' : 'reaction.removed',
    platform: 'discord',
    channelId: reaction.message.channelId,
    ...threadOf(placement),
    messageId: reaction.message.id,
    userId: user.id,
    // reactionIgnoreReason drops nameless emoji; the fallback only satisfies the type.
    emoji: reaction.emoji.name ?? '',
  };
}

/** A moderator cleared a message's reactions: all of them, or those of one (Unicode) emoji. */
export function reactionsClearedEvent(message: Message | PartialMessage, placement: Placement, emoji?: string): ReactionsClearedEvent {
  return {
    type: 'reactions.cleared',
    platform: 'discord',
    channelId: message.channelId,
    ...threadOf(placement),
    messageId: message.id,
    ...(emoji === undefined ? {} : { emoji }),
  };
}
