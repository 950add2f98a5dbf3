import type { Translator } from '../../../core/i18n/index.ts';
import { html, trusted, type SafeHtml } from '../kb-web/html.ts';

// One column that fits a phone, a table that stays readable at 320px, visible focus; no script, no web fonts.
const BOARD_STYLES = String.raw`
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2328; background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 0.75rem 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.8rem 0; }
.note { color: #59636e; font-size: 0.95rem; }
a { color: #0b5cad; }
a:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
nav.windows ul { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 1rem 0; }
nav.windows a { display: inline-block; padding: 0.35rem 0.8rem; border: 1px solid #b7c0ca; border-radius: 999px; text-decoration: none; }
nav.windows a[aria-current="page"] { background: #0b5cad; border-color: #0b5cad; color: #fff; }
table.board { width: 100%; border-collapse: collapse; }
table.board caption { text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
table.board th, table.board td { text-align: left; padding: 0.5rem 0.4rem; border-bottom: 1px solid #e6e9ed; overflow-wrap: anywhere; }
table.board thead th { font-size: 0.85rem; color: #59636e; }
table.board tbody th { font-weight: 600; }
table.board .num { text-align: right; font-variant-numeric: tabular-nums; }
`;

/** A whole leaderboard page: head, `main`, the stylesheet. Plain HTML: the policy allows no script. */
export function renderBoardLayout(t: Translator, title: string, main: SafeHtml): string {
  return html`<!doctype html>
<html lang="${t.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${trusted(BOARD_STYLES)}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`.value;
}
