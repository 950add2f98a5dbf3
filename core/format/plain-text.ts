// Most chat lines are plain sentences. For them every converter's answer is known without a
// parser (the parsers cost more CPU per message than the rest of the relay's own work), so the
// converters take this shortcut. The test suite checks that the shortcut and the full path agree.

// A line that starts with a letter, made only of letters, digits, spaces and punctuation that
// neither CommonMark nor Slack mrkdwn reads as markup in these positions: no `*_~` markers, no
// backticks, brackets, angle brackets, `&`, `#`, `|`, `@`, `:` or backslash, no line start that
// could open a list or a heading, no trailing space markdown would trim.
const PLAIN_LINE = /^\p{L}(?:[\p{L}\p{N} ,.;'"?%=+\-!()/]*[\p{L}\p{N},.;'"?%=+\-!()/])?$/u;
// GFM autolinks `www.` literals even without a scheme.
const WWW = /www\./i;

/**
 * True when `text` reads the same as plain text in canonical markdown and Slack mrkdwn (no parse
 * needed): plain lines, with blank lines between paragraphs but not at either end.
 */
export function isPlainText(text: string): boolean {
  if (WWW.test(text)) return false;
  const lines = text.split('\n');
  if (lines[0] === '' || lines[lines.length - 1] === '') return false;
  return lines.every((line) => line === '' || PLAIN_LINE.test(line));
}
