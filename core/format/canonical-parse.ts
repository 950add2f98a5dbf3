import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { HeimoError } from '../errors.ts';
import { markdownLink, textToMarkdown } from './markdown-text.ts';

// Canonical text is chat text, not a document: constructs that chat platforms do not have are
// switched off so they stay literal text. Indented lines are not code, `<b>` is not HTML,
// `&amp;` is not an entity, `[x]: url` is not a hidden definition, `---` under a line is not a heading.
const DISABLED = ['codeIndented', 'htmlFlow', 'htmlText', 'definition', 'characterReference', 'setextUnderline'];

// Chat text never nests quotes and lists this deep; micromark's time grows with the square of
// the nesting and its stack overflows, so deeper text is refused and shown as plain text.
const MAX_NESTING = 24;
const CONTAINER = /^[ \t]*(?:>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;

function tooDeep(text: string): boolean {
  for (const line of text.split('\n')) {
    if (/^[ \t]{64}/.test(line)) return true;
    let rest = line;
    for (let depth = 0; depth <= MAX_NESTING; depth++) {
      const marker = CONTAINER.exec(rest);
      if (!marker) break;
      if (depth === MAX_NESTING) return true;
      rest = rest.slice(marker[0].length);
    }
  }
  return false;
}

/**
 * Parses canonical text into an mdast tree. Malformed markdown is still markdown, so this only
 * throws (BAD_INPUT) for absurd nesting; converters catch that and fall back to plain text.
 */
export function parseCanonical(text: string): Root {
  if (tooDeep(text)) throw new HeimoError('BAD_INPUT', 'markdown nests quotes or lists too deeply to render');
  return fromMarkdown(text, {
    extensions: [gfmStrikethrough({ singleTilde: false }), gfmAutolinkLiteral(), { disable: { null: DISABLED } }],
    mdastExtensions: [gfmStrikethroughFromMarkdown(), gfmAutolinkLiteralFromMarkdown()],
  });
}

/** Calls `visit` for `node` and every node below it, parents first. */
export function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

/** The text a node shows, without markup: image alt text included, code kept verbatim. */
export function plainText(node: Nodes): string {
  if (node.type === 'image') return node.alt ?? '';
  if ('value' in node) return node.value;
  if ('children' in node) return node.children.map((child: Nodes) => plainText(child)).join('');
  return '';
}

function parsesToLink(markdown: string, url: string): boolean {
  const first = parseCanonical(markdown).children[0];
  if (first?.type !== 'paragraph' || first.children.length !== 1) return false;
  const only = first.children[0];
  return only?.type === 'link' && only.url === url;
}

/**
 * Canonical text for a link shown as `shown` (the URL itself by default): the bare text when the
 * parser reads it back as exactly that link, else an autolink `<url>`, else a labelled link, so
 * a URL never changes on the way.
 */
export function linkText(url: string, shown: string = url): string {
  // Only web and mail addresses can stand bare; skip the parse for anything else.
  if (/^(https?:\/\/|mailto:)/i.test(url) && parsesToLink(shown, url)) return shown;
  // The CommonMark autolink grammar: a scheme, then no spaces or angle brackets.
  if (shown === url && /^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*$/.test(url)) return `<${url}>`;
  return markdownLink(textToMarkdown(shown, false), url);
}
