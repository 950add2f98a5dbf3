import { fencedCode, mentionName, type MentionResolver, restoreBroadcasts, textToMarkdown } from '../../core/index.ts';

// Discord's own code grammar (its simple-markdown rules): a block may open and close on one line
// or close right after the content, which CommonMark would read as an unterminated fence.
const CODE_BLOCK = /```(?:([a-z0-9_+\-.#]+?)\n)?\n*([^\n][\s\S]*?)\n*```/iy;
const INLINE_CODE = /(`+)([\s\S]*?[^`])\1(?!`)/y;
const TOKEN = /<(@!?|@&|#)(\d+)>|<a?:(\w+):\d+>|<t:(-?\d{1,13})(?::[tTdDfFR])?>/y;
const PUNCT = /[!-/:-@[-`{-~]/;

function timestamp(seconds: string, source: string): string {
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return source;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function token(match: RegExpExecArray, resolve?: MentionResolver): string {
  const [source, sigil, id = '', emoji, seconds] = match;
  if (emoji !== undefined) return textToMarkdown(`:${emoji}:`, false);
  if (seconds !== undefined) return timestamp(seconds, source);
  if (sigil === '#') return `#${textToMarkdown(mentionName(resolve, 'channel', id), false)}`;
  const kind = sigil === '@&' ? 'role' : 'user';
  return `@${textToMarkdown(mentionName(resolve, kind, id), false)}`;
}

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function quoteAll(canonical: string): string {
  return canonical.split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n');
}

// Inside a `>>>` quote Discord has no further quotes, so `quotes` is false there and every `>`
// at a line start is literal.
function convert(text: string, resolve: MentionResolver | undefined, quotes: boolean): string {
  let out = '';
  let plain = '';
  let i = 0;
  let quoteLine = false;
  const flush = (): void => {
    out += restoreBroadcasts(plain);
    plain = '';
  };
  while (i < text.length) {
    const ch = text.charAt(i);
    if (i === 0 || text.charAt(i - 1) === '\n') {
      // `>>> ` quotes the rest of the message; `> ` one line, where CommonMark would lazily
      // pull the next line into the quote unless a blank line ends it; `>x` is no quote at all.
      if (quotes && text.startsWith('>>> ', i)) {
        flush();
        return out + quoteAll(convert(text.slice(i + 4), resolve, false));
      }
      const quoted = quotes && text.startsWith('> ', i);
      if (quoteLine && !quoted && ch !== '\n') plain += '\n';
      if (ch === '>' && !quoted) plain += '\\';
      quoteLine = quoted;
    }
    if (ch === '\\' && PUNCT.test(text.charAt(i + 1))) {
      plain += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    const block = ch === '`' ? matchAt(CODE_BLOCK, text, i) : null;
    if (block) {
      flush();
      if (out !== '' && !out.endsWith('\n')) out += '\n';
      out += fencedCode(block[2] ?? '', block[1] ?? '');
      i += block[0].length;
      if (i < text.length && text.charAt(i) !== '\n') out += '\n';
      continue;
    }
    const span = ch === '`' ? matchAt(INLINE_CODE, text, i) : null;
    const mention = ch === '<' ? matchAt(TOKEN, text, i) : null;
    const found = span ?? mention;
    if (found) {
      flush();
      out += span ? found[0] : token(found, resolve);
      i += found[0].length;
      continue;
    }
    plain += ch;
    i += 1;
  }
  flush();
  return out;
}

/**
 * Discord markdown to canonical markdown. Discord's inline markup already is CommonMark, so the
 * text is kept as written; mentions, custom emoji and timestamps become readable text, code
 * blocks become CommonMark fences on their own lines, and quotes get CommonMark's line rules.
 */
export function discordToCanonical(text: string, resolve?: MentionResolver): string {
  return convert(text, resolve, true);
}
