import { createHash } from 'node:crypto';
import { escapeMarkdown } from 'discord.js';
import { HeimoError } from '../../core/errors.ts';
import { canonicalToDiscord, splitText } from '../../core/format/index.ts';
import type { OutboundMessage } from '../../core/ports/delivery.ts';
import type { MessageBody } from './api.ts';

/** Discord's per-message character limit. */
export const MESSAGE_LIMIT = 2000;

const NO_PINGS = { parse: [] as [] };

/** An outbound message rendered for Discord: its parts and the author's webhook identity. */
export interface RenderedMessage {
  /** Text parts; a bot post puts `prefix` in front of each so readers still see who wrote it. */
  parts: string[];
  username: string;
  avatarUrl?: string;
  prefix: string;
}

/** Shortens to `max` characters with an ellipsis, after collapsing whitespace. */
export function clamp(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Renders canonical text into Discord parts; internal notes and empty text are refused. */
export function renderMessage(message: OutboundMessage): RenderedMessage {
  if (message.internal) throw new HeimoError('BAD_INPUT', 'internal notes are never posted on Discord', { context: { idempotencyKey: message.idempotencyKey } });
  const text = canonicalToDiscord(message.text);
  if (text.trim() === '') throw new HeimoError('BAD_INPUT', 'Discord cannot post an empty message', { context: { idempotencyKey: message.idempotencyKey } });
  const username = clamp(message.author.displayName, 80) || 'Heimo user';
  // A name like "@everyone" must read as text: escape markdown and put a zero-width space after @.
  const prefix = `**${escapeMarkdown(username).replace(/@/g, '@\u200b')}**: `;
  // One split serves both ways of posting, so a message can switch to the bot part-way and
  // an edit maps part to part whichever way each part went out.
  return {
    parts: splitText(text, MESSAGE_LIMIT - prefix.length),
    username,
    prefix,
    ...(message.author.avatarUrl === undefined ? {} : { avatarUrl: message.author.avatarUrl }),
  };
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
  return `${rendered.prefix}${rendered.parts[index] ?? ''}`;
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

/** A thread name from a question title: one line, 1 to 100 characters. */
export function threadName(title: string): string {
  return clamp(title, 100) || 'Question';
}
