import { z } from 'zod/v4';
import type { FakeDiscord, FakeMessage, FakeUser } from '../../../../test/fakes/discord/index.ts';
import { action, id, SandboxInputError, text, type SandboxPane } from './pane.ts';

/** Where each routed Discord channel's questions go, as the pane labels it. */
export interface DiscordRouteLabel {
  channelId: string;
  destination: string;
}

/** What the Discord pane needs: the stand-in and the routes to label channels with. */
export interface DiscordPaneConfig {
  discord: FakeDiscord;
  routes: DiscordRouteLabel[];
}

const REACTIONS = ['👍', '🎉', '❤️', '😕'];

/** The customer side: a Discord server with a help channel, a forum and a channel routed to Teams. */
export function createDiscordPane(config: DiscordPaneConfig): SandboxPane {
  const { discord } = config;
  const { world } = discord;
  const customers = [world.users.bob, world.users.carol];
  const nameOf = (user: FakeUser): string => world.members.get(user.id)?.nick ?? user.global_name ?? user.username;
  const customer = (customerId: string): FakeUser => {
    const found = customers.find((user) => user.id === customerId);
    if (found === undefined) throw new SandboxInputError(`no customer ${customerId}`);
    return found;
  };
  const messageView = (message: FakeMessage) => {
    const reactions = new Map<string, string[]>();
    for (const reaction of world.reactions.get(`${message.channel_id}/${message.id}`) ?? []) {
      const who = world.members.get(reaction.userId)?.user;
      reactions.set(reaction.emoji, [...(reactions.get(reaction.emoji) ?? []), reaction.userId === world.botUser.id ? 'Heimo' : who ? nameOf(who) : reaction.userId]);
    }
    const kind = message.webhook_id !== undefined ? 'relayed' : message.author.id === world.botUser.id ? 'bot' : 'customer';
    return {
      id: message.id,
      channelId: message.channel_id,
      author: message.webhook_id !== undefined ? message.author.username : nameOf(message.author),
      authorId: message.author.id,
      kind,
      content: message.content,
      time: message.timestamp,
      edited: message.edited_timestamp !== null,
      attachments: message.attachments.map((attachment) => attachment.filename),
      reactions: [...reactions].map(([emoji, who]) => ({ emoji, count: who.length, who, userIds: (world.reactions.get(`${message.channel_id}/${message.id}`) ?? []).filter((r) => r.emoji === emoji).map((r) => r.userId) })),
    };
  };
  const threadView = (threadId: string) => {
    const thread = world.channels.get(threadId);
    if (thread === undefined) return undefined;
    return { id: thread.id, name: thread.name, messages: discord.messagesIn(thread.id).map(messageView) };
  };
  const routeOf = (channelId: string): string => config.routes.find((route) => route.channelId === channelId)?.destination ?? 'not routed';
  const findMessage = (channelId: string, messageId: string): FakeMessage => {
    const found = discord.messagesIn(channelId).find((message) => message.id === messageId);
    if (found === undefined) throw new SandboxInputError(`no message ${messageId} in channel ${channelId}`);
    return found;
  };
  const channel = (channelId: string) => {
    const found = world.channels.get(channelId);
    if (found === undefined || found.type === 11) throw new SandboxInputError(`no channel ${channelId}`);
    return found;
  };

  return {
    id: 'discord',
    view: () => ({
      guild: 'Acme Community',
      customers: customers.map((user) => ({ id: user.id, name: nameOf(user) })),
      reactions: REACTIONS,
      channels: [...world.channels.values()]
        .filter((candidate) => candidate.type !== 11 && config.routes.some((route) => route.channelId === candidate.id))
        .sort((a, b) => a.position - b.position)
        .map((candidate) => {
          const forum = candidate.type === 15;
          const posts = forum
            ? [...world.channels.values()].filter((thread) => thread.parent_id === candidate.id).map((thread) => {
                const starter = discord.messagesIn(thread.id).find((message) => message.id === thread.id);
                return { message: starter === undefined ? null : messageView(starter), thread: { id: thread.id, name: thread.name, messages: discord.messagesIn(thread.id).filter((message) => message.id !== thread.id).map(messageView) } };
              })
            : discord.messagesIn(candidate.id).map((message) => ({ message: messageView(message), thread: threadView(message.id) ?? null }));
          return { id: candidate.id, name: candidate.name, kind: forum ? 'forum' : 'text', routesTo: routeOf(candidate.id), posts };
        }),
    }),
    actions: {
      ask: action(z.object({ channelId: id, customerId: id, text: text(2_000), title: z.string().trim().max(100).optional() }), (input) => {
        const target = channel(input.channelId);
        const author = customer(input.customerId);
        if (target.type === 15) {
          const title = input.title || input.text.split('\n')[0]!.slice(0, 100);
          return { id: discord.userCreatesForumPost({ forumId: target.id, title, content: input.text, author }).thread.id };
        }
        return { id: discord.userSends({ channelId: target.id, content: input.text, author }).id };
      }),
      reply: action(z.object({ threadId: id, customerId: id, text: text(2_000) }), (input) => {
        if (world.channels.get(input.threadId)?.type !== 11) throw new SandboxInputError(`no thread ${input.threadId}`);
        return { id: discord.userSends({ channelId: input.threadId, content: input.text, author: customer(input.customerId) }).id };
      }),
      edit: action(z.object({ channelId: id, messageId: id, text: text(2_000) }), (input) => {
        const message = findMessage(input.channelId, input.messageId);
        if (!customers.some((user) => user.id === message.author.id)) throw new SandboxInputError('only a customer\'s own messages can be edited here');
        discord.userEdits({ channelId: input.channelId, messageId: input.messageId, content: input.text });
      }),
      delete: action(z.object({ channelId: id, messageId: id }), (input) => {
        const message = findMessage(input.channelId, input.messageId);
        if (!customers.some((user) => user.id === message.author.id)) throw new SandboxInputError('only a customer\'s own messages can be deleted here');
        discord.userDeletes({ channelId: input.channelId, messageId: input.messageId });
      }),
      react: action(z.object({ channelId: id, messageId: id, customerId: id, emoji: z.string().min(1).max(32) }), (input) => {
        findMessage(input.channelId, input.messageId);
        const user = customer(input.customerId);
        const has = discord.world.reactions.get(`${input.channelId}/${input.messageId}`)?.some((reaction) => reaction.userId === user.id && reaction.emoji === input.emoji) ?? false;
        discord.userReacts({ channelId: input.channelId, messageId: input.messageId, emoji: input.emoji, user, added: !has });
      }),
    },
    client: DISCORD_CLIENT,
  };
}

