import type { Translator } from '../../../core/i18n/index.ts';
import type { PublishedArticle } from '../../../core/knowledge/index.ts';
import { datedHtml } from './article-page.ts';
import { html, type SafeHtml } from './html.ts';
import { articleUrl, indexUrl } from './kb-urls.ts';
import { renderPage } from './layout.ts';
import { plainSummary } from './plain-summary.ts';

function articleList(t: Translator, base: string, articles: readonly PublishedArticle[]): SafeHtml {
  return html`<ol class="articles">${articles.map(
    (article) => html`<li><a class="title" href="${articleUrl(base, article.id)}">${article.title}</a>
<p>${plainSummary(article.question, 160)}</p>
<p class="meta"><span>${datedHtml(t, 'web.kb.article.published', article.publishedAt)}</span>${article.product === null ? '' : html`<span>${article.product}</span>`}</p></li>`,
  )}</ol>`;
}

/** The index: newest published articles, `page` of them, with links to the neighbouring pages. */
export function renderIndexPage(t: Translator, base: string, articles: readonly PublishedArticle[], page: number, hasOlder: boolean): string {
  const nav =
    page > 1 || hasOlder
      ? html`<nav class="pages">${page > 1 ? html`<a rel="prev" href="${indexUrl(base, page - 1)}">${t('web.kb.page.newer')}</a>` : html`<span></span>`}${
          hasOlder ? html`<a rel="next" href="${indexUrl(base, page + 1)}">${t('web.kb.page.older')}</a>` : ''
        }</nav>`
      : '';
  const main = html`<h1>${t('web.kb.index.newest')}</h1>
${articles.length === 0 ? html`<p class="note">${t('web.kb.index.empty')}</p>` : articleList(t, base, articles)}
${nav}`;
  return renderPage(t, base, { title: t('web.kb.title'), description: t('web.kb.description'), canonical: indexUrl(base, page) }, main);
}

/** Search results, best first; not for search engines to index. */
export function renderSearchPage(t: Translator, base: string, query: string, articles: readonly PublishedArticle[]): string {
  const main = html`<h1>${t('web.kb.search.title', { query })}</h1>
${articles.length === 0 ? html`<p class="note">${t('web.kb.search.empty', { query })}</p>` : articleList(t, base, articles)}`;
  return renderPage(t, base, { title: `${t('web.kb.search.title', { query })} · ${t('web.kb.title')}`, noindex: true, query }, main);
}

/** A page that says what went wrong (404, 400), in the reader's language. */
export function renderProblemPage(t: Translator, base: string, title: string, text: string, query?: string): string {
  const main = html`<h1>${title}</h1>\n<p>${text}</p>`;
  return renderPage(t, base, { title: `${title} · ${t('web.kb.title')}`, noindex: true, ...(query === undefined ? {} : { query }) }, main);
}
