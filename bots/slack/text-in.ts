import { NodeType, parse, type Node } from 'slack-message-parser';
import {
  emojiFromShortcode,
  fencedCode,
  inlineCode,
  isPlainText,
  linkText,
  markdownLink,
  MAX_PARSE_CHARS,
  mentionName,
  type MentionResolver,
  restoreBroadcasts,
  textToMarkdown,
  wrapInline,
} from '../../core/index.ts';

const BROADCASTS = new Set(['here', 'channel', 'everyone']);

// Slack escapes only these three; anything else that looks like an entity is what the user typed.
function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// Undo the zero-width spaces canonicalToSlack adds, so text survives a round trip unchanged.
function cleanText(text: string): string {
  return restoreBroadcasts(decode(text).replace(/\u200b(?=[*_~`])/g, ''));
}

function sourceOf(nodes: Node[] | undefined): string | undefined {
  return nodes === undefined ? undefined : decode(nodes.map((node) => node.source).join(''));
}

function quote(inner: string): string {
  const body = inner.replace(/\n+$/, '');
  const lines = body.split('\n').map((line) => line.replace(/^ /, ''));
  return lines.map((line) => (line ? `> ${line}` : '>')).join('\n') + inner.slice(body.length);
}

function command(node: Extract<Node, { type: NodeType.Command }>, resolve?: MentionResolver): string {
  if (BROADCASTS.has(node.name)) return `@${node.name}`;
  const label = sourceOf(node.label);
  if (node.name === 'subteam') return `@${textToMarkdown(mentionName(resolve, 'role', node.arguments[0] ?? '', label), false)}`;
  // Dates and other commands carry their human fallback text as the label.
  return textToMarkdown(label ?? decode(node.source), false);
}

function renderNode(node: Node, lineStart: boolean, resolve?: MentionResolver): string {
  switch (node.type) {
    case NodeType.Text:
      return textToMarkdown(cleanText(node.text), lineStart);
    case NodeType.Bold:
      return wrapInline('**', renderNodes(node.children, false, resolve));
    case NodeType.Italic:
      return wrapInline('*', renderNodes(node.children, false, resolve));
    case NodeType.Strike:
      return wrapInline('~~', renderNodes(node.children, false, resolve));
    case NodeType.Code:
      return inlineCode(decode(node.text));
    case NodeType.PreText:
      return fencedCode(decode(node.text).replace(/^\n/, '').replace(/\n$/, ''));
    case NodeType.Quote:
      return quote(renderNodes(node.children, true, resolve)) + (node.source.endsWith('\n') ? '\n' : '');
    case NodeType.URL: {
      const url = decode(node.url);
      const label = sourceOf(node.label);
      if (node.label === undefined || label === url || `mailto:${label}` === url) return linkText(url, label ?? url);
      return markdownLink(renderNodes(node.label, false, resolve), url);
    }
    case NodeType.UserLink:
      return `@${textToMarkdown(mentionName(resolve, 'user', node.userID, sourceOf(node.label)), false)}`;
    case NodeType.ChannelLink:
      return `#${textToMarkdown(mentionName(resolve, 'channel', node.channelID, sourceOf(node.label)), false)}`;
    case NodeType.Command:
      return command(node, resolve);
    case NodeType.Emoji:
      return emojiFromShortcode(node.name, node.variation) ?? textToMarkdown(node.source, false);
    case NodeType.Root:
      return renderNodes(node.children, lineStart, resolve);
  }
}

function renderNodes(nodes: Node[], lineStart: boolean, resolve?: MentionResolver): string {
  let out = '';
  let after: NodeType | undefined;
  for (const node of nodes) {
    // A fenced block needs lines of its own in markdown; Slack lets it sit inside a line. After a
    // quote, a blank line stops CommonMark from pulling the next line into the quote.
    const isFence = node.type === NodeType.PreText;
    const startsLine = node.source.startsWith('\n');
    if ((isFence && out !== '' && !out.endsWith('\n')) || (after === NodeType.PreText && !startsLine)) out += '\n';
    if (after === NodeType.Quote && out.endsWith('\n') && !startsLine) out += '\n';
    out += renderNode(node, out === '' ? lineStart : out.endsWith('\n'), resolve);
    after = node.type;
  }
  return out;
}

/** Slack mrkdwn to canonical markdown: mentions become readable names, shortcodes become emoji. */
export function slackToCanonical(text: string, resolve?: MentionResolver): string {
  if (text.length > MAX_PARSE_CHARS.slack) return textToMarkdown(cleanText(text), true);
  return isPlainText(text) ? textToMarkdown(text, true) : parseSlackToCanonical(text, resolve);
}

/** The parse path of slackToCanonical, which plain text skips. */
export function parseSlackToCanonical(text: string, resolve?: MentionResolver): string {
  // Slack stores quote markers as `&gt;`; accept a raw `>` too, as the parser only knows the former.
  const stored = text.replace(/^>/gm, '&gt;');
  try {
    return renderNodes(parse(stored).children, true, resolve);
  } catch {
    // The parser recurses per nesting level; absurd nesting overflows the stack. Keep the words.
    return textToMarkdown(cleanText(text), true);
  }
}
