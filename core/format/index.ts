// The message-format layer's shared pieces: canonical markdown parsing and rendering, text
// helpers, emoji, mentions and titles. Each bot's own converters (text-in.ts, text-out.ts) build on
// these; nothing here knows a chat SDK or a platform's markup.

export { linkText, parseCanonical, plainText, walk } from './canonical-parse.ts';
export { renderCanonical, type InlineContext, type MarkupRenderer, type RenderedItem } from './mdast-render.ts';
export { fencedCode, inlineCode, linkDestination, markdownLink, textToMarkdown, wrapInline } from './markdown-text.ts';
export { defuseBroadcasts, mentionedUserIds, mentionName, restoreBroadcasts, type MentionKind, type MentionResolver } from './mentions.ts';
export { isPlainText } from './plain-text.ts';
export { splitText } from './split-text.ts';
export { emojiFromShortcode, shortcodeFromEmoji, type Shortcode } from './emoji.ts';
export { clampTitle, questionBody, questionTitle, TITLE_LIMIT } from './title.ts';
export { cleanStrings, cleanText, hasVisibleContent, MAX_PARSE_CHARS, readableStart } from './clean-text.ts';
