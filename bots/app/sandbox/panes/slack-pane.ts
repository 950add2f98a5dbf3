import { z } from 'zod/v4';
import { isInternalNote } from '../../../../core/domain/network.ts';
import { emojiFromShortcode, shortcodeFromEmoji } from '../../../../core/format/index.ts';
import type { FakeSlack, FakeSlackMessage } from '../../../../test/fakes/slack/fake-slack.ts';
import { action, id, SandboxInputError, text, type SandboxPane } from './pane.ts';

/** What the Slack pane needs: the stand-in, its channel, who can answer and the internal markers. */
export interface SlackPaneConfig {
  slack: FakeSlack;
  channel: { id: string; name: string };
  employees: ReadonlyArray<{ id: string; realName: string }>;
  internalMarkers: string[];
}

const REACTIONS = ['👍', '✅', '👀', '🎉'];

// What a Slack client does to typed text before it sends it: &, < and > become entities.
const escapeSlack = (typed: string): string => typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeSlack = (sent: string): string => sent.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const emojiOf = (name: string): string => {
  const [base = '', tone] = name.split('::');
  return emojiFromShortcode(base, tone) ?? `:${name}:`;
};
const withEmoji = (mrkdwn: string): string => mrkdwn.replace(/:([a-z0-9_+-]+):/g, (code, name: string) => emojiFromShortcode(name) ?? code);

// Block Kit as the browser draws it: only the kinds Heimo posts, with Slack's :emoji: codes resolved.
function blocksView(blocks: unknown[] | undefined): unknown[] {
  const walk = (value: unknown, key = ''): unknown => {
    if (typeof value === 'string') return key === 'text' ? withEmoji(value) : value;
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, walk(inner, name)]));
    return value;
  };
  return (blocks ?? []).map((block) => walk(block));
}

/** The employee side in Slack: the support channel with Heimo's cards and their threads. */
export function createSlackPane(config: SlackPaneConfig): SandboxPane {
  const { slack, channel } = config;
  // The stand-in's timestamps are ids, not clock times: the pane notes when it first saw each message.
  const seen = new Map<string, string>();
  const timeOf = (ts: string): string => {
    let time = seen.get(ts);
    if (time === undefined) seen.set(ts, (time = new Date().toISOString()));
    return time;
  };
  const nameOf = (userId: string): string =>
    userId === slack.identity.botUserId ? 'Heimo' : (config.employees.find((person) => person.id === userId)?.realName ?? userId);
  const employee = (employeeId: string): string => {
    if (!config.employees.some((person) => person.id === employeeId)) throw new SandboxInputError(`no employee ${employeeId}`);
    return employeeId;
  };
  const ownMessage = (ts: string): FakeSlackMessage => {
    const message = slack.message(channel.id, ts);
    if (message === undefined) throw new SandboxInputError(`no message ${ts} in #${channel.name}`);
    if (message.botId !== undefined) throw new SandboxInputError('Heimo\'s own posts cannot be edited or deleted here');
    return message;
  };
  const reactionsView = (message: FakeSlackMessage) => {
    const byName = new Map<string, string[]>();
    for (const reaction of message.reactions) byName.set(reaction.name, [...(byName.get(reaction.name) ?? []), reaction.user]);
    return [...byName].map(([name, users]) => ({ emoji: emojiOf(name), count: users.length, who: users.map(nameOf), userIds: users }));
  };
  const messageView = (message: FakeSlackMessage) => {
    const relayed = message.botId !== undefined;
    return {
      ts: message.ts,
      author: relayed ? (message.username ?? 'Heimo') : nameOf(message.user),
      kind: relayed ? 'relayed' : 'employee',
      text: withEmoji(message.text),
      editText: unescapeSlack(message.text),
      internal: !relayed && isInternalNote(unescapeSlack(message.text), config.internalMarkers),
      edited: message.editedTs !== undefined,
      time: timeOf(message.ts),
      files: (message.files ?? []).map((file) => file.name),
      reactions: reactionsView(message),
    };
  };

  return {
    id: 'slack',
    view: () => ({
      channel: channel.name,
      employees: config.employees.map((person) => ({ id: person.id, name: person.realName })),
      markers: config.internalMarkers,
      reactions: REACTIONS,
      cards: slack.messages
        .filter((message) => message.channel === channel.id && (message.threadTs === undefined || message.threadTs === message.ts))
        .sort((a, b) => Number(a.ts) - Number(b.ts))
        .map((root) => ({
          ...messageView(root),
          blocks: blocksView(root.blocks),
          replies: slack.thread(channel.id, root.ts).filter((message) => message.ts !== root.ts).map(messageView),
        })),
    }),
    actions: {
      reply: action(z.object({ cardTs: id, employeeId: id, text: text(4_000) }), async (input) => {
        if (slack.message(channel.id, input.cardTs) === undefined) throw new SandboxInputError(`no card ${input.cardTs} in #${channel.name}`);
        const posted = await slack.userPosts({ channel: channel.id, user: employee(input.employeeId), text: escapeSlack(input.text), threadTs: input.cardTs });
        return { ts: posted.ts };
      }),
      edit: action(z.object({ ts: id, text: text(4_000) }), async (input) => {
        await slack.userEdits(channel.id, ownMessage(input.ts).ts, escapeSlack(input.text));
      }),
      delete: action(z.object({ ts: id }), async (input) => {
        await slack.userDeletes(channel.id, ownMessage(input.ts).ts);
      }),
      react: action(z.object({ ts: id, employeeId: id, emoji: z.string().min(1).max(32) }), async (input) => {
        const message = slack.message(channel.id, input.ts);
        if (message === undefined) throw new SandboxInputError(`no message ${input.ts} in #${channel.name}`);
        const shortcode = shortcodeFromEmoji(input.emoji);
        if (shortcode === undefined) throw new SandboxInputError(`Slack has no name for ${input.emoji}`);
        const name = shortcode.skinTone === undefined ? shortcode.name : `${shortcode.name}::${shortcode.skinTone}`;
        const user = employee(input.employeeId);
        const added = !message.reactions.some((reaction) => reaction.name === name && reaction.user === user);
        await slack.userReacts({ channel: channel.id, ts: input.ts, user, name, added });
      }),
    },
    client: SLACK_CLIENT,
  };
}

