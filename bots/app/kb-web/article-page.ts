import type { Translator } from '../../../core/i18n/index.ts';
import type { PublishedArticle, ShownContributor } from '../../../core/knowledge/index.ts';
import { articleJsonLd } from './article-json-ld.ts';
import { html, jsonLd, type SafeHtml } from './html.ts';
import { articleUrl } from './kb-urls.ts';
import { renderPage } from './layout.ts';
import { markdownHtml } from './markdown-html.ts';
import { plainSummary } from './plain-summary.ts';

const PLATFORM_NAMES = { discord: 'Discord', slack: 'Slack', teams: 'Microsoft Teams' } as const;
// A BCP 47 tag, so an odd stored language can never break the attribute.
const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;

/** A phrase about a date (`Published {{date}}`) in the reader's language, in a <time> element carrying the exact time. */
export function datedHtml(t: Translator, key: 'web.kb.article.published' | 'web.kb.article.lastVerified', date: Date): SafeHtml {
  const shown = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  return html`<time datetime="${date.toISOString()}">${t(key, { date: shown })}</time>`;
}

function contributorHtml(t: Translator, contributor: ShownContributor): SafeHtml {
  const who = contributor.name ?? t(contributor.staff ? 'web.kb.contributor.staff' : 'web.kb.contributor.member');
  return html`<li><span class="name">${who}</span> <span class="note">${t(`web.kb.role.${contributor.role}`)}</span></li>`;
}

function openGraph(article: PublishedArticle, url: string, site: string, description: string): SafeHtml {
  return html`<meta property="og:type" content="article">
<meta property="og:title" content="${article.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
<meta property="og:site_name" content="${site}">
<meta property="article:published_time" content="${article.publishedAt.toISOString()}">
<meta property="article:modified_time" content="${article.updatedAt.toISOString()}">
${article.tags.map((tag) => html`<meta property="article:tag" content="${tag}">\n`)}`;
}

/**
 * An article's page: title, question, the accepted answer, context, tags, product and version,
 * dates, contributors as consent allows and links to the customer-side discussion; QAPage JSON-LD,
 * canonical link and OpenGraph in the head. `site` names the community it came from.
 */
export function renderArticlePage(t: Translator, base: string, article: PublishedArticle, site: string): string {
  const url = articleUrl(base, article.id);
  const description = plainSummary(article.question, 200);
  const lang = article.language !== null && LANGUAGE.test(article.language) ? article.language : null;
  // Employee-side links (Slack, Teams) lead into the company's own tools: public pages show the customers' thread only.
  const sources = article.sources.filter((source) => source.platform === 'discord' && /^https?:\/\//i.test(source.url));
  const product = article.product === null ? null : article.version === null ? article.product : `${article.product} ${t('web.kb.article.version', { version: article.version })}`;
  const main = html`<article${lang === null ? '' : html` lang="${lang}"`}>
<h1>${article.title}</h1>
<p class="meta"><span>${datedHtml(t, 'web.kb.article.published', article.publishedAt)}</span>${
    article.lastVerifiedAt === null ? '' : html`<span>${datedHtml(t, 'web.kb.article.lastVerified', article.lastVerifiedAt)}</span>`
  }${product === null ? '' : html`<span>${t('web.kb.article.product')}: ${product}</span>`}</p>
<section class="question"><h2>${t('web.kb.article.question')}</h2>
<div class="body">${markdownHtml(article.question)}</div></section>
<section class="answer" id="answer"><h2>${t('web.kb.article.answer')}</h2>
<div class="body">${markdownHtml(article.answer)}</div></section>
${article.context.trim() === '' ? '' : html`<section class="context"><h2>${t('web.kb.article.context')}</h2>\n<div class="body">${markdownHtml(article.context)}</div></section>`}
${article.tags.length === 0 ? '' : html`<section><h2>${t('web.kb.article.tags')}</h2><ul class="tags">${article.tags.map((tag) => html`<li>${tag}</li>`)}</ul></section>`}
${article.contributors.length === 0 ? '' : html`<section class="contributors"><h2>${t('web.kb.article.contributors')}</h2><ul>${article.contributors.map((c) => contributorHtml(t, c))}</ul></section>`}
${sources.length === 0 ? '' : html`<section class="sources"><h2>${t('web.kb.article.sources')}</h2><ul>${sources.map((source) => html`<li><a href="${source.url}" rel="nofollow noopener">${t('web.kb.article.source', { platform: PLATFORM_NAMES[source.platform] })}</a></li>`)}</ul></section>`}
</article>`;
  const extra = html`${openGraph(article, url, site, description)}${jsonLd(articleJsonLd(article, url))}`;
  return renderPage(t, base, { title: `${article.title} · ${site}`, description, canonical: url, extra }, main);
}
