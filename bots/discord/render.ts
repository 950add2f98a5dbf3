import { createHash } from 'node:crypto';
import { escapeMarkdown } from 'discord.js';
import { type Attachment, clampTitle, HeimoError, type OutboundFile, type OutboundMessage, splitText } from '../../core/index.ts';
import { canonicalToDiscord } from './text-out.ts';
import type { MessageBody } from './api.ts';

/** Discord's per-message character limit. */
export const MESSAGE_LIMIT = 2000;

/** Discord's per-message attachment limit. */
export const FILES_PER_MESSAGE = 10;

const NO_PINGS = { parse: [] as [] };
const MIB = 1024 * 1024;

/** An outbound message rendered for Discord: its parts and the author's webhook identity. */
export interface RenderedMessage {
  /** Text parts, then file-only parts (''); a bot post puts `prefix` in front of each so readers still see who wrote it. */
  parts: string[];
  /** Files per part, index for index with `parts` (empty for a part without files). */
  files: OutboundFile[][];
  username: string;
  avatarUrl?: string;
  prefix: string;
}

/** Shortens to `max` characters with an ellipsis, after collapsing whitespace. */
export function clamp(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Cuts multi-line text to `max` characters (an ellipsis marks the cut), keeping its lines. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// Text from another platform must read as text: no markdown, no masked links, and an @ that
// cannot form a mention (a zero-width space after it) even where allowed_mentions is not sent.
const inert = (text: string): string => escapeMarkdown(text, { maskedLink: true }).replace(/@/g, '@\u200b').replace(/<#/g, '<\u200b#');

/** The line naming an attachment Heimo could not carry over, e.g. `📎 report.pdf (25.3 MB, too large to carry over)`. */
export function unfetchedLine(attachment: Attachment): string {
  const name = inert(clamp(attachment.name, 200) || 'file');
  if (attachment.size === undefined) return `📎 ${name} (could not be carried over)`;
  // Discord's own UI shows binary megabytes as "MB"; one decimal, without a trailing ".0".
  const mb = (attachment.size / MIB).toFixed(1).replace(/\.0$/, '');
  return `📎 ${name} (${mb} MB, too large to carry over)`;
}

/** The message's Discord text: the canonical text, then one line per file that could not be carried over. */
export function discordText(message: OutboundMessage): string {
  const lines = (message.unfetched ?? []).map(unfetchedLine);
  const text = canonicalToDiscord(message.text);
  return [text.trim() === '' ? '' : text, ...lines].filter((piece) => piece !== '').join('\n');
}

/** Options for rendering; an edit may blank the text of a post whose files stay. */
export interface RenderOptions {
  allowEmpty?: boolean;
}

/**
 * Renders a message into Discord parts: the text split to fit, its files on the last text part
 * (the text reads first) and files beyond Discord's 10 per message on file-only parts after it.
 * Internal notes are refused, and so is a message with neither text nor files.
 */
export function renderMessage(message: OutboundMessage, options: RenderOptions = {}): RenderedMessage {
  const context = { idempotencyKey: message.idempotencyKey };
  if (message.internal) throw new HeimoError('BAD_INPUT', 'internal notes are never posted on Discord', { context });
  const text = discordText(message);
  const files = message.files ?? [];
  if (text === '' && files.length === 0 && options.allowEmpty !== true) throw new HeimoError('BAD_INPUT', 'Discord cannot post an empty message', { context });
  const username = clamp(message.author.displayName, 80) || 'Heimo user';
  // A name like "@everyone" must read as text: escape markdown and put a zero-width space after @.
  const prefix = `**${escapeMarkdown(username).replace(/@/g, '@\u200b')}**: `;
  // One split serves both ways of posting, so a message can switch to the bot part-way and
  // an edit maps part to part whichever way each part went out.
  const textParts = text === '' ? [] : splitText(text, MESSAGE_LIMIT - prefix.length);
  const groups: OutboundFile[][] = [];
  for (let start = 0; start < files.length; start += FILES_PER_MESSAGE) groups.push(files.slice(start, start + FILES_PER_MESSAGE));
  const [firstGroup = [], ...moreGroups] = groups;
  const parts = textParts.length === 0 ? (groups.length === 0 ? [] : ['']) : textParts;
  const partFiles = parts.map((_part, index) => (index === parts.length - 1 ? firstGroup : []));
  return {
    parts: [...parts, ...moreGroups.map(() => '')],
    files: [...partFiles, ...moreGroups],
    username,
    prefix,
    ...(message.author.avatarUrl === undefined ? {} : { avatarUrl: message.author.avatarUrl }),
  };
}

/** The files to upload with part `index`, in the shape discord.js REST sends as multipart form data. */
export function partFiles(rendered: RenderedMessage, index: number): Array<{ name: string; data: Uint8Array; contentType?: string }> {
  return (rendered.files[index] ?? []).map((file) => ({ name: file.name, data: file.data, ...(file.mimeType === undefined ? {} : { contentType: file.mimeType }) }));
}

/** Body for posting part `index` through a webhook under the author's name and avatar. */
export function webhookBody(rendered: RenderedMessage, index: number): MessageBody {
  return {
    content: rendered.parts[index] ?? '',
    username: rendered.username,
    ...(rendered.avatarUrl === undefined ? {} : { avatar_url: rendered.avatarUrl }),
    allowed_mentions: NO_PINGS,
  };
}

/** Content of part `index` when the bot posts it itself. */
export function botContent(rendered: RenderedMessage, index: number): string {
  return botText(rendered, rendered.parts[index] ?? '');
}

/** Content of a bot post carrying `part`; a post with only files carries just the author's name. */
export function botText(rendered: RenderedMessage, part: string): string {
  // Discord trims trailing whitespace, so a bare prefix is stored (and must be compared) trimmed.
  return part === '' ? rendered.prefix.trimEnd() : `${rendered.prefix}${part}`;
}

/** Body for posting part `index` as the bot; the nonce makes Discord drop a repeated post. */
export function botBody(rendered: RenderedMessage, index: number, idempotencyKey: string): MessageBody {
  return { content: botContent(rendered, index), nonce: nonceFor(idempotencyKey, index), enforce_nonce: true, allowed_mentions: NO_PINGS };
}

/** Body for replacing a message's text. */
export function editBody(content: string): MessageBody {
  return { content, allowed_mentions: NO_PINGS };
}

/** A Discord nonce (at most 25 characters) derived from the delivery's idempotency key and part. */
export function nonceFor(idempotencyKey: string, index: number): string {
  return createHash('sha256').update(`${idempotencyKey}:${index}`).digest('base64url').slice(0, 25);
}

/** A thread name from a question title (core's plain title): one line, 1 to 100 characters, Discord's limit. */
export function threadName(title: string): string {
  return clampTitle(title, 100) || 'Question';
}
