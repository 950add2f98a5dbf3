import { HeimoError } from '../../../core/errors.ts';
import { supportedLocale, translator, type Translator } from '../../../core/i18n/index.ts';

/** The longest search text accepted, in characters: a question, not a document. */
export const MAX_QUERY_CHARS = 500;
/** `limit` of `GET /api/kb/search`: default and bounds. */
export const API_LIMIT = { default: 10, min: 1, max: 50 } as const;
/** Articles per index page. */
export const PAGE_SIZE = 20;
/** The last index page number accepted: deeper pages cost a long scan and nobody reads them (the sitemap lists all). */
export const MAX_PAGE = 1_000;

/** A request parameter that cannot be served; `field` names it and `max` is the bound it broke. */
export class KbInputError extends HeimoError {
  readonly field: 'q' | 'limit' | 'page';
  readonly max: number;
  constructor(field: 'q' | 'limit' | 'page', message: string, max: number) {
    super('BAD_INPUT', message, { context: { field } });
    this.name = 'KbInputError';
    this.field = field;
    this.max = max;
  }
}

// Express gives a repeated parameter as an array: a query is one text.
const single = (value: unknown): string | undefined => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);

/** The search text, trimmed ('' when absent); longer than MAX_QUERY_CHARS is refused. */
export function queryOf(raw: unknown): string {
  const text = (single(raw) ?? '').trim();
  if ([...text].length > MAX_QUERY_CHARS) throw new KbInputError('q', `q is too long: at most ${MAX_QUERY_CHARS} characters`, MAX_QUERY_CHARS);
  return text;
}

function wholeNumber(raw: unknown, field: 'limit' | 'page', min: number, max: number, fallback: number): number {
  const text = single(raw);
  if (text === undefined || text === '') return fallback;
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (value >= min && value <= max) return value;
  throw new KbInputError(field, `${field} must be a whole number from ${min} to ${max}, got "${text.slice(0, 20)}"`, max);
}

/** `limit` of the JSON search: API_LIMIT.default when absent. */
export const limitOf = (raw: unknown): number => wholeNumber(raw, 'limit', API_LIMIT.min, API_LIMIT.max, API_LIMIT.default);

/** `page` of the index: 1 when absent. */
export const pageOf = (raw: unknown): number => wholeNumber(raw, 'page', 1, MAX_PAGE, 1);

/** The reader's language from Accept-Language (highest weight Heimo speaks), else English. */
export function readerTranslator(acceptLanguage: string | undefined): Translator {
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q), order };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  return translator(tags.map((entry) => supportedLocale(entry.tag)).find((locale) => locale !== undefined));
}
