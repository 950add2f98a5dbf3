/** The pages' one stylesheet: a single readable column that fits a phone; no script, no web fonts. */
export const KB_STYLES = String.raw`
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #fff; overflow-wrap: anywhere; }
a { color: #0b5cad; }
header.site { background: #f4f6f8; border-bottom: 1px solid #d8dde3; }
header.site .bar, main, footer.site { max-width: 46rem; margin: 0 auto; padding: 0.75rem 1rem; }
header.site .home { font-weight: 700; font-size: 1.15rem; text-decoration: none; color: inherit; }
form.search { display: flex; gap: 0.5rem; margin-top: 0.6rem; }
form.search input { flex: 1; min-width: 0; font: inherit; padding: 0.5rem 0.7rem; border: 1px solid #b7c0ca; border-radius: 8px; }
form.search button { font: inherit; padding: 0.5rem 1rem; border: 0; border-radius: 8px; background: #0b5cad; color: #fff; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.8rem 0; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 0.5rem; }
h3, h4, h5, h6 { font-size: 1.05rem; margin: 1rem 0 0.4rem; }
.meta, .note { color: #59636e; font-size: 0.92rem; }
.meta span + span::before { content: " · "; }
ol.articles { list-style: none; padding: 0; margin: 0; }
ol.articles li { padding: 0.8rem 0; border-bottom: 1px solid #e6e9ed; }
ol.articles a.title { font-weight: 600; font-size: 1.05rem; }
ol.articles p { margin: 0.25rem 0 0; color: #3d444d; }
section.answer { border-left: 4px solid #2da44e; padding: 0.1rem 0 0.1rem 0.9rem; }
.tags { display: flex; flex-wrap: wrap; gap: 0.35rem; padding: 0; list-style: none; }
.tags li { background: #eef1f4; border-radius: 999px; padding: 0.1rem 0.6rem; font-size: 0.88rem; }
pre { background: #f4f6f8; padding: 0.7rem; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; }
code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f4f6f8; padding: 0.05rem 0.25rem; border-radius: 4px; }
pre code { padding: 0; }
blockquote { margin: 0.5rem 0; padding-left: 0.8rem; border-left: 3px solid #d0d7de; color: #3d444d; }
nav.pages { display: flex; justify-content: space-between; margin: 1.2rem 0; }
footer.site { color: #59636e; font-size: 0.85rem; border-top: 1px solid #e6e9ed; margin-top: 2rem; }
`;
