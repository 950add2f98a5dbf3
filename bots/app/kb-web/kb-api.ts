import express, { type Router } from 'express';
import type { PublishedArticle } from '../../../core/knowledge/index.ts';
import { articleUrl } from './kb-urls.ts';
import { limitOf, queryOf } from './kb-input.ts';
import { KbInputError } from './kb-input.ts';
import { publicArticle, searchPublic, type KbReads } from './kb-reader.ts';
import { publicBase } from './public-base.ts';

/** What the JSON API needs: the knowledge base's reads and the public address. */
export interface KbApiConfig {
  knowledge: KbReads;
  /** HEIMO_PUBLIC_URL; null: taken from each request's Host. */
  publicUrl: string | null;
}

/** An article as `GET /api/kb/articles/:id` returns it: the page's content, dates as ISO 8601. */
export function articleJson(article: PublishedArticle, url: string): Record<string, unknown> {
  return {
    id: article.id,
    url,
    sourceId: article.sourceId,
    title: article.title,
    question: article.question,
    answer: article.answer,
    context: article.context,
    tags: article.tags,
    product: article.product,
    version: article.version,
    language: article.language,
    contributors: article.contributors.map(({ role, name, staff }) => ({ role, name, staff })),
    // As on the page: the customers' thread only.
    sources: article.sources.filter((source) => source.platform === 'discord' && /^https?:\/\//i.test(source.url)),
    publishedAt: article.publishedAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    lastVerifiedAt: article.lastVerifiedAt?.toISOString() ?? null,
  };
}

/** `GET /api/kb/search?q=&limit=` and `GET /api/kb/articles/:id`: public articles as JSON, open to any origin. */
export function createKbApi(config: KbApiConfig): Router {
  const router = express.Router();
  const { knowledge } = config;

  router.get('/api/kb/search', async (req, res) => {
    const base = publicBase(req, config.publicUrl);
    const query = queryOf(req.query['q']);
    const limit = limitOf(req.query['limit']);
    if (query === '') throw new KbInputError('q', 'q is required: the text to search for', 0);
    const hits = await searchPublic(knowledge, query, limit);
    res.json({ results: hits.map(({ hit, article }) => ({ id: article.id, title: article.title, score: hit.score, url: articleUrl(base, article.id) })) });
  });

  router.get('/api/kb/articles/:id', async (req, res) => {
    const base = publicBase(req, config.publicUrl);
    const article = await publicArticle(knowledge, req.params['id'] ?? '');
    if (article === null) return void res.status(404).json({ error: 'no published public article with this id' });
    res.json(articleJson(article, articleUrl(base, article.id)));
  });

  return router;
}
