import type { RootContent } from 'mdast';
import { type MarkupRenderer, renderCanonical, type RenderedItem } from '../../core/index.ts';

const SAFE_URL = /^(https?:|mailto:)/i;
// These render as HTML block elements, which already start on a new line.
const BLOCK_TYPES = new Set(['code', 'blockquote', 'list', 'thematicBreak']);

// For content and attributes alike, so customer text can never form a tag or an `<at>` mention.
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function htmlText(value: string): string {
  return escapeHtml(value).replace(/\n/g, '<br>');
}

function list(items: RenderedItem[], ordered: boolean, start: number): string {
  const tag = ordered ? 'ol' : 'ul';
  const open = ordered && start !== 1 ? `<ol start="${start}">` : `<${tag}>`;
  return `${open}${items.map((item) => `<li>${item.content}</li>`).join('')}</${tag}>`;
}

function blockGap(lines: number, prev: RootContent, next: RootContent): string {
  const isBlock = BLOCK_TYPES.has(prev.type) || BLOCK_TYPES.has(next.type);
  return '<br>'.repeat(isBlock ? lines - 1 : lines);
}

const teamsRenderer: MarkupRenderer = {
  headingIsStrong: true,
  text: htmlText,
  strong: (inner, ctx) => (ctx.strong ? inner : `<b>${inner}</b>`),
  emphasis: (inner, ctx) => (ctx.emphasis ? inner : `<i>${inner}</i>`),
  strike: (inner, ctx) => (ctx.strike ? inner : `<s>${inner}</s>`),
  inlineCode: (value) => `<code>${escapeHtml(value)}</code>`,
  hardBreak: () => '<br>',
  // Only web and mail links become anchors; a `javascript:` URL stays visible text.
  link: (url, label) => (SAFE_URL.test(url) ? `<a href="${escapeHtml(url)}">${label}</a>` : label),
  heading: (inner, _depth, ctx) => (ctx.strong ? inner : `<b>${inner}</b>`),
  code: (value) => `<pre><code>${escapeHtml(value)}</code></pre>`,
  blockquote: (inner) => `<blockquote>${inner}</blockquote>`,
  list: (items, ordered, start) => list(items, ordered, start),
  thematicBreak: () => '<hr>',
  blockGap,
};

/** Canonical markdown to the HTML Teams renders; all text is escaped, code goes in <pre><code>. */
export function canonicalToTeams(text: string): string {
  try {
    return renderCanonical(text, teamsRenderer);
  } catch {
    // Only absurd nesting (thousands of levels) overflows the parser's stack: keep the words.
    return htmlText(text);
  }
}
