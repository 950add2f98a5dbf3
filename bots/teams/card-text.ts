import { type MarkupRenderer, renderCanonical, type RenderedItem, wrapInline } from '../../core/index.ts';

// Adaptive Cards' TextBlock knows only bold, italic, lists and links, and no escape: a zero-width
// space in front of a literal marker keeps `*` or `_` a customer typed from turning text bold.
const MARKERS = /([*_[\]`\\])/g;
const SAFE_URL = /^(https?:|mailto:)/i;
// Outside lists Teams needs a blank line for a new line; inside a list item a single one.
const cardText = (value: string): string => value.replace(MARKERS, '\u200b$1').replace(/\n/g, '\n\n');

function list(items: RenderedItem[], ordered: boolean, start: number, depth: number): string {
  const indent = '  '.repeat(depth);
  return items.map((item, i) => `${indent}${ordered ? `${start + i}.` : '-'} ${item.content.replace(/\n\n/g, '\n')}`).join('\n');
}

const cardRenderer: MarkupRenderer = {
  headingIsStrong: true,
  text: cardText,
  strong: (inner, ctx) => (ctx.strong ? inner : wrapInline('**', inner)),
  emphasis: (inner, ctx) => (ctx.emphasis ? inner : wrapInline('_', inner)),
  // No strikethrough and no code span in a TextBlock: the words stay, the markers go.
  strike: (inner) => inner,
  inlineCode: (value) => cardText(value),
  hardBreak: () => '\n\n',
  link: (url, label) => (SAFE_URL.test(url) ? `[${label}](${url.replace(/[()\s]/g, encodeURIComponent)})` : label),
  heading: (inner, _depth, ctx) => (ctx.strong ? inner : wrapInline('**', inner)),
  code: (value) => cardText(value),
  blockquote: (inner) => inner.split('\n').map((line) => (line ? `> ${line}` : line)).join('\n'),
  list,
  thematicBreak: () => '———',
  blockGap: () => '\n\n',
};

/** Canonical markdown to the markdown an Adaptive Card TextBlock renders (Teams): bold, italic, lists, links. */
export function canonicalToCardMarkdown(text: string): string {
  try {
    return renderCanonical(text, cardRenderer);
  } catch {
    // Only absurd nesting overflows the parser: keep the words, inert.
    return cardText(text);
  }
}
