import type { Attachment, Author, InboundEvent, Logger } from '../../core/index.ts';
import { teamsToCanonical } from './text-in.ts';

/** The parts of a Bot Framework activity Heimo reads (as plain data, free of SDK classes). */
export interface TeamsActivity {
  type?: string;
  id?: string;
  replyToId?: string;
  text?: string;
  from?: { id?: string; name?: string; aadObjectId?: string };
  recipient?: { id?: string; name?: string };
  conversation?: { id?: string; conversationType?: string };
  channelData?: { eventType?: string };
  attachments?: TeamsAttachment[];
  entities?: { type?: string; text?: string; mentioned?: { id?: string; name?: string; aadObjectId?: string } }[];
  reactionsAdded?: { type?: string }[];
  reactionsRemoved?: { type?: string }[];
}

/** One entry of an activity's attachments: the message body, a card, or a file. */
export interface TeamsAttachment {
  contentType?: string;
  contentUrl?: string;
  name?: string;
  content?: unknown;
}

const MESSAGE_ID = ';messageid=';

/** Splits a channel conversation id `19:abc@thread.tacv2;messageid=123` into channel and reply-chain root. */
export function splitConversationId(conversationId: string): { channelId: string; threadId?: string } {
  const at = conversationId.indexOf(MESSAGE_ID);
  if (at < 0) return { channelId: conversationId };
  return { channelId: conversationId.slice(0, at), threadId: conversationId.slice(at + MESSAGE_ID.length) };
}

/** The conversation id that addresses a channel's reply chain. */
export const replyChainId = (channelId: string, threadId: string): string => `${channelId}${MESSAGE_ID}${threadId}`;

