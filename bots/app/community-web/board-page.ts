import express, { type Router } from 'express';
import type { StandingsWindow } from '../../../core/credits/index.ts';
import type { Translator } from '../../../core/i18n/index.ts';
import { html, type SafeHtml } from '../kb-web/html.ts';
import { readerTranslator } from '../kb-web/kb-input.ts';
import { PUBLIC_WINDOWS, windowOf, type PublicBoard, type PublicRow } from './public-board.ts';
import { renderBoardLayout } from './board-layout.ts';

const windowLinks = (t: Translator, current: StandingsWindow): SafeHtml =>
  html`<nav class="windows" aria-label="${t('web.board.windows')}"><ul>${PUBLIC_WINDOWS.map((window) =>
    window === current
      ? html`<li><a href="?window=${window}" aria-current="page">${t(`choice.window.${window}`)}</a></li>`
      : html`<li><a href="?window=${window}">${t(`choice.window.${window}`)}</a></li>`)}</ul></nav>`;

const table = (t: Translator, rows: readonly PublicRow[]): SafeHtml =>
  html`<table class="board">
<caption>${t('web.board.title')}</caption>
<thead><tr><th scope="col">${t('web.board.rank')}</th><th scope="col">${t('web.board.name')}</th><th scope="col" class="num">${t('web.board.points')}</th><th scope="col">${t('web.board.tier')}</th></tr></thead>
<tbody>
${rows.map((row) => html`<tr><td>${row.rank}</td><th scope="row">${row.name}</th><td class="num">${row.points}</td><td>${row.tier?.name ?? ''}</td></tr>\n`)}</tbody>
</table>`;

/** Renders the leaderboard page: the window's links, the table (or a note that nobody is shown). */
export function renderBoardPage(t: Translator, community: string, window: StandingsWindow, rows: readonly PublicRow[]): string {
  const main = html`<h1>${t('web.board.title')}: ${community}</h1>
<p class="note">${t('web.board.intro', { window: t(`choice.window.${window}`) })}</p>
${windowLinks(t, window)}
${rows.length === 0 ? html`<p>${t('web.board.empty')}</p>` : table(t, rows)}`;
  return renderBoardLayout(t, `${t('web.board.title')}: ${community}`, main);
}

/** `GET /community/leaderboard?window=7d|30d|all[&community=<id>]`: the public leaderboard as a page without script. */
export function createBoardPage(board: PublicBoard): Router {
  const router = express.Router();
  router.get('/community/leaderboard', async (req, res) => {
    const t = readerTranslator(req.get('accept-language'));
    const window = windowOf(req.query['window']);
    const community = board.community(req.query['community']);
    res.type('html').send(renderBoardPage(t, community.name, window, await board.leaderboard(community.id, window)));
  });
  return router;
}