const DISCORD_CLIENT = String.raw`
Sandbox.pane('discord', { render(view, ui) {
  const { h } = ui;
  const me = ui.personPicker(view.customers, 'You are');
  const channelId = view.channels.some((c) => c.id === ui.local.channel) ? ui.local.channel : (view.channels[0] && view.channels[0].id);
  ui.local.channel = channelId;
  const current = view.channels.find((c) => c.id === channelId);
  const tabs = h('div', { class: 'tabs', role: 'tablist' }, view.channels.map((c) =>
    h('button', { type: 'button', role: 'tab', class: 'tab' + (c.id === channelId ? ' active' : ''), 'aria-selected': c.id === channelId ? 'true' : 'false', 'data-channel': c.name,
      onclick: () => { ui.local.channel = c.id; ui.refresh(); } },
      h('span', { class: 'channel-name' }, (c.kind === 'forum' ? '💬 ' : '# ') + c.name), h('span', { class: 'route' }, '→ ' + c.routesTo))));
  const person = ui.person();
  const message = (m) => ui.message({
    key: m.channelId + '/' + m.id,
    author: m.author,
    avatarKind: m.kind === 'bot' ? 'bot' : '',
    kind: m.kind,
    badges: m.kind === 'customer' ? [] : [{ text: m.kind === 'bot' ? 'BOT' : 'via Heimo', kind: 'app' }],
    time: m.time,
    edited: m.edited,
    body: [m.content ? ui.fmt.discord(m.content) : null, m.attachments.map((name) => h('div', { class: 'attachment' }, '📎 ' + name))],
    editText: m.content,
    reactions: m.reactions.map((r) => ({ emoji: r.emoji, count: r.count, who: r.who.join(', '), mine: r.userIds.includes(person) })),
    reactChoices: view.reactions,
    onReact: (emoji) => ui.act('react', { channelId: m.channelId, messageId: m.id, customerId: person, emoji }),
    onEdit: m.kind === 'customer' ? (text) => ui.act('edit', { channelId: m.channelId, messageId: m.id, text }) : null,
    onDelete: m.kind === 'customer' ? () => ui.act('delete', { channelId: m.channelId, messageId: m.id }) : null,
  });
  const thread = (t) => h('div', { class: 'thread', 'data-thread': t.name, 'data-thread-id': t.id },
    h('div', { class: 'thread-title' }, '🧵 ' + t.name, h('span', { class: 'count' }, t.messages.length + (t.messages.length === 1 ? ' message' : ' messages'))),
    t.messages.map(message),
    ui.composer({ key: 'reply:' + t.id, placeholder: 'Reply in thread as ' + (view.customers.find((c) => c.id === person) || {}).name, send: (text) => ui.act('reply', { threadId: t.id, customerId: person, text }) }));
  const posts = current ? current.posts.map((p) => current.kind === 'forum'
    ? h('div', { class: 'forum-post', 'data-thread-id': p.thread.id }, h('div', { class: 'forum-title' }, p.thread.name), p.message ? message(p.message) : null, thread(p.thread))
    : h('div', { class: 'post' }, message(p.message), p.thread ? thread(p.thread) : null)) : [];
  const empty = current && current.posts.length === 0 ? h('div', { class: 'empty' }, current.kind === 'forum' ? 'No posts yet. Start one below as a customer.' : 'No messages yet. Ask a question below as a customer.') : null;
  const title = current && current.kind === 'forum' ? h('input', { 'data-key': 'title:' + current.id, class: 'title-input', placeholder: 'Post title', 'aria-label': 'Post title' }) : null;
  const ask = current ? ui.composer({
    key: 'ask:' + current.id,
    label: 'Message ' + current.name,
    placeholder: current.kind === 'forum' ? 'Describe your question' : 'Message #' + current.name,
    extra: title,
    send: (text, extras) => ui.act('ask', { channelId: current.id, customerId: person, text, title: extras['title:' + current.id] }),
  }) : null;
  return h('div', { class: 'discord' }, h('div', { class: 'pane-tools' }, me), tabs,
    h('div', { class: 'pane-scroll' }, empty, posts), h('div', { class: 'pane-footer' }, ask));
}, open(link, ui) {
  // A card links to the channel and question (help channel) or to the forum post itself.
  const view = ui.view();
  for (const c of view.channels) {
    const post = c.posts.find((p) => (p.thread && p.thread.id === link.channelId) || (c.id === link.channelId && p.message && p.message.id === link.messageId));
    if (!post) continue;
    ui.local.channel = c.id;
    return '[data-thread-id="' + (post.thread ? post.thread.id : '') + '"], [data-message="' + c.id + '/' + link.messageId + '"]';
  }
  return null;
} });
`;
