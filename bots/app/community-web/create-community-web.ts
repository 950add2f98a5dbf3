import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { HeimoError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/ports/logger.ts';
import { html } from '../kb-web/html.ts';
import { readerTranslator } from '../kb-web/kb-input.ts';
import { createBoardApi } from './board-api.ts';
import { createBoardPage } from './board-page.ts';
import { renderBoardLayout } from './board-layout.ts';
import { BoardInputError, createPublicBoard, type PublicBoardConfig } from './public-board.ts';
import { publicWebHeaders } from '../web-headers.ts';

/** The community on the web (issue 11): the public leaderboard page and its JSON, people's profiles. */
export interface CommunityWebConfig extends PublicBoardConfig {
  logger: Logger;
}

// As the knowledge base's pages: no script can ever run, not even one that slipped in.
const PAGE_POLICY = ["default-src 'none'", "style-src 'unsafe-inline'", "img-src 'self' data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join('; ');

const PATHS = ['/community', '/api/leaderboard', '/api/people'];

/** Creates the router the main HTTP server mounts: `/community/leaderboard`, `/api/leaderboard`, `/api/people/:id`. */
export function createCommunityWeb(config: CommunityWebConfig): Router {
  const router = express.Router();
  const board = createPublicBoard(config);
  router.use(PATHS, publicWebHeaders(PAGE_POLICY));
  router.use(createBoardPage(board));
  router.use(createBoardApi(board));
  router.use(PATHS, (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const api = req.baseUrl.startsWith('/api/');
    if (error instanceof HeimoError && error.code === 'BAD_INPUT') {
      if (api) return void res.status(400).json({ error: error.message, ...(error instanceof BoardInputError ? { field: error.field } : {}) });
      const t = readerTranslator(req.get('accept-language'));
      const text = error instanceof BoardInputError && error.field === 'window' ? t('web.board.badWindow') : error.message;
      return void res.status(400).type('html').send(renderBoardLayout(t, t('web.board.title'), html`<h1>${t('web.board.title')}</h1>\n<p role="alert">${text}</p>\n<p><a href="?window=30d">${t('choice.window.30d')}</a></p>`));
    }
    config.logger.error('community web request failed', { path: req.path, error });
    if (api) return void res.status(500).json({ error: 'internal error' });
    res.status(500).type('text/plain').send('internal error');
  });
  return router;
}
