/**
 * The page's core browser code: live state over server-sent events, panes re-drawn only when
 * their view changed (typed drafts, focus and scroll survive), actions posted back, and links
 * into Discord opened in the Discord pane. Plain ES2020 kept in strings so the page needs no
 * bundler; client-dom.ts and client-widgets.ts come before it on the page.
 */
export const CLIENT_CORE = String.raw`
const Sandbox = (() => {
  const panes = new Map();
  let state = null;
  const { toast } = SandboxDom;

  async function post(paneId, action, body) {
    const response = await fetch('/api/' + paneId + '/' + action, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      toast(answer.error || ('the sandbox answered ' + response.status));
      throw new Error(answer.error || String(response.status));
    }
    return answer.result;
  }

  // Keeps what the person was doing across a re-draw: drafts, the focused box and its caret, scroll.
  function draw(paneId, force) {
    const entry = panes.get(paneId);
    const root = document.querySelector('[data-pane="' + paneId + '"] .pane-body');
    if (!entry || !root || !state || !(paneId in state)) return;
    const json = JSON.stringify(state[paneId]);
    if (!force && json === entry.json) return;
    entry.json = json;
    entry.view = state[paneId];
    const drafts = new Map();
    for (const input of root.querySelectorAll('[data-key]')) drafts.set(input.getAttribute('data-key'), input.value);
    const active = document.activeElement && root.contains(document.activeElement) ? document.activeElement : null;
    const focusKey = active && active.getAttribute('data-key');
    const caret = active && 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null;
    const before = root.querySelector('.pane-scroll');
    const atBottom = before ? before.scrollHeight - before.scrollTop - before.clientHeight < 40 : true;
    const scrollTop = before ? before.scrollTop : 0;
    root.replaceChildren(entry.render(entry.view, entry.ui));
    const scroller = root.querySelector('.pane-scroll');
    for (const input of root.querySelectorAll('[data-key]')) {
      const key = input.getAttribute('data-key');
      if (drafts.has(key) && !key.startsWith('edit:')) input.value = drafts.get(key);
      else if (drafts.has(key) && entry.lastEditing === key) input.value = drafts.get(key);
      if (key === focusKey) {
        input.focus();
        if (caret) try { input.setSelectionRange(caret[0], caret[1]); } catch { /* not a text box */ }
      }
    }
    entry.lastEditing = entry.local.editing ? 'edit:' + entry.local.editing : null;
    // Follow new messages while the person is at the bottom, as chat apps do; otherwise stay put.
    if (scroller) scroller.scrollTop = atBottom ? scroller.scrollHeight : scrollTop;
  }

  function receive(next) {
    state = next;
    const status = document.getElementById('heimo-status');
    if (status && next.heimo) {
      status.className = 'status ' + (next.heimo.ok ? 'ok' : 'bad');
      status.textContent = next.heimo.summary;
    }
    for (const id of panes.keys()) draw(id, false);
  }

  function connect() {
    const source = new EventSource('/api/events');
    source.onmessage = (event) => receive(JSON.parse(event.data));
    source.onerror = () => {
      const status = document.getElementById('heimo-status');
      if (status) { status.className = 'status bad'; status.textContent = 'sandbox not reachable, retrying…'; }
    };
  }

  // Links into Discord (the cards' "Open in Discord") open the thread in the Discord pane instead.
  document.addEventListener('click', (event) => {
    const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
    const found = anchor && /^https:\/\/discord\.com\/channels\/\d+\/(\d+)(?:\/(\d+))?/.exec(anchor.href);
    if (!found) return;
    for (const [id, entry] of panes) {
      const selector = entry.open && entry.open({ channelId: found[1], messageId: found[2] }, entry.ui);
      if (!selector) continue;
      event.preventDefault();
      draw(id, true);
      const target = document.querySelector('[data-pane="' + id + '"] ' + selector);
      if (target) {
        target.scrollIntoView({ block: 'center' });
        target.classList.add('flash');
        setTimeout(() => target.classList.remove('flash'), 1600);
      }
      return;
    }
  });

  return {
    /** Registers a pane's renderer: render(view, ui) returns the pane's content; open(link, ui), if given, shows a Discord link's target and returns its selector. */
    pane(id, spec) {
      const entry = { render: spec.render, open: spec.open, local: {}, json: null, view: null };
      entry.ui = sandboxUi(id, entry, post, draw);
      panes.set(id, entry);
    },
    start: connect,
  };
})();
`;
