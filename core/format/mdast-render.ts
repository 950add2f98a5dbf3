import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { parseCanonical, plainText } from './canonical-parse.ts';

/** Formatting already open around a node, so a renderer can avoid nesting the same markup. */
export interface InlineContext {
  strong: boolean;
  emphasis: boolean;
  strike: boolean;
}

/** One rendered list item and the line breaks that separated it from the item before. */
export interface RenderedItem {
  content: string;
  gap: number;
}

/** How one platform spells each canonical construct; renderCanonical walks the tree and asks it. */
export interface MarkupRenderer {
  /** True when headings render as strong text, so strong inside a heading is not doubled. */
  readonly headingIsStrong: boolean;
  text(value: string): string;
  strong(inner: string, ctx: InlineContext): string;
  emphasis(inner: string, ctx: InlineContext): string;
  strike(inner: string, ctx: InlineContext): string;
  inlineCode(value: string): string;
  hardBreak(): string;
  /** `autolink` is true when the link text is the URL itself (bare URL, `<url>`, e-mail). */
  link(url: string, label: string, plain: string, autolink: boolean): string;
  heading(inner: string, depth: number, ctx: InlineContext): string;
  code(value: string, lang: string): string;
  blockquote(inner: string): string;
  list(items: RenderedItem[], ordered: boolean, start: number, depth: number): string;
  thematicBreak(): string;
  /** Separator between two sibling blocks that were `lines` line breaks apart in the source. */
  blockGap(lines: number, prev: RootContent, next: RootContent): string;
}

const PLAIN: InlineContext = { strong: false, emphasis: false, strike: false };

/** Renders canonical text for one platform; the gaps between blocks keep the author's layout. */
export function renderCanonical(text: string, renderer: MarkupRenderer): string {
  return renderBlocks(parseCanonical(text).children, renderer, 0);
}

function lineGap(prev: Nodes, next: Nodes): number {
  return Math.max(1, (next.position?.start.line ?? 0) - (prev.position?.end.line ?? 0));
}

function renderBlocks(nodes: RootContent[], r: MarkupRenderer, depth: number): string {
  let out = '';
  nodes.forEach((node, i) => {
    const prev = nodes[i - 1];
    if (prev) out += r.blockGap(lineGap(prev, node), prev, node);
    out += renderNode(node, r, PLAIN, depth);
  });
  return out;
}

function renderInline(nodes: PhrasingContent[], r: MarkupRenderer, ctx: InlineContext): string {
  return nodes.map((node) => renderNode(node, r, ctx, 0)).join('');
}

function isAutolink(url: string, plain: string): boolean {
  return url === plain || url === `mailto:${plain}` || url === `http://${plain}`;
}

function renderNode(node: RootContent, r: MarkupRenderer, ctx: InlineContext, depth: number): string {
  switch (node.type) {
    case 'paragraph':
      return renderInline(node.children, r, ctx);
    case 'heading': {
      const inner = renderInline(node.children, r, { ...ctx, strong: ctx.strong || r.headingIsStrong });
      return r.heading(inner, node.depth, ctx);
    }
    case 'blockquote':
      return r.blockquote(renderBlocks(node.children, r, depth));
    case 'list': {
      const items = node.children.map((item, i) => {
        const prev = node.children[i - 1];
        return { content: renderBlocks(item.children, r, depth + 1), gap: prev ? lineGap(prev, item) : 0 };
      });
      return r.list(items, node.ordered ?? false, node.start ?? 1, depth);
    }
    case 'code':
      return r.code(node.value, node.lang ?? '');
    case 'thematicBreak':
      return r.thematicBreak();
    case 'text':
      return r.text(node.value);
    case 'strong':
      return r.strong(renderInline(node.children, r, { ...ctx, strong: true }), ctx);
    case 'emphasis':
      return r.emphasis(renderInline(node.children, r, { ...ctx, emphasis: true }), ctx);
    case 'delete':
      return r.strike(renderInline(node.children, r, { ...ctx, strike: true }), ctx);
    case 'inlineCode':
      return r.inlineCode(node.value);
    case 'break':
      return r.hardBreak();
    case 'link': {
      const plain = plainText(node);
      return r.link(node.url, renderInline(node.children, r, ctx), plain, isAutolink(node.url, plain));
    }
    case 'image':
      return r.link(node.url, r.text(node.alt ?? node.url), node.alt ?? node.url, !node.alt);
    default:
      // Constructs canonical text switches off (html, definitions, tables) never reach here;
      // anything else still shows its text rather than vanishing.
      return r.text(plainText(node));
  }
}
