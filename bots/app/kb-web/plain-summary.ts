import { clampTitle, parseCanonical, plainText } from '../../../core/index.ts';

/** Markdown as one line of plain text, at most `max` characters (meta descriptions, result snippets, JSON-LD). */
export function plainSummary(markdown: string, max: number): string {
  return clampTitle(plainOf(markdown), max);
}

/** Markdown as plain text, blocks on their own lines: what JSON-LD's `text` carries. */
export function plainOf(markdown: string): string {
  try {
    return parseCanonical(markdown)
      .children.map((block) => plainText(block))
      .join('\n\n');
  } catch {
    return markdown;
  }
}
