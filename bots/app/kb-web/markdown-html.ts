import type { RootContent } from 'mdast';
import { type MarkupRenderer, renderCanonical, type RenderedItem } from '../../../core/index.ts';
import { escapeHtml, trusted, type SafeHtml } from './html.ts';

// Articles are canonical markdown (chat text): HTML in it is literal text, so `<script>` shows as
// typed. Only web and mail links become anchors, and they never pass a referrer or rank.
const SAFE_URL = /^(https?:|mailto:)/i;
const BLOCK_TYPES = new Set(['code', 'blockquote', 'list', 'thematicBreak', 'heading']);

const text = (value: string): string => escapeHtml(value).replace(/\n/g, '<br>');

function list(items: RenderedItem[], ordered: boolean, start: number): string {
  const open = ordered ? (start === 1 ? '<ol>' : `<ol start="${start}">`) : '<ul>';
  return `${open}${items.map((item) => `<li>${item.content}</li>`).join('')}${ordered ? '</ol>' : '</ul>'}`;
}

// Block elements have margins of their own; between two paragraphs the author's blank lines stay.
function blockGap(lines: number, prev: RootContent, next: RootContent): string {
  return '<br>'.repeat(BLOCK_TYPES.has(prev.type) || BLOCK_TYPES.has(next.type) ? Math.max(0, lines - 2) : lines);
}

const webRenderer: MarkupRenderer = {
  headingIsStrong: false,
  text,
  strong: (inner, ctx) => (ctx.strong ? inner : `<strong>${inner}</strong>`),
  emphasis: (inner, ctx) => (ctx.emphasis ? inner : `<em>${inner}</em>`),
  strike: (inner, ctx) => (ctx.strike ? inner : `<s>${inner}</s>`),
  inlineCode: (value) => `<code>${escapeHtml(value)}</code>`,
  hardBreak: () => '<br>',
  link: (url, label) => (SAFE_URL.test(url) ? `<a href="${escapeHtml(url)}" rel="nofollow ugc noopener">${label}</a>` : label),
  // The page's own headings are h1-h2: an article's headings start below them.
  heading: (inner, depth) => `<h${Math.min(6, depth + 2)}>${inner}</h${Math.min(6, depth + 2)}>`,
  code: (value) => `<pre><code>${escapeHtml(value)}</code></pre>`,
  blockquote: (inner) => `<blockquote>${inner}</blockquote>`,
  list: (items, ordered, start) => list(items, ordered, start),
  thematicBreak: () => '<hr>',
  blockGap,
};

/** Canonical markdown as HTML for the pages: all text escaped, code in <pre><code>, safe links only. */
export function markdownHtml(markdown: string): SafeHtml {
  try {
    return trusted(renderCanonical(markdown, webRenderer));
  } catch {
    // Only absurd nesting is refused by the parser: the words still show.
    return trusted(text(markdown));
  }
}