/** True for Heimo's own posts, which Teams echoes back: relaying them would loop. */
export function isOwnActivity(activity: TeamsActivity, appId: string): boolean {
  const from = activity.from?.id;
  if (!from) return false;
  return from === activity.recipient?.id || (appId !== '' && (from === appId || from === `28:${appId}`));
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Teams repeats the message's full rendering as an inline text/html attachment: the body, not a file.
const isBody = (item: TeamsAttachment): boolean => item.contentType === 'text/html' && typeof item.content === 'string';

/** The message's HTML (Teams puts the full rendering in a text/html attachment) without @mentions of the bot. */
function messageHtml(activity: TeamsActivity): string {
  const attachment = activity.attachments?.find(isBody);
  let html = typeof attachment?.content === 'string' ? attachment.content : (activity.text ?? '');
  const botNames = new Set<string>();
  for (const entity of activity.entities ?? []) {
    if (entity.type === 'mention' && entity.mentioned?.id === activity.recipient?.id && entity.mentioned?.name) botNames.add(entity.mentioned.name);
  }
  for (const name of botNames) html = html.replace(new RegExp(`<at(?:\\s[^>]*)?>\\s*${escapeRegExp(name)}\\s*</at>`, 'gi'), '');
  return html;
}

function canonicalText(activity: TeamsActivity): string {
  const mentioned = (activity.entities ?? []).filter((entity) => entity.type === 'mention');
  const nameOf = (id: string): string | undefined =>
    mentioned.find((entity) => entity.mentioned?.id === id)?.mentioned?.name ?? (/^\d+$/.test(id) ? mentioned[Number(id)]?.mentioned?.name : undefined);
  return teamsToCanonical(messageHtml(activity), { user: nameOf }).trim();
}

const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
// A card that points at a file in SharePoint, unlike the other cards, which are only UI.
const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';
const isCard = (type: string): boolean => /\.card\./.test(type) && type !== FILE_INFO_CARD;
const httpUrl = (value: unknown): string | undefined => (typeof value === 'string' && /^https?:\/\//i.test(value) ? value : undefined);
// contentType is a real MIME type only for plain files: `reference` and Microsoft's vnd types say nothing of the bytes.
const mimeTypeOf = (type: string): string | undefined => (/^[a-z]+\/[\w.+-]+$/i.test(type) && !type.startsWith('application/vnd.microsoft.') ? type : undefined);

function fileOf(item: TeamsAttachment): Attachment | undefined {
  const name = item.name?.trim();
  const type = item.contentType ?? '';
  if (!name || isBody(item) || isCard(type)) return undefined;
  const content = typeof item.content === 'object' && item.content !== null ? (item.content as { downloadUrl?: unknown }) : {};
  const url = type === FILE_DOWNLOAD_INFO ? (httpUrl(content.downloadUrl) ?? httpUrl(item.contentUrl)) : httpUrl(item.contentUrl);
  if (url === undefined) return undefined;
  const mimeType = mimeTypeOf(type);
  return { name, url, ...(mimeType === undefined ? {} : { mimeType }) };
}

/**
 * The files a message carries, so the other side at least learns their names: Heimo cannot
 * fetch Teams files (SharePoint wants the user's consent), so they are named, never carried.
 */
export function fileAttachments(activity: TeamsActivity): Attachment[] {
  const files: Attachment[] = [];
  for (const item of activity.attachments ?? []) {
    const file = fileOf(item);
    if (file !== undefined && !files.some((known) => known.url === file.url)) files.push(file);
  }
  return files;
}

/** Who sent an activity as Heimo keys people: the Entra object id where Teams gives one. */
export function platformUserId(activity: TeamsActivity): string | undefined {
  // The Entra object id is the same in every app; the 29: id is specific to this bot.
  return activity.from?.aadObjectId ?? activity.from?.id;
}

/**
 * The people an activity @mentions, keyed as Heimo keys Teams people (the Entra object id where the
 * entity gives one); Heimo itself and other bots (28: ids) are not people.
 */
export function mentionedPeople(activity: TeamsActivity): string[] {
  const ids = (activity.entities ?? [])
    .filter((entity) => entity.type === 'mention' && entity.mentioned?.id !== undefined && entity.mentioned.id !== activity.recipient?.id && !entity.mentioned.id.startsWith('28:'))
    .map((entity) => entity.mentioned?.aadObjectId ?? entity.mentioned?.id ?? '');
  return [...new Set(ids.filter((id) => id !== ''))];
}

function author(activity: TeamsActivity): Author {
  const from = activity.from ?? {};
  return {
    platformUserId: platformUserId(activity) ?? 'unknown',
    displayName: from.name?.trim() || 'Teams user',
    isBot: from.id?.startsWith('28:') ?? false,
  };
}

/**
 * Translates a channel activity into Heimo's event, or undefined for anything Heimo does not
 * relay: other conversation kinds, Heimo's own posts, undeletes and the like (reactions: translate-reaction.ts).
 */
export function translateActivity(activity: TeamsActivity, appId: string, logger?: Pick<Logger, 'debug'>): InboundEvent | undefined {
  const conversation = activity.conversation;
  if (!conversation?.id || conversation.conversationType !== 'channel' || !activity.id || isOwnActivity(activity, appId)) return undefined;
  const { channelId, threadId } = splitConversationId(conversation.id);
  // Edits and deletes name their reply chain only in the conversation id; a bare channel id says nothing.
  const inThread = threadId === undefined ? {} : { threadId };
  const eventType = activity.channelData?.eventType;
  switch (activity.type) {
    case 'message': {
      const text = canonicalText(activity);
      const files = fileAttachments(activity);
      const mentioned = mentionedPeople(activity);
      if (text === '' && files.length === 0) {
        // Only a card, an unnamed image or nothing at all: an empty post is refused downstream and dead-letters.
        logger?.debug('Teams message with neither text nor files not relayed', { channelId, messageId: activity.id });
        return undefined;
      }
      return {
        type: 'message.posted',
        platform: 'teams',
        channelId,
        threadId: threadId ?? activity.replyToId ?? activity.id,
        messageId: activity.id,
        author: author(activity),
        text,
        ...(files.length === 0 ? {} : { attachments: files }),
        ...(mentioned.length === 0 ? {} : { mentionedUserIds: mentioned }),
      };
    }
    case 'messageUpdate':
      if (eventType !== 'editMessage') return undefined;
      return { type: 'message.edited', platform: 'teams', channelId, ...inThread, messageId: activity.id, text: canonicalText(activity) };
    case 'messageDelete':
      if (eventType !== 'softDeleteMessage') return undefined;
      return { type: 'message.deleted', platform: 'teams', channelId, ...inThread, messageId: activity.id };
    default:
      return undefined;
  }
}
