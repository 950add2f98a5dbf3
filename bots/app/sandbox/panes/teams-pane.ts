import { z } from 'zod/v4';
import { HeimoError } from '../../../../core/errors.ts';
import { isInternalNote } from '../../../../core/domain/network.ts';
import type { FakeConnector, FakeConnectorActivity } from '../../../../test/fakes/teams/fake-connector.ts';
import type { FakeTeamsIdentity } from '../../../../test/fakes/teams/fake-identity.ts';
import { channelDelete, channelEdit, channelReaction, channelReply, sendActivity, type ChannelScene, type TeamsPerson } from '../../../../test/fakes/teams/send-activity.ts';
import { action, id, SandboxInputError, text, type SandboxPane } from './pane.ts';

/** What the Teams pane needs: the connector and identity stand-ins, the channel, who can answer. */
export interface TeamsPaneConfig {
  connector: FakeConnector;
  identity: FakeTeamsIdentity;
  scene: ChannelScene;
  team: string;
  channel: string;
  employees: readonly TeamsPerson[];
  internalMarkers: string[];
}

/** The Teams pane, plus where Heimo's messaging endpoint is (known once Heimo listens). */
export interface TeamsPane extends SandboxPane {
  attach(heimoUrl: string): void;
}

// Teams' classic reactions: the type a client sends, and the emoji Heimo shows for it.
const REACTIONS: Array<[string, string]> = [['like', '👍'], ['heart', '❤️'], ['laugh', '😆'], ['surprised', '😮']];

/** A reply an employee typed: Teams keeps it, so the pane does (the connector holds only Heimo's posts). */
interface EmployeePost {
  id: string;
  rootId: string;
  from: TeamsPerson;
  text: string;
  time: string;
  edited: boolean;
  deleted: boolean;
  seq: number;
}

