import { escapeXml } from './html.ts';
import { articleUrl, indexUrl } from './kb-urls.ts';
import type { SitemapEntry } from './kb-reader.ts';

/** The most URLs one sitemap file may list (sitemaps.org). */
export const SITEMAP_MAX_URLS = 50_000;

const entry = (loc: string, lastmod?: Date): string => `<url><loc>${escapeXml(loc)}</loc>${lastmod === undefined ? '' : `<lastmod>${lastmod.toISOString()}</lastmod>`}</url>`;

/** sitemaps.org XML: the index page and every published public article with its last change. */
export function renderSitemap(base: string, articles: readonly SitemapEntry[]): string {
  const newest = articles.reduce<Date | undefined>((latest, article) => (latest === undefined || article.updatedAt > latest ? article.updatedAt : latest), undefined);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    entry(indexUrl(base, 1), newest),
    ...articles.slice(0, SITEMAP_MAX_URLS - 1).map((article) => entry(articleUrl(base, article.id), article.updatedAt)),
    '</urlset>',
    '',
  ].join('\n');
}
