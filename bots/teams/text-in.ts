import {
  fencedCode,
  inlineCode,
  linkText,
  markdownLink,
  MAX_PARSE_CHARS,
  mentionName,
  type MentionResolver,
  textToMarkdown,
  wrapInline,
} from '../../core/index.ts';
import { htmlText, parseHtml, plainTextOfHtml, type HtmlElement, type HtmlNode } from './teams-html.ts';

const BLOCKS = new Set(['p', 'div', 'pre', 'ul', 'ol', 'li', 'blockquote', 'hr', 'table', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LAZY = new Set(['blockquote', 'ul', 'ol', 'li']);
const HIDDEN = new Set(['script', 'style', 'head', 'title', 'attachment']);
const MARKS: Record<string, string> = { b: '**', strong: '**', i: '*', em: '*', u: '__', s: '~~', strike: '~~', del: '~~' };

function link(el: HtmlElement, label: string): string {
  const href = el.attrs.href ?? '';
  const plain = htmlText(el).trim();
  if (href === '') return label;
  if (plain === '' || plain === href || `mailto:${plain}` === href) return linkText(href, plain || href);
  return markdownLink(label, href);
}

function inline(node: HtmlNode, resolve: MentionResolver | undefined, lineStart: boolean): string {
  // HTML collapses whitespace (and Teams pads with &nbsp;); line breaks come only from <br>.
  if (node.kind === 'text') return textToMarkdown(node.value.replace(/\s+/g, ' '), lineStart);
  const mark = MARKS[node.name];
  if (mark) return wrapInline(mark, inlines(node.children, resolve, false));
  switch (node.name) {
    case 'br':
      return '\n';
    case 'code':
      return inlineCode(htmlText(node));
    case 'a':
      return link(node, inlines(node.children, resolve, false));
    case 'at': {
      // The id of <at> indexes the activity's entities, so the tag's own text is the name.
      const label = htmlText(node);
      return `@${textToMarkdown(mentionName(label.trim() ? undefined : resolve, 'user', node.attrs.id ?? '', label), false)}`;
    }
    case 'emoji':
      return textToMarkdown(node.attrs.alt ?? '', false);
    case 'img':
      // Pictures travel as attachments; only emoji images belong in the text.
      return /emoji/i.test(node.attrs.itemtype ?? '') ? textToMarkdown(node.attrs.alt ?? '', false) : '';
    case 'td':
    case 'th':
      return `${inlines(node.children, resolve, false)} `;
    default:
      return HIDDEN.has(node.name) ? '' : inlines(node.children, resolve, lineStart);
  }
}

function inlines(nodes: HtmlNode[], resolve: MentionResolver | undefined, lineStart: boolean): string {
  let out = '';
  for (const node of nodes) out += inline(node, resolve, out === '' ? lineStart : out.endsWith('\n'));
  return out;
}

function indentRest(text: string, first: string): string {
  const pad = ' '.repeat(first.length);
  return first + text.split('\n').map((line, i) => (i === 0 || line === '' ? line : pad + line)).join('\n');
}

function block(el: HtmlElement, resolve?: MentionResolver): string {
  const heading = /^h([1-6])$/.exec(el.name);
  if (heading) return `${'#'.repeat(Number(heading[1]))} ${tidy(inlines(el.children, resolve, false))}`;
  switch (el.name) {
    case 'pre': {
      const lang = /language-(\S+)/.exec(`${el.attrs.class ?? ''} ${findClass(el)}`)?.[1] ?? '';
      return fencedCode(htmlText(el).replace(/\n$/, ''), lang);
    }
    case 'ul':
    case 'ol': {
      const start = Number.parseInt(el.attrs.start ?? '1', 10) || 1;
      const items = el.children.filter((c): c is HtmlElement => c.kind === 'element' && c.name === 'li');
      return items.map((li, i) => indentRest(flow(li.children, resolve), el.name === 'ol' ? `${start + i}. ` : '- ')).join('\n');
    }
    case 'li':
      return indentRest(flow(el.children, resolve), '- ');
    case 'blockquote':
      return flow(el.children, resolve).split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n');
    case 'hr':
      return '---';
    default:
      return flow(el.children, resolve);
  }
}

function findClass(el: HtmlElement): string {
  const code = el.children.find((c): c is HtmlElement => c.kind === 'element' && c.name === 'code');
  return code?.attrs.class ?? '';
}

function tidy(text: string): string {
  return text.replace(/ {2,}/g, ' ').replace(/ *\n */g, '\n').replace(/^ +| +$/g, '');
}

// Blocks go one per line: Teams wraps every line in its own <p>, so a blank line between
// paragraphs would double the spacing people see. After a quote or list a blank line is needed,
// or CommonMark would pull the next line into it.
function flow(nodes: HtmlNode[], resolve?: MentionResolver): string {
  const lines: string[] = [];
  let run: HtmlNode[] = [];
  let lazy = false;
  const push = (line: string, opensLazy: boolean): void => {
    if (lazy && line !== '' && !line.startsWith('\n')) lines.push('');
    lines.push(line);
    lazy = opensLazy;
  };
  const flushRun = (): void => {
    const text = tidy(inlines(run, resolve, true));
    if (text !== '') push(text, false);
    run = [];
  };
  for (const node of nodes) {
    if (node.kind === 'element' && BLOCKS.has(node.name)) {
      flushRun();
      push(block(node, resolve), LAZY.has(node.name));
    } else {
      run.push(node);
    }
  }
  flushRun();
  return lines.join('\n');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

// Linear in the input, unlike an HTML parser on thousands of nested tags: for oversized HTML only.
function roughTextOfHtml(html: string): string {
  return html
    .replace(/<(?:br|p|div|li)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_match, name: string) => ENTITIES[name] ?? '')
    .replace(/&#(\d{1,7});/g, (_match, code: string) => (Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : ''));
}

/** Teams message HTML to canonical markdown; `<at>` mentions keep the name Teams shows. */
export function teamsToCanonical(html: string, resolve?: MentionResolver): string {
  if (html.length > MAX_PARSE_CHARS.teamsHtml) return textToMarkdown(roughTextOfHtml(html), true);
  try {
    return flow(parseHtml(html), resolve).replace(/^\n+|\n+$/g, '');
  } catch {
    // Thousands of nested tags overflow the stack of the tree walk: keep the words, drop markup.
    return textToMarkdown(plainTextOfHtml(html), true);
  }
}
