// Every page of the knowledge base is built with the `html` template below: anything interpolated
// is escaped unless it is already markup made here (SafeHtml), so article text can never form a tag.

/** Markup that was built (and escaped) by this module; interpolated as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attributes alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** A value `html` accepts: text (escaped), markup, numbers, nothing, or lists of these. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` results pass through. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks markup made elsewhere in this folder (the markdown renderer) as safe. */
export const trusted = (markup: string): SafeHtml => new SafeHtml(markup);

/**
 * A JSON-LD block. JSON may hold `</script>` or `<!--` inside strings; escaping `<`, `>` and `&`
 * as \u sequences keeps the same JSON while the HTML parser can no longer end the block early.
 */
export function jsonLd(data: unknown): SafeHtml {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return new SafeHtml(`<script type="application/ld+json">${json}</script>`);
}

/** Escapes text for XML (the sitemap): the same five characters. */
export const escapeXml = escapeHtml;
