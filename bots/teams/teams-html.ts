import { Parser } from 'htmlparser2';

/** An element of a Teams message, as far as the format layer cares. */
export interface HtmlElement {
  kind: 'element';
  name: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}

/** Decoded text between tags. */
export interface HtmlText {
  kind: 'text';
  value: string;
}

/** A node of the tree parseHtml builds. */
export type HtmlNode = HtmlElement | HtmlText;

/**
 * Parses message HTML into a small tree. htmlparser2 is forgiving: unclosed or stray tags and
 * unknown entities never throw, they end up as the closest sensible tree.
 */
export function parseHtml(html: string): HtmlNode[] {
  const root: HtmlElement = { kind: 'element', name: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const element: HtmlElement = { kind: 'element', name, attrs, children: [] };
        stack.at(-1)?.children.push(element);
        stack.push(element);
      },
      ontext(value) {
        const parent = stack.at(-1);
        const last = parent?.children.at(-1);
        // The tokenizer may hand one text run over in pieces; keep it one node.
        if (last?.kind === 'text') last.value += value;
        else parent?.children.push({ kind: 'text', value });
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return root.children;
}

/** Text content of a node, with `<br>` as a line break. */
export function htmlText(node: HtmlNode): string {
  if (node.kind === 'text') return node.value;
  if (node.name === 'br') return '\n';
  return node.children.map(htmlText).join('');
}

/** Text of message HTML without building a tree, for input too deeply nested to walk. */
export function plainTextOfHtml(html: string): string {
  let text = '';
  const parser = new Parser({
    ontext(value) {
      text += value.replace(/\s+/g, ' ');
    },
    onopentag(name) {
      if (name === 'br' || name === 'p' || name === 'div' || name === 'li') text += '\n';
    },
  });
  parser.write(html);
  parser.end();
  return text.replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
