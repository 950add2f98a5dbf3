import { parseCanonical, plainText } from './canonical-parse.ts';

/** The longest title Heimo shows: the Slack and Teams card headings and the Discord thread name. */
export const TITLE_LIMIT = 80;

const FENCE = /^\s*(`{3,}|~{3,})/;

/** Plain text on one line, whitespace collapsed, at most `max` characters with an ellipsis when cut. */
export function clampTitle(text: string, max: number = TITLE_LIMIT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

// The words one line of markdown shows, markup removed; the raw line if the parser refuses it.
function lineText(markdown: string): string {
  try {
    const first = parseCanonical(markdown).children[0];
    return first === undefined ? '' : (plainText(first).split('\n').find((line) => line.trim() !== '') ?? '');
  } catch {
    return markdown;
  }
}

/**
 * A question's title: the first line it shows, markdown stripped (`**password**` reads
 * `password`), on one line, at most `max` (80) characters ending in `…` when cut; '' when the
 * question shows no text. Every bot takes its titles from here.
 */
export function questionTitle(markdown: string, max: number = TITLE_LIMIT): string {
  return clampTitle(lineText(markdown), max);
}

/**
 * The question as a card shows it under `title`: without its first line when that line, stripped,
 * is the whole title (so the card says it once); unchanged when the title is cut, comes from
 * elsewhere (a forum post's name) or the question opens with code.
 */
export function questionBody(markdown: string, title: string): string {
  const lines = markdown.split('\n');
  const index = lines.findIndex((line) => line.trim() !== '');
  const first = lines[index];
  if (first === undefined || FENCE.test(first) || title === '' || clampTitle(lineText(first), Number.MAX_SAFE_INTEGER) !== title) return markdown;
  return lines.slice(index + 1).join('\n').replace(/^\s*\n/, '').trimEnd();
}
