import {
  defuseBroadcasts,
  type InlineContext,
  isPlainText,
  type MarkupRenderer,
  renderCanonical,
  type RenderedItem,
  wrapInline,
} from '../../core/index.ts';

const ZWSP = '\u200b';
const MARKERS = new Set(['*', '_', '~', '`']);
// Slack only opens bold/italic/strike/code after the start, whitespace or this punctuation.
const OPENS_AFTER = /[\s.,([{!?\-=]/;
const BULLETS = ['•', '◦', '▪'];
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

// The three characters Slack reserves for links and mentions (`<!channel>`, `<@U1>`).
function escapeSlackEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Slack has no backslash escape: a zero-width space before a literal marker that could pair
// with a later one on the same line keeps `*not bold*` from turning bold.
function guardMarkers(text: string): string {
  let out = '';
  let lineEnd = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (i > lineEnd) lineEnd = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    const opens = i === 0 || OPENS_AFTER.test(text.charAt(i - 1));
    if (MARKERS.has(ch) && opens && text.charAt(i + 1).trim() !== '') {
      const closer = text.indexOf(ch, i + 1);
      if (closer !== -1 && closer < lineEnd) out += ZWSP;
    }
    out += ch;
  }
  return out;
}

function slackText(value: string): string {
  return defuseBroadcasts(escapeSlackEntities(guardMarkers(value)));
}

function mark(marker: string, inner: string, open: boolean): string {
  return open ? inner : wrapInline(marker, inner);
}

function renderList(items: RenderedItem[], ordered: boolean, start: number, depth: number): string {
  return items
    .map((item, i) => {
      const marker = ordered ? `${start + i}. ` : `${BULLETS[depth % BULLETS.length] ?? '•'} `;
      const [first = '', ...rest] = item.content.split('\n');
      const body = [marker + first, ...rest.map((line) => (line ? `    ${line}` : line))].join('\n');
      return '\n'.repeat(item.gap) + body;
    })
    .join('');
}

const slackRenderer: MarkupRenderer = {
  headingIsStrong: true,
  text: slackText,
  strong: (inner, ctx: InlineContext) => mark('*', inner, ctx.strong),
  emphasis: (inner, ctx) => mark('_', inner, ctx.emphasis),
  strike: (inner, ctx) => mark('~', inner, ctx.strike),
  inlineCode: (value) => `\`${escapeSlackEntities(value)}\``,
  hardBreak: () => '\n',
  link(url, _label, plain, autolink) {
    // Without a scheme, `<!channel|x>` or `<@U1|x>` would be a broadcast or a mention.
    if (!HAS_SCHEME.test(url)) return url === '' || url === plain ? slackText(plain) : slackText(`${plain} (${url})`);
    const target = escapeSlackEntities(url).replace(/\|/g, '%7C');
    if (autolink && url === plain) return `<${target}>`;
    return `<${target}|${slackText(plain || url)}>`;
  },
  heading: (inner, _depth, ctx) => mark('*', inner, ctx.strong),
  // Slack prints a language tag after ``` literally, so it is dropped.
  code: (value) => `\`\`\`\n${escapeSlackEntities(value)}\n\`\`\``,
  blockquote: (inner) => inner.split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n'),
  list: renderList,
  thematicBreak: () => '---',
  blockGap: (lines) => '\n'.repeat(lines),
};

/** Canonical markdown to Slack mrkdwn; customer text can never notify anyone or inject a link. */
export function canonicalToSlack(text: string): string {
  return isPlainText(text) ? slackText(text) : parseCanonicalToSlack(text);
}

/** The parse-and-render path of canonicalToSlack, which plain text skips. */
export function parseCanonicalToSlack(text: string): string {
  try {
    return renderCanonical(text, slackRenderer);
  } catch {
    // Only absurd nesting (thousands of levels) overflows the parser's stack: keep the words.
    return slackText(text);
  }
}
