import { canonicalToTeams } from './text-out.ts';
import { type OutboundMessage, splitText } from '../../core/index.ts';

/** Canonical characters per Teams message before splitting. */
export const PART_LIMIT = 25_000;
// Teams refuses activities over about 28 KB in all; HTML escaping can grow text, so re-split on bytes.
const MAX_HTML_BYTES = 26_000;

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The line above each part: a bot cannot post as another person in Teams, so the author's name
 * comes first, in bold. Internal notes say so, so nobody mistakes them for what the customer saw.
 */
function header(message: OutboundMessage): string {
  const name = `<b>${escapeHtml(message.author.displayName.replace(/\s+/g, ' ').trim() || 'Someone')}</b>`;
  return `${name}${message.internal ? ' <i>(internal note)</i>' : ''}<br>`;
}

/** Renders a message as the Teams HTML of each part, in order; never an empty list. */
export function messageParts(message: OutboundMessage): string[] {
  const top = header(message);
  const render = (text: string, limit: number): string[] =>
    splitText(text, limit).flatMap((piece) => {
      const html = `${top}${canonicalToTeams(piece)}`;
      if (Buffer.byteLength(html, 'utf8') <= MAX_HTML_BYTES || limit <= 1_000) return [html];
      return render(piece, Math.floor(limit / 2));
    });
  const parts = message.text.trim() ? render(message.text, PART_LIMIT) : [];
  return parts.length > 0 ? parts : [top];
}
