import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { markdownLink, textToMarkdown } from './markdown-text.ts';

// Canonical text is chat text, not a document: constructs that chat platforms do not have are
// switched off so they stay literal text. Indented lines are not code, `<b>` is not HTML,
// `&amp;` is not an entity, `[x]: url` is not a hidden definition, `---` under a line is not a heading.
const DISABLED = ['codeIndented', 'htmlFlow', 'htmlText', 'definition', 'characterReference', 'setextUnderline'];

/** Parses canonical text into an mdast tree; micromark never throws on malformed markdown. */
export function parseCanonical(text: string): Root {
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
  if (parsesToLink(shown, url)) return shown;
  if (shown === url && parsesToLink(`<${url}>`, url)) return `<${url}>`;
  return markdownLink(textToMarkdown(shown, false), url);
}
