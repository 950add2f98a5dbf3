import type { SandboxPane } from '../panes/pane.ts';
import { CLIENT_CORE } from './client-core.ts';
import { CLIENT_DOM } from './client-dom.ts';
import { CLIENT_WIDGETS } from './client-widgets.ts';
import { STYLES } from './styles.ts';

/** How a pane is titled on the page. */
export interface PaneHeading {
  id: string;
  title: string;
  role: string;
}

// Pane scripts are ours, but a script tag ends at the first "</script": never let one slip through.
const inline = (script: string): string => script.replace(/<\/(script)/gi, '<\\/$1');

/** The whole page: header, one column per pane, and the scripts that draw them. */
export function renderPage(panes: Array<SandboxPane & PaneHeading>): string {
  const columns = panes
    .map((pane) => `<section class="pane" data-pane="${pane.id}" aria-label="${pane.title}"><div class="pane-head head-${pane.id}"><h2>${pane.title}</h2><span class="role">${pane.role}</span></div><div class="pane-body"></div></section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Heimo sandbox</title>
<link rel="icon" href="data:,">
<style>${STYLES}</style>
</head>
<body>
<header class="top">
  <h1>Heimo sandbox</h1>
  <p>You play the customers on Discord and the employees in Slack and Teams. Everything you do goes through Heimo's real bots, database and queue; the three platforms are local stand-ins.</p>
  <span id="heimo-status" class="status">connecting…</span>
</header>
<main>
${columns}
</main>
<div id="toasts" aria-live="polite"></div>
<script>'use strict';
${inline(CLIENT_DOM)}
${inline(CLIENT_WIDGETS)}
${inline(CLIENT_CORE)}
${panes.map((pane) => inline(pane.client)).join('\n')}
Sandbox.start();
</script>
</body>
</html>
`;
}
