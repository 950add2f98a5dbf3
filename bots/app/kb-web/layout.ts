import type { Translator } from '../../../core/i18n/index.ts';
import { html, trusted, type SafeHtml } from './html.ts';
import { MAX_QUERY_CHARS } from './kb-input.ts';
import { KB_STYLES } from './styles.ts';

/** What a page says about itself in <head>. */
export interface PageHead {
  title: string;
  description?: string;
  /** The page's absolute canonical address. */
  canonical?: string;
  /** Extra head markup: OpenGraph, JSON-LD. */
  extra?: SafeHtml;
  /** Result and error pages are not for search engines. */
  noindex?: boolean;
  /** Fills the search box (the results page). */
  query?: string;
}

/**
 * A whole page: head, the site bar with the search box, `main`, a footer. Plain HTML, no script.
 * Links start at `base` (the public address), so pages work behind a proxy that serves Heimo under a path.
 */
export function renderPage(t: Translator, base: string, head: PageHead, main: SafeHtml): string {
  return html`<!doctype html>
<html lang="${t.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${head.title}</title>
${[
  head.description === undefined ? '' : html`<meta name="description" content="${head.description}">\n`,
  head.canonical === undefined ? '' : html`<link rel="canonical" href="${head.canonical}">\n`,
  head.noindex === true ? html`<meta name="robots" content="noindex">\n` : '',
  head.extra === undefined ? '' : html`${head.extra}\n`,
]}<link rel="icon" href="data:,">
<style>${trusted(KB_STYLES)}</style>
</head>
<body>
<header class="site"><div class="bar">
<a class="home" href="${base}/kb">${t('web.kb.title')}</a>
<form class="search" action="${base}/kb/search" method="get" role="search">
<input type="search" name="q" value="${head.query ?? ''}" maxlength="${MAX_QUERY_CHARS}" required aria-label="${t('web.kb.search.label')}" placeholder="${t('web.kb.search.placeholder')}">
<button type="submit">${t('web.kb.search.button')}</button>
</form>
</div></header>
<main>
${main}
</main>
<footer class="site"><a href="${base}/kb">${t('web.kb.back')}</a></footer>
</body>
</html>
`.value;
}
