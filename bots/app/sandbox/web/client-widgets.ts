/**
 * The pieces panes share, built per pane by `sandboxUi`: a composer that sends on Enter, a message
 * row with edit, delete and reactions, and a who-am-I picker. Its `draw` re-renders the pane.
 */
export const CLIENT_WIDGETS = String.raw`
function sandboxUi(paneId, entry, post, draw) {
  const { h, fmt, avatar, toast } = SandboxDom;
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
`;
