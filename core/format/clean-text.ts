// Text arrives from three platforms and from anyone who can post there. PostgreSQL refuses NUL in
// text, and a lone UTF-16 surrogate is not a character at all: both are removed before storage.
// Invisible format characters decide nothing a person cannot see (the internal-note rule).

// NUL, and surrogate halves without their other half.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Whitespace, format characters (U+200B..U+200F, U+2060, U+FEFF, bidi marks: category Cf) and
// controls a reader does not see at the start of a message.
const INVISIBLE_START = /^[\s\p{Cf}\p{Cc}]+/u;
// Anything that shows: a letter, digit, symbol, punctuation or mark that is not format or space.
const VISIBLE = /[^\s\p{Cf}\p{Cc}\p{Zs}]/u;

/** The text without NUL and lone surrogates, so that PostgreSQL stores it as written. */
export function cleanText(text: string): string {
  return text.replace(UNSTORABLE, '');
}

/** The text as a person reads its start: NFKC-normalised, leading whitespace and invisible characters dropped. */
export function readableStart(text: string): string {
  return cleanText(text).normalize('NFKC').replace(INVISIBLE_START, '');
}

/** True when the text shows anything at all (not only whitespace or invisible characters). */
export function hasVisibleContent(text: string): boolean {
  return VISIBLE.test(text);
}

/** Every string inside `value` (objects and arrays, recursively) passed through cleanText. */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => cleanStrings(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanStrings(item)])) as T;
  }
  return value;
}

/**
 * Longest Slack text and Teams HTML run through the markup parsers. They are superlinear on
 * hostile markup (a megabyte took minutes and blocked the event loop); longer input keeps its
 * words through the linear plain-text path instead.
 */
export const MAX_PARSE_CHARS = { slack: 20_000, teamsHtml: 100_000 } as const;