const SLACK_CLIENT = String.raw`
Sandbox.pane('slack', { render(view, ui) {
  const { h } = ui;
  const me = ui.personPicker(view.employees, 'You are');
  const person = ui.person();
  const block = (b) => {
    if (b.type === 'header') return h('div', { class: 'block-header' }, b.text && b.text.text);
    if (b.type === 'section') return h('div', { class: 'block-section' }, b.text ? (b.text.type === 'mrkdwn' ? ui.fmt.mrkdwn(b.text.text) : b.text.text) : null,
      (b.fields || []).map((f) => ui.fmt.mrkdwn(f.text)));
    if (b.type === 'context') return h('div', { class: 'block-context' }, (b.elements || []).filter((e) => e.type !== 'image').map((e) => e.type === 'mrkdwn' ? ui.fmt.mrkdwn(e.text) : h('span', {}, e.text)));
    if (b.type === 'actions') return h('div', { class: 'block-actions' }, (b.elements || []).map((e) => e.url ? h('a', { class: 'button', href: e.url, target: '_blank', rel: 'noopener' }, e.text && e.text.text) : h('button', { type: 'button', disabled: true }, e.text && e.text.text)));
    if (b.type === 'divider') return h('hr');
    return null;
  };
  const message = (m, blocks) => ui.message({
    key: m.ts,
    author: m.author,
    avatarKind: m.kind === 'relayed' && blocks ? 'bot' : '',
    kind: m.kind,
    internal: m.internal,
    badges: [m.kind === 'relayed' ? { text: 'APP', kind: 'app' } : null, m.internal ? { text: 'internal note', kind: 'internal' } : null].filter(Boolean),
    note: m.internal ? 'Stays in Slack: Heimo does not relay notes to the customer.' : null,
    time: m.time,
    // Heimo updates its cards as the status changes; Slack marks only people's edits.
    edited: m.edited && !blocks,
    body: [blocks && blocks.length ? h('div', { class: 'blocks' }, blocks.map(block)) : ui.fmt.mrkdwn(m.text), m.files.map((name) => h('div', { class: 'attachment' }, '📎 ' + name))],
    editText: m.editText,
    reactions: m.reactions.map((r) => ({ emoji: r.emoji, count: r.count, who: r.who.join(', '), mine: r.userIds.includes(person) })),
    reactChoices: view.reactions,
    onReact: (emoji) => ui.act('react', { ts: m.ts, employeeId: person, emoji }),
    onEdit: m.kind === 'employee' ? (text) => ui.act('edit', { ts: m.ts, text }) : null,
    onDelete: m.kind === 'employee' ? () => ui.act('delete', { ts: m.ts }) : null,
  });
  const cards = view.cards.map((card) => h('div', { class: 'card-post', 'data-card': card.ts },
    message(card, card.blocks),
    h('div', { class: 'thread' },
      h('div', { class: 'thread-title' }, card.replies.length ? card.replies.length + (card.replies.length === 1 ? ' reply' : ' replies') : 'Thread'),
      card.replies.map((reply) => message(reply, null)),
      ui.composer({ key: 'reply:' + card.ts, label: 'Reply in thread', placeholder: 'Reply… (' + view.markers.join(' or ') + ' first: internal note)', send: (text) => ui.act('reply', { cardTs: card.ts, employeeId: person, text }) }))));
  const empty = view.cards.length ? null : h('div', { class: 'empty' }, 'No questions yet. Ask one in Discord’s #help or forum: Heimo posts its card here.');
  return h('div', { class: 'slack' }, h('div', { class: 'pane-tools' }, me, h('span', { class: 'channel-name' }, '# ' + view.channel)), h('div', { class: 'pane-scroll' }, empty, cards));
} });
`;
