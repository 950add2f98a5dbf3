import express, { type Router } from 'express';
import { renderArticlePage } from './article-page.ts';
import { indexUrl } from './kb-urls.ts';
import { pageOf, PAGE_SIZE, queryOf, readerTranslator } from './kb-input.ts';
import { publicArticle, publicEntries, PUBLIC, searchPublic, type KbReads } from './kb-reader.ts';
import { renderIndexPage, renderProblemPage, renderSearchPage } from './list-pages.ts';
import { publicBase } from './public-base.ts';
import { renderSitemap, SITEMAP_MAX_URLS } from './sitemap.ts';

/** What the HTML pages need: the knowledge base's reads, the public address, community names. */
export interface KbPagesConfig {
  knowledge: KbReads;
  /** HEIMO_PUBLIC_URL; null: taken from each request's Host. */
  publicUrl: string | null;
  /** A community's name (the network file), for page titles; undefined: the knowledge base's own title. */
  communityName: (id: string) => string | undefined;
}

/** Results on the HTML search page. */
export const SEARCH_PAGE_RESULTS = 20;

/** `GET /kb`, `/kb/search`, `/kb/articles/:id` and `/kb/sitemap.xml`: server-rendered, no script. */
export function createKbPages(config: KbPagesConfig): Router {
  const router = express.Router();
  const { knowledge } = config;

  router.get('/kb', async (req, res) => {
    const t = readerTranslator(req.get('accept-language'));
    const base = publicBase(req, config.publicUrl);
    const page = pageOf(req.query['page']);
    // One more than a page says whether there is an older page.
    const articles = await knowledge.publishedList({ visibility: PUBLIC, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
    const shown = articles.filter((article) => article.visibility === 'public').slice(0, PAGE_SIZE);
    res.status(shown.length === 0 && page > 1 ? 404 : 200).send(renderIndexPage(t, base, shown, page, articles.length > PAGE_SIZE));
  });

  router.get('/kb/search', async (req, res) => {
    const t = readerTranslator(req.get('accept-language'));
    const base = publicBase(req, config.publicUrl);
    const query = queryOf(req.query['q']);
    if (query === '') return void res.redirect(303, indexUrl(base, 1));
    const hits = await searchPublic(knowledge, query, SEARCH_PAGE_RESULTS);
    res.send(renderSearchPage(t, base, query, hits.map(({ article }) => article)));
  });

  router.get('/kb/articles/:id', async (req, res) => {
    const t = readerTranslator(req.get('accept-language'));
    const base = publicBase(req, config.publicUrl);
    const article = await publicArticle(knowledge, req.params['id'] ?? '');
    if (article === null) return void res.status(404).send(renderProblemPage(t, base, t('web.kb.notFound.title'), t('web.kb.notFound.text')));
    const site = config.communityName(article.communityId) ?? t('web.kb.title');
    res.send(renderArticlePage(t, base, article, site));
  });

  router.get('/kb/sitemap.xml', async (req, res) => {
    const base = publicBase(req, config.publicUrl);
    const articles = await publicEntries(knowledge, SITEMAP_MAX_URLS - 1);
    res.type('application/xml; charset=utf-8').send(renderSitemap(base, articles));
  });

  return router;
}
