/**
 * Browser helpers every pane draws with: `h` builds elements (text always as text), `fmt` turns
 * each platform's markup into safe HTML (platform HTML keeps formatting tags and http(s) links
 * only), `avatar` and `toast`. Plain ES2020 in a string, like the rest of the page's code.
 */
export const CLIENT_DOM = String.raw`
const SandboxDom = (() => {
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

  return { h, toast, fmt, avatar };
})();
`;
