// Builders for canonical markdown: every converter that turns platform text into canonical text
// goes through these, so escaping rules live in one place.

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
// The CommonMark autolink grammar: only these `<` sequences are markup (HTML is switched off).
const AUTOLINK = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;
const SPACE = /^\s$/;
const BULLETS = new Set(['•', '◦', '▪']);

function startsAutolink(text: string, at: number): boolean {
  AUTOLINK.lastIndex = at;
  return AUTOLINK.test(text);
}

function escapeAt(text: string, i: number): string {
  const ch = text.charAt(i);
  const prev = text.charAt(i - 1);
  const next = text.charAt(i + 1);
  if (ch === '`') return '\\`';
  // `*` between spaces cannot open or close emphasis; anywhere else it might pair with another.
  if (ch === '*') return SPACE.test(prev) && SPACE.test(next) ? ch : '\\*';
  // Without link definitions only `](` closes a link, so a lone `[x]` stays as typed.
  if (ch === ']') return next === '(' || next === '' ? '\\]' : ch;
  if (ch === '<') return next === '' || startsAutolink(text, i) ? '\\<' : ch;
  // A lone backslash is literal in CommonMark, except before punctuation or a line end.
  if (ch === '\\') return next === '' || next === '\n' || ASCII_PUNCT.test(next) ? '\\\\' : ch;
  // Intraword `_` never forms emphasis, so snake_case stays readable; nor does a `_` between spaces.
  if (ch === '_') return (WORD_CHAR.test(prev) && WORD_CHAR.test(next)) || (SPACE.test(prev) && SPACE.test(next)) ? ch : '\\_';
  // Only `~~` strikes; a `~` at an edge could meet a neighbouring node's tilde.
  if (ch === '~') return prev === '~' || next === '~' || prev === '' || next === '' ? '\\~' : ch;
  return ch;
}

/**
 * Turns plain chat text into canonical markdown that displays the same text. `atLineStart` says
 * whether the text begins a line, where `#` and `>` would start a heading or a quote. Bullet
 * glyphs that Slack uses for lists (`• item`) become markdown list items.
 */
export function textToMarkdown(text: string, atLineStart: boolean): string {
  let out = '';
  let lineStart = atLineStart;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '\n') {
      out += ch;
      lineStart = true;
      continue;
    }
    if (lineStart) {
      if (ch === ' ' || ch === '\t') {
        out += ch;
        continue;
      }
      lineStart = false;
      if (ch === '#' || ch === '>') {
        out += `\\${ch}`;
        continue;
      }
      if (BULLETS.has(ch) && text.charAt(i + 1) === ' ') {
        out += '-';
        continue;
      }
    }
    out += escapeAt(text, i);
  }
  return out;
}

/** Wraps inline markup around `inner`, keeping edge whitespace outside (`** b**` is not bold). */
export function wrapInline(open: string, inner: string, close: string = open): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  const body = match?.[2] ?? '';
  if (body === '') return inner;
  return `${match?.[1] ?? ''}${open}${body}${close}${match?.[3] ?? ''}`;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const ch of text) {
    run = ch === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** A fenced code block whose fence is longer than any backtick run inside, so content stays verbatim. */
export function fencedCode(content: string, lang = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
  const info = /^[^\s`]*$/.test(lang) ? lang : '';
  return `${fence}${info}\n${content}\n${fence}`;
}

/** An inline code span that survives backticks and edge spaces inside the content. */
export function inlineCode(content: string): string {
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || /^ .* $/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** Link destination in markdown: angle brackets when the URL holds spaces or parentheses. */
export function linkDestination(url: string): string {
  if (!/[\s()<>]/.test(url)) return url.replace(/\\/g, '\\\\');
  return `<${url.replace(/[\\<>]/g, (ch) => `\\${ch}`).replace(/\n/g, '%0A')}>`;
}

/** A markdown link; `label` is already canonical markdown. */
export function markdownLink(label: string, url: string): string {
  return `[${label}](${linkDestination(url)})`;
}
