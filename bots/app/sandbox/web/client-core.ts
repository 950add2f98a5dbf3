/**
 * The page's shared browser code: live state over server-sent events, panes re-drawn only when
 * their view changed (typed drafts, focus and scroll survive), and the building blocks every pane
 * draws with. Plain ES2020 kept in a string so the page needs no bundler; text is always set as
 * text, and the only HTML taken from a platform goes through `fmt.html`, which keeps safe tags only.
 */
export const CLIENT_CORE = String.raw`
'use strict';
const Sandbox = (() => {
  const panes = new Map();
  let state = null;

  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (key === 'class') el.className = value;
      else if (key === 'value') el.value = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function toast(text, kind) {
    const box = document.getElementById('toasts');
    const item = h('div', { class: 'toast ' + (kind || 'error'), role: 'status' }, text);
    box.append(item);
    setTimeout(() => item.remove(), 6000);
  }

  async function post(paneId, action, body) {
    const response = await fetch('/api/' + paneId + '/' + action, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      toast(answer.error || ('the sandbox answered ' + response.status));
      throw new Error(answer.error || String(response.status));
    }
    return answer.result;
  }

  // Escaped text with a few inline marks; the caller passes already-escaped HTML through 'marks'.
  const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const safeUrl = (url) => /^https?:\/\//i.test(url) ? url : null;
  const link = (url, label) => safeUrl(url) ? '<a href="' + escapeHtml(url) + '" target="_blank" rel="noopener">' + label + '</a>' : label;
  function fromHtml(html, cls) {
    const el = document.createElement('div');
    el.className = 'text ' + (cls || '');
    el.innerHTML = html;
    return el;
  }
  function inlineMarks(html, rules) {
    const codes = [];
    html = html.replace(/\x60\x60\x60([\s\S]*?)\x60\x60\x60/g, (_, code) => { codes.push('<pre>' + code.replace(/^\n/, '') + '</pre>'); return '\u0000' + (codes.length - 1) + '\u0000'; });
    html = html.replace(/\x60([^\x60\n]+)\x60/g, (_, code) => { codes.push('<code>' + code + '</code>'); return '\u0000' + (codes.length - 1) + '\u0000'; });
    for (const [pattern, tag] of rules) html = html.replace(pattern, (_, before, inner) => before + '<' + tag + '>' + inner + '</' + tag + '>');
    html = html.replace(/(^|\n)&gt; ?([^\n]*)/g, (_, start, line) => start + '<blockquote>' + line + '</blockquote>');
    html = html.replace(/\n/g, '<br>');
    return html.replace(/\u0000(\d+)\u0000/g, (_, index) => codes[Number(index)]);
  }

  const fmt = {
    time(iso) {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    },
    /** Discord markdown: **bold**, *italic*, __underline__, ~~strike~~, code, quotes, bare links. */
    discord(text) {
      let html = escapeHtml(text);
      html = html.replace(/(https?:\/\/[^\s<|]+)/g, (url) => link(url.replace(/&amp;/g, '&'), url));
      return fromHtml(inlineMarks(html, [
        [/(^|[^*])\*\*([^*\n]+)\*\*/g, 'strong'], [/(^|[^_])__([^_\n]+)__/g, 'u'], [/(^|[^~])~~([^~\n]+)~~/g, 's'],
        [/(^|[\s(])\*([^*\n]+)\*/g, 'em'], [/(^|[\s(])_([^_\n]+)_/g, 'em'],
      ]), 'discord-text');
    },
    /** Slack mrkdwn (entities already escaped by Slack): *bold*, _italic_, ~strike~, <url|label>, <@U..>. */
    mrkdwn(text) {
      let html = text.replace(/"/g, '&quot;').replace(/<([^>\n]+)>/g, (_, inner) => {
        const [target, label] = inner.split('|');
        if (target.startsWith('@') || target.startsWith('#')) return '<span class="mention">' + escapeHtml(label || target) + '</span>';
        if (target.startsWith('!')) return '<span class="mention">@' + escapeHtml(target.slice(1).split('^')[0]) + '</span>';
        return link(target.replace(/&amp;/g, '&'), escapeHtml(label || target));
      });
      return fromHtml(inlineMarks(html, [[/(^|[\s(>])\*([^*\n]+)\*/g, 'strong'], [/(^|[\s(>])_([^_\n]+)_/g, 'em'], [/(^|[\s(>])~([^~\n]+)~/g, 's']]), 'slack-text');
    },
    /** HTML from a platform (Teams messages): only formatting tags and http(s) links survive. */
    html(html) {
      const allowed = new Set(['B', 'STRONG', 'I', 'EM', 'U', 'S', 'STRIKE', 'DEL', 'BR', 'P', 'DIV', 'SPAN', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'A', 'H1', 'H2', 'H3']);
      const source = new DOMParser().parseFromString('<body>' + html + '</body>', 'text/html').body;
      const copy = (node) => {
        if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent);
        if (node.nodeType !== Node.ELEMENT_NODE) return null;
        const children = [...node.childNodes].map(copy).filter(Boolean);
        if (!allowed.has(node.tagName)) return children.length ? h('span', {}, children) : null;
        if (node.tagName === 'A') return h('a', { href: safeUrl(node.getAttribute('href') || ''), target: '_blank', rel: 'noopener' }, children);
        return h(node.tagName.toLowerCase(), {}, children);
      };
      return h('div', { class: 'text teams-text' }, [...source.childNodes].map(copy));
    },
  };

  function avatar(name, kind) {
    const initials = (name || '?').split(/\s+/).map((part) => part[0] || '').join('').slice(0, 2).toUpperCase();
    let hue = 0;
    for (const char of name || '') hue = (hue * 31 + char.charCodeAt(0)) % 360;
    return h('div', { class: 'avatar ' + (kind || ''), style: kind === 'bot' ? null : 'background: hsl(' + hue + ' 55% 45%)', 'aria-hidden': 'true' }, kind === 'bot' ? 'H' : initials);
  }

  function makeUi(paneId, entry) {
    const ui = {
      h, fmt, avatar, toast,
      local: entry.local,
      view: () => entry.view,
      refresh: () => draw(paneId, true),
      act: (action, body) => post(paneId, action, body),
      /** A text box that sends on Enter (Shift+Enter: new line); send(text, extras) also gets the values of inputs in 'extra' by key. */
      composer({ key, placeholder, send, label, extra }) {
        const box = h('textarea', { 'data-key': key, rows: 1, placeholder, 'aria-label': label || placeholder });
        // Cleared at once, as chat apps do; a re-draw may replace the box meanwhile, so it is found by key.
        const current = () => document.querySelector('[data-key="' + CSS.escape(key) + '"]') || box;
        const submit = async () => {
          const value = box.value.trim();
          if (!value) return;
          const extras = [...(box.closest('.composer') || box).querySelectorAll('input[data-key]')].map((input) => [input.getAttribute('data-key'), input.value]);
          box.value = '';
          for (const [extraKey] of extras) document.querySelector('[data-key="' + CSS.escape(extraKey) + '"]').value = '';
          try {
            await send(value, Object.fromEntries(extras));
          } catch {
            // The toast says why; the text comes back so nothing typed is lost.
            current().value = value;
            for (const [extraKey, extraValue] of extras) document.querySelector('[data-key="' + CSS.escape(extraKey) + '"]').value = extraValue;
          }
        };
        box.addEventListener('keydown', (event) => { if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); submit(); } });
        const button = h('button', { class: 'send', type: 'button', onclick: submit }, 'Send');
        return h('div', { class: 'composer' }, extra || null, h('div', { class: 'composer-row' }, box, button));
      },
      /** A message row: avatar, name, badges, time, text (or an edit box), reactions and hover tools. */
      message(m) {
        const editing = entry.local.editing === m.key;
        const tools = [];
        if (m.onEdit) tools.push(h('button', { type: 'button', title: 'Edit', onclick: () => { entry.local.editing = m.key; ui.refresh(); } }, 'Edit'));
        if (m.onDelete) tools.push(h('button', { type: 'button', title: 'Delete', onclick: () => m.onDelete() }, 'Delete'));
        if (m.onReact) for (const emoji of m.reactChoices || []) tools.push(h('button', { type: 'button', class: 'emoji', title: 'React ' + emoji, 'aria-label': 'React ' + emoji, onclick: () => m.onReact(emoji) }, emoji));
        let body = m.body;
        if (editing) {
          const input = h('textarea', { 'data-key': 'edit:' + m.key, class: 'edit-box', 'aria-label': 'Edit message' });
          input.value = m.editText || '';
          const save = async () => { try { await m.onEdit(input.value); entry.local.editing = null; ui.refresh(); } catch { /* toast shown */ } };
          input.addEventListener('keydown', (event) => {
            if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); save(); }
            if (event.key === 'Escape') { entry.local.editing = null; ui.refresh(); }
          });
          body = h('div', { class: 'editing' }, input, h('div', { class: 'edit-actions' },
            h('button', { type: 'button', onclick: save }, 'Save'),
            h('button', { type: 'button', onclick: () => { entry.local.editing = null; ui.refresh(); } }, 'Cancel')));
        }
        const reactions = (m.reactions || []).map((r) => h('button', { type: 'button', class: 'reaction' + (r.mine ? ' mine' : ''), title: r.who || '', onclick: m.onReact ? () => m.onReact(r.emoji) : null }, r.emoji + ' ' + r.count));
        return h('div', { class: 'message' + (m.kind ? ' ' + m.kind : '') + (m.internal ? ' internal' : ''), 'data-message': m.key },
          avatar(m.author, m.avatarKind),
          h('div', { class: 'message-main' },
            h('div', { class: 'message-head' },
              h('span', { class: 'author' }, m.author),
              (m.badges || []).map((badge) => h('span', { class: 'badge ' + (badge.kind || '') }, badge.text)),
              h('span', { class: 'time' }, fmt.time(m.time)),
              m.edited ? h('span', { class: 'edited' }, '(edited)') : null),
            body,
            m.note ? h('div', { class: 'note' }, m.note) : null,
            reactions.length ? h('div', { class: 'reactions' }, reactions) : null),
          tools.length && !editing ? h('div', { class: 'tools' }, tools) : null);
      },
      /** A pair of who-am-I selects share this: the person the page acts as in this pane. */
      personPicker(people, label) {
        if (!entry.local.person || !people.some((p) => p.id === entry.local.person)) entry.local.person = people[0] && people[0].id;
        const select = h('select', { 'aria-label': label, onchange: (event) => { entry.local.person = event.target.value; ui.refresh(); } },
          people.map((p) => h('option', { value: p.id, selected: p.id === entry.local.person }, p.name)));
        return h('label', { class: 'person' }, label + ' ', select);
      },
      person: () => entry.local.person,
    };
    return ui;
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
      entry.ui = makeUi(id, entry);
      panes.set(id, entry);
    },
    start: connect,
  };
})();
`;
