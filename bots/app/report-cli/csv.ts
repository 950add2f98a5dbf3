// RFC 4180 CSV without a dependency: a field with a comma, a quote or a line break is quoted and
// its quotes doubled; lines end with CRLF. A text field a spreadsheet would run as a formula (a
// display name like `=HYPERLINK(...)`) is prefixed with an apostrophe, as OWASP advises.

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: numbers as they are, text guarded against formulas and quoted when it must be. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: the header, then one line per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
