import { describe, expect, it } from 'vitest';
import { limitOf, MAX_QUERY_CHARS, pageOf, queryOf, readerTranslator } from '../../../bots/app/kb-web/kb-input.ts';
import { publicEntries, type KbReads } from '../../../bots/app/kb-web/kb-reader.ts';
import { renderSitemap } from '../../../bots/app/kb-web/sitemap.ts';
import type { PublishedArticle } from '../../../core/knowledge/index.ts';

describe('knowledge base request parameters', () => {
  it('should trim the query and refuse one longer than the maximum when it is read', () => {
    expect(queryOf('  reset password ')).toBe('reset password');
    expect(queryOf(undefined)).toBe('');
    expect(queryOf(['first', 'second'])).toBe('first');
    expect(queryOf('é'.repeat(MAX_QUERY_CHARS))).toHaveLength(MAX_QUERY_CHARS);
    expect(() => queryOf('x'.repeat(MAX_QUERY_CHARS + 1))).toThrow(`q is too long: at most ${MAX_QUERY_CHARS} characters`);
  });

  it('should accept limits from 1 to 50 and refuse others when the API is asked', () => {
    expect(limitOf(undefined)).toBe(10);
    expect(limitOf('50')).toBe(50);
    for (const bad of ['0', '51', '-1', '2.5', 'ten', '1e3']) expect(() => limitOf(bad), bad).toThrow(/limit must be a whole number from 1 to 50/);
  });

  it('should refuse a page number out of range when the index is asked', () => {
    expect(pageOf('3')).toBe(3);
    expect(() => pageOf('0')).toThrow(/page must be/);
    expect(() => pageOf('1001')).toThrow(/page must be/);
  });

  it('should pick the highest weighted language Heimo speaks when Accept-Language lists several', () => {
    expect(readerTranslator('de-DE,sk;q=0.5,fi;q=0.8').locale).toBe('fi');
    expect(readerTranslator('sk-SK').locale).toBe('sk');
    expect(readerTranslator('de, *;q=0.1').locale).toBe('en');
    expect(readerTranslator(undefined).locale).toBe('en');
  });
});

describe('the sitemap', () => {
  it('should list the index and each article with its last change, XML-escaped, when rendered', () => {
    const article = { id: 'a&b', updatedAt: new Date('2026-11-03T10:00:00Z') };
    const xml = renderSitemap('https://help.example.com', [article]);
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toContain('<url><loc>https://help.example.com/kb</loc><lastmod>2026-11-03T10:00:00.000Z</lastmod></url>');
    expect(xml).toContain('<loc>https://help.example.com/kb/articles/a%26b</loc>');
  });
});

describe('reading every public article for the sitemap', () => {
  it('should page through the list, keep only public ones and stop at the maximum when there are many', async () => {
    const articles = Array.from({ length: 7 }, (_, i) => ({ id: `a${i}`, updatedAt: new Date(i * 1000), visibility: i === 3 ? 'community' : 'public' }) as PublishedArticle);
    const asked: Array<[number, number]> = [];
    const kb = {
      publishedList: async ({ limit, offset = 0 }: { limit: number; offset?: number }) => (asked.push([limit, offset]), articles.slice(offset, offset + limit)),
    } as unknown as KbReads;

    expect((await publicEntries(kb, 100, 2)).map((entry) => entry.id)).toEqual(['a0', 'a1', 'a2', 'a4', 'a5', 'a6']);
    expect(asked).toEqual([[2, 0], [2, 2], [2, 4], [2, 6]]);
    expect((await publicEntries(kb, 3, 2)).map((entry) => entry.id)).toEqual(['a0', 'a1', 'a2']);
  });
});