const escapeHtml = (typed: string): string => typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// What the Teams client sends for typed text: HTML paragraphs.
const htmlOf = (typed: string): string => typed.split(/\n{2,}/).map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`).join('');

/** The employee side in Teams: the support channel with Heimo's cards and their reply chains. */
export function createTeamsPane(config: TeamsPaneConfig): TeamsPane {
  const { connector, scene } = config;
  let botUrl = '';
  let clock = 0;
  // Heimo's posts get an order stamp when first seen, employees' when sent: the thread reads in order.
  const seen = new Map<string, { seq: number; time: string }>();
  const stamp = (key: string) => {
    let found = seen.get(key);
    if (found === undefined) seen.set(key, (found = { seq: (clock += 1), time: new Date().toISOString() }));
    return found;
  };
  const posts = new Map<string, EmployeePost>();
  const reactions = new Map<string, Map<string, Set<string>>>();
  const chain = (rootId: string): string => `${scene.channelId};messageid=${rootId}`;
  const isCard = (held: FakeConnectorActivity): boolean => held.conversationId === chain(held.id);
  const person = (employeeId: string): TeamsPerson => {
    const found = config.employees.find((candidate) => candidate.id === employeeId);
    if (found === undefined) throw new SandboxInputError(`no employee ${employeeId}`);
    return found;
  };
  const send = async (activity: Record<string, unknown>): Promise<void> => {
    if (!botUrl) throw new HeimoError('NOT_CONNECTED', 'Heimo is not listening yet');
    const token = await config.identity.mintToken({ audience: scene.appId, serviceUrl: scene.serviceUrl });
    const result = await sendActivity(botUrl, activity, token);
    if (result.status !== 200) throw new HeimoError('PLATFORM_REJECTED', `Heimo answered the Teams activity with ${result.status}: ${result.body.slice(0, 200)}`);
  };
  const own = (messageId: string): EmployeePost => {
    const post = posts.get(messageId);
    if (post === undefined || post.deleted) throw new SandboxInputError(`no employee message ${messageId}`);
    return post;
  };
  const reactionsView = (messageId: string) =>
    [...(reactions.get(messageId) ?? new Map<string, Set<string>>())]
      .filter(([, who]) => who.size > 0)
      .map(([type, who]) => ({
        emoji: REACTIONS.find(([name]) => name === type)?.[1] ?? type,
        type,
        count: who.size,
        who: [...who].map((userId) => config.employees.find((candidate) => candidate.id === userId)?.name ?? userId),
        userIds: [...who],
      }));
  const heimoPost = (held: FakeConnectorActivity) => {
    const { seq, time } = stamp(`${held.conversationId}|${held.id}`);
    return { id: held.id, seq, time, author: 'Heimo', kind: 'relayed', html: typeof held.activity['text'] === 'string' ? held.activity['text'] : '', internal: false, edited: held.updates > 0, deleted: false, reactions: reactionsView(held.id) };
  };
  const employeePost = (post: EmployeePost) => ({
    id: post.id, seq: post.seq, time: post.time, author: post.from.name, authorId: post.from.id, kind: 'employee', html: htmlOf(post.text), text: post.text,
    internal: isInternalNote(post.text, config.internalMarkers), edited: post.edited, deleted: post.deleted, reactions: reactionsView(post.id),
  });

  return {
    id: 'teams',
    attach: (heimoUrl) => {
      botUrl = `${heimoUrl}/api/messages`;
    },
    view: () => ({
      team: config.team,
      channel: config.channel,
      employees: config.employees.map((candidate) => ({ id: candidate.id, name: candidate.name })),
      markers: config.internalMarkers,
      reactions: REACTIONS.map(([type, emoji]) => ({ type, emoji })),
      cards: [...connector.activities.values()]
        .filter(isCard)
        .map((root) => {
          const attachments = Array.isArray(root.activity['attachments']) ? (root.activity['attachments'] as Array<{ content?: unknown }>) : [];
          const replies = [
            ...connector.thread(scene.channelId, root.id).filter((held) => held.id !== root.id).map(heimoPost),
            ...[...posts.values()].filter((post) => post.rootId === root.id).map(employeePost),
          ].sort((a, b) => a.seq - b.seq);
          return { ...heimoPost(root), card: attachments[0]?.content ?? null, replies };
        })
        .sort((a, b) => a.seq - b.seq),
    }),
    actions: {
      reply: action(z.object({ cardId: id, employeeId: id, text: text(4_000) }), async (input) => {
        if (!connector.activities.has(`${chain(input.cardId)}|${input.cardId}`)) throw new SandboxInputError(`no card ${input.cardId} in ${config.channel}`);
        const from = person(input.employeeId);
        const activity = channelReply(scene, { rootId: input.cardId, from, html: htmlOf(input.text) });
        const post: EmployeePost = { id: String(activity['id']), rootId: input.cardId, from, text: input.text, time: new Date().toISOString(), edited: false, deleted: false, seq: (clock += 1) };
        await send(activity);
        posts.set(post.id, post);
        return { id: post.id };
      }),
      edit: action(z.object({ messageId: id, text: text(4_000) }), async (input) => {
        const post = own(input.messageId);
        await send(channelEdit(scene, { rootId: post.rootId, id: post.id, from: post.from, html: htmlOf(input.text) }));
        Object.assign(post, { text: input.text, edited: true });
      }),
      delete: action(z.object({ messageId: id }), async (input) => {
        const post = own(input.messageId);
        await send(channelDelete(scene, { rootId: post.rootId, id: post.id, from: post.from }));
        post.deleted = true;
      }),
      react: action(z.object({ cardId: id, messageId: id, employeeId: id, type: z.enum(REACTIONS.map(([type]) => type) as [string, ...string[]]) }), async (input) => {
        const from = person(input.employeeId);
        const held = reactions.get(input.messageId) ?? new Map<string, Set<string>>();
        const who = held.get(input.type) ?? new Set<string>();
        const added = !who.has(from.id);
        await send(channelReaction(scene, { rootId: input.cardId, messageId: input.messageId, from, ...(added ? { added: [input.type] } : { removed: [input.type] }) }));
        if (added) who.add(from.id);
        else who.delete(from.id);
        held.set(input.type, who);
        reactions.set(input.messageId, held);
      }),
    },
    client: TEAMS_CLIENT,
  };
}

const TEAMS_CLIENT = String.raw`
Sandbox.pane('teams', { render(view, ui) {
  const { h } = ui;
  const me = ui.personPicker(view.employees, 'You are');
  const person = ui.person();
  const element = (e) => {
    if (!e || typeof e !== 'object') return null;
    if (e.type === 'TextBlock') return h('div', { class: 'ac-text' + (e.weight === 'Bolder' ? ' bold' : '') + (e.size ? ' size-' + String(e.size).toLowerCase() : '') + (e.color ? ' color-' + String(e.color).toLowerCase() : '') }, ui.fmt.discord(String(e.text || '')));
    if (e.type === 'FactSet') return h('table', { class: 'ac-facts' }, (e.facts || []).map((f) => h('tr', {}, h('th', {}, f.title), h('td', {}, f.value))));
    if (e.type === 'CodeBlock') return h('pre', { class: 'ac-code' }, e.codeSnippet || '');
    if (e.type === 'Container') return h('div', { class: 'ac-container' }, (e.items || []).map(element));
    if (e.type === 'ColumnSet') return h('div', { class: 'ac-columns' }, (e.columns || []).map((c) => h('div', { class: 'ac-column' }, (c.items || []).map(element))));
    return e.fallback ? element(e.fallback) : null;
  };
  const card = (c) => c ? h('div', { class: 'adaptive-card' }, (c.body || []).map(element),
    (c.actions || []).length ? h('div', { class: 'ac-actions' }, c.actions.map((a) => a.url ? h('a', { class: 'button', href: a.url, target: '_blank', rel: 'noopener' }, a.title) : h('button', { type: 'button', disabled: true }, a.title))) : null) : null;
  const message = (m, cardId, content) => ui.message({
    key: m.id,
    author: m.author,
    avatarKind: m.kind === 'relayed' ? 'bot' : '',
    kind: m.kind,
    internal: m.internal && !m.deleted,
    badges: [m.kind === 'relayed' ? { text: 'Bot', kind: 'app' } : null, m.internal && !m.deleted ? { text: 'internal note', kind: 'internal' } : null].filter(Boolean),
    note: m.internal && !m.deleted ? 'Stays in Teams: Heimo does not relay notes to the customer.' : null,
    time: m.time,
    edited: m.edited && !m.deleted && !content,
    body: m.deleted ? h('div', { class: 'deleted' }, 'This message has been deleted.') : (content || ui.fmt.html(m.html)),
    editText: m.text,
    reactions: m.reactions.map((r) => ({ emoji: r.emoji, count: r.count, who: r.who.join(', '), mine: r.userIds.includes(person), type: r.type })),
    reactChoices: m.deleted ? [] : view.reactions.map((r) => r.emoji),
    onReact: m.deleted ? null : (emoji) => ui.act('react', { cardId, messageId: m.id, employeeId: person, type: (view.reactions.find((r) => r.emoji === emoji) || {}).type }),
    onEdit: m.kind === 'employee' && !m.deleted ? (text) => ui.act('edit', { messageId: m.id, text }) : null,
    onDelete: m.kind === 'employee' && !m.deleted ? () => ui.act('delete', { messageId: m.id }) : null,
  });
  const cards = view.cards.map((c) => h('div', { class: 'card-post', 'data-card': c.id },
    message(c, c.id, card(c.card)),
    h('div', { class: 'thread' },
      c.replies.map((reply) => message(reply, c.id, null)),
      ui.composer({ key: 'reply:' + c.id, label: 'Reply', placeholder: 'Reply… (' + view.markers.join(' or ') + ' first: internal note)', send: (text) => ui.act('reply', { cardId: c.id, employeeId: person, text }) }))));
  const empty = view.cards.length ? null : h('div', { class: 'empty' }, 'No questions yet. Ask one in Discord’s #partner-help: Heimo posts its card here.');
  return h('div', { class: 'teams' }, h('div', { class: 'pane-tools' }, me, h('span', { class: 'channel-name' }, view.team + ' › ' + view.channel)), h('div', { class: 'pane-scroll' }, empty, cards));
} });
`;
