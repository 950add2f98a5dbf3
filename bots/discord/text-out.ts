import { defuseBroadcasts, parseCanonical, walk } from '../../core/index.ts';

const MENTION = /<(?:@[!&]?|#)\d+>/y;
const PUNCT = /[!-/:-@[-`{-~]/;

// Backslash before `<@123>` makes Discord show the raw text; an existing escape is left alone.
function protect(segment: string): string {
  let out = '';
  let i = 0;
  while (i < segment.length) {
    const ch = segment.charAt(i);
    if (ch === '\\' && PUNCT.test(segment.charAt(i + 1))) {
      out += segment.slice(i, i + 2);
      i += 2;
      continue;
    }
    MENTION.lastIndex = i;
    if (ch === '<' && MENTION.test(segment)) out += '\\';
    out += ch;
    i += 1;
  }
  return defuseBroadcasts(out);
}

function codeRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  walk(parseCanonical(text), (node) => {
    const { start, end } = node.position ?? {};
    if (start?.offset === undefined || end?.offset === undefined) return;
    // Discord has no `~~~` fences: such a block shows as text there, so it is defused like text.
    const isCode = node.type === 'inlineCode' || (node.type === 'code' && text.charAt(start.offset) === '`');
    if (isCode) ranges.push([start.offset, end.offset]);
  });
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * Canonical markdown to Discord markdown. Discord reads CommonMark inline markup as is, so the
 * text is kept as written; only what could ping (`@everyone`, `<@123>`, `<@&1>`, `<#1>`) is
 * defused, and code is left untouched.
 */
export function canonicalToDiscord(text: string): string {
  // Code, the only thing kept verbatim, needs a backtick (Discord has no `~~~` fences or indented code).
  return text.includes('`') ? parseCanonicalToDiscord(text) : protect(text);
}

/** The parse path of canonicalToDiscord, which text without a backtick skips. */
export function parseCanonicalToDiscord(text: string): string {
  let ranges: Array<[number, number]>;
  try {
    ranges = codeRanges(text);
  } catch {
    // Only absurd nesting overflows the parser's stack; then code gets defused like text.
    ranges = [];
  }
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    out += protect(text.slice(at, start)) + text.slice(start, end);
    at = end;
  }
  return out + protect(text.slice(at));
}
