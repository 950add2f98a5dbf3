import { HeimoError } from '../errors.ts';
import { parseCanonical } from './canonical-parse.ts';

/** A top-level fenced code block, as offsets into the text being split. */
interface Fence {
  start: number;
  contentStart: number;
  /** Start of the closing fence line; the end of the text when the fence is never closed. */
  closeStart: number;
  end: number;
  /** Opening line with its newline, repeated at the top of the next part. */
  open: string;
  close: string;
}

const BOUNDARIES = ['\n\n', '\n', ' '];

function findFences(text: string): Fence[] {
  const fences: Fence[] = [];
  for (const node of parseCanonical(text).children) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.type !== 'code' || start === undefined || end === undefined) continue;
    const marker = /^(`{3,}|~{3,})/.exec(text.slice(start))?.[0];
    const newline = text.indexOf('\n', start);
    if (!marker || newline === -1 || newline >= end) continue;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lastNl = text.lastIndexOf('\n', end - 1);
    const lastLine = text.slice(lastNl + 1, end).trim();
    const closed = lastNl >= newline && lastLine.length >= marker.length && /^(`+|~+)$/.test(lastLine) && lastLine.startsWith(marker.charAt(0));
    fences.push({
      start: lineStart,
      contentStart: newline + 1,
      closeStart: closed ? lastNl + 1 : end,
      end,
      open: text.slice(lineStart, newline + 1),
      close: marker,
    });
  }
  return fences;
}

// A part may not end inside a fence's opening or closing line: that would cut the markers apart.
function allowed(cut: number, fences: Fence[]): boolean {
  return fences.every((f) => !(cut > f.start && cut <= f.contentStart) && !(cut >= f.closeStart && cut < f.end));
}

function inside(cut: number, f: Fence): boolean {
  return cut > f.contentStart && cut < f.closeStart;
}

function lastBoundary(text: string, max: number, floor: number, sep: string, fences: Fence[]): number {
  for (let idx = text.lastIndexOf(sep, max - sep.length); idx >= 0; idx = idx === 0 ? -1 : text.lastIndexOf(sep, idx - 1)) {
    const cut = idx + sep.length;
    if (cut < floor) return -1;
    if (allowed(cut, fences)) return cut;
  }
  return -1;
}

// Prefer a paragraph, then a line, then a word break in the second half of the window; then any
// break at all; a hard cut only when the window holds no break (never inside a surrogate pair).
function chooseCut(text: string, pos: number, max: number, fences: Fence[]): number {
  for (const floor of [pos + Math.ceil((max - pos) / 2), pos + 1]) {
    for (const sep of BOUNDARIES) {
      const cut = lastBoundary(text, max, floor, sep, fences);
      if (cut !== -1) return cut;
    }
  }
  let cut = max;
  while (cut > pos + 1 && (!allowed(cut, fences) || /[\uD800-\uDBFF]/.test(text.charAt(cut - 1)))) cut -= 1;
  return cut > pos + 1 || allowed(cut, fences) ? cut : max;
}

/**
 * Splits text into parts of at most `limit` characters for platforms with a message limit. A code
 * block cut in two is closed at the end of one part and reopened, with its language, in the next;
 * apart from those markers every character is kept, in order.
 */
export function splitText(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new HeimoError('BAD_INPUT', `splitText needs a positive integer limit, got ${limit}`, { context: { limit } });
  }
  if (text.length <= limit) return [text];
  let found: Fence[];
  try {
    found = findFences(text);
  } catch {
    // Only absurd nesting overflows the parser's stack; such text is split without fence repair.
    found = [];
  }
  const reserve = 1 + Math.max(0, ...found.map((f) => f.close.length));
  // A fence whose markers cannot fit in a part is split like plain text.
  const fences = found.filter((f) => f.open.length + reserve + 1 <= limit);
  const parts: string[] = [];
  let pos = 0;
  let reopen = '';
  while (reopen.length + text.length - pos > limit) {
    const max = pos + limit - reopen.length;
    let cut = chooseCut(text, pos, max, fences);
    if (fences.some((f) => inside(cut, f))) cut = chooseCut(text, pos, max - reserve, fences);
    const fence = fences.find((f) => inside(cut, f));
    const close = fence ? `${text.charAt(cut - 1) === '\n' ? '' : '\n'}${fence.close}` : '';
    parts.push(reopen + text.slice(pos, cut) + close);
    reopen = fence ? fence.open : '';
    pos = cut;
  }
  parts.push(reopen + text.slice(pos));
  return parts;
}
