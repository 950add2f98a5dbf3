import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { HeimoError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/ports/logger.ts';
import { createKbApi } from './kb-api.ts';
import { KbInputError, readerTranslator } from './kb-input.ts';
import { createKbPages, type KbPagesConfig } from './kb-pages.ts';
import { renderProblemPage } from './list-pages.ts';
import { publicWebHeaders } from '../web-headers.ts';

/** The knowledge base on the web: pages, sitemap and JSON API, read-only, public articles only. */
export interface KbWebConfig extends KbPagesConfig {
  logger: Logger;
}

// Pages carry no script: a policy without script-src makes sure none ever runs, even one that slipped in.
const pagePolicy = (publicUrl: string | null): string =>
  ["default-src 'none'", "style-src 'unsafe-inline'", "img-src 'self' data:", `form-action 'self'${publicUrl === null ? '' : ` ${new URL(publicUrl).origin}`}`, "base-uri 'none'", "frame-ancestors 'none'"].join('; ');

/** Creates the router the main HTTP server mounts: `/kb…` pages and `/api/kb…` JSON. */
export function createKbWeb(config: KbWebConfig): Router {
  const router = express.Router();
  const policy = pagePolicy(config.publicUrl);
  router.use(['/kb', '/api/kb'], publicWebHeaders(policy));
  router.use(createKbPages(config));
  router.use(createKbApi(config));
  router.use('/api/kb', (_req, res) => void res.status(404).json({ error: 'no such endpoint: see GET /api/kb/search and GET /api/kb/articles/:id' }));
  router.use('/kb', (req, res) => {
    const t = readerTranslator(req.get('accept-language'));
    res.status(404).send(renderProblemPage(t, config.publicUrl ?? '', t('web.kb.notFound.title'), t('web.kb.notFound.text')));
  });
  router.use(['/kb', '/api/kb'], (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const api = req.baseUrl.startsWith('/api/');
    if (error instanceof HeimoError && error.code === 'BAD_INPUT') {
      if (api) return void res.status(400).json({ error: error.message, ...(error instanceof KbInputError ? { field: error.field } : {}) });
      const t = readerTranslator(req.get('accept-language'));
      const text = error instanceof KbInputError ? (error.field === 'q' ? t('web.kb.error.queryTooLong', { max: error.max }) : t('web.kb.error.page', { max: error.max })) : error.message;
      // The Host may be what was refused: links on this page stay relative.
      return void res.status(400).send(renderProblemPage(t, config.publicUrl ?? '', t('web.kb.badRequest.title'), text));
    }
    config.logger.error('knowledge base request failed', { path: req.path, error });
    if (api) return void res.status(500).json({ error: 'internal error' });
    res.status(500).type('text/plain').send('internal error');
  });
  return router;
}
