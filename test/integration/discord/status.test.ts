import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordApi } from '../../../bots/discord/api.ts';
import { createStatusDelivery, STATUS_LINE_PREFIX } from '../../../bots/discord/status.ts';
import { createLogger } from '../../../core/logger.ts';
import type { StatusView } from '../../../core/ports/delivery.ts';
import { startCommandHarness, type CommandHarness } from './command-harness.ts';

const view = (status: StatusView['status'], label: string): StatusView => ({ status, label, idempotencyKey: `status-${status}` });

describe('Discord question status and prompts against the fake', () => {
  let h: CommandHarness;
  const tagNames = (threadId: string): string[] => {
    const forum = h.fake.world.channels.get(h.fake.world.ids.forum);
    const applied = h.fake.world.channels.get(threadId)?.applied_tags ?? [];
    return applied.map((id) => forum?.available_tags?.find((tag) => tag.id === id)?.name ?? `?${id}`);
  };
  const forumTags = (): string[] => (h.fake.world.channels.get(h.fake.world.ids.forum)?.available_tags ?? []).map((tag) => tag.name);

  beforeAll(async () => {
    h = await startCommandHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should create the status tag on demand and swap it on the next status, keeping the asker\'s tags', async () => {
    const { thread } = h.fake.userCreatesForumPost({ forumId: h.fake.world.ids.forum, title: 'Invoice wrong', content: 'Charged twice', author: h.fake.world.users.bob, tags: ['Billing'] });
    const ref = { channelId: thread.id, threadId: thread.id };
    await h.bot.delivery.showStatus?.(ref, view('open', 'Open'));
    expect(forumTags()).toEqual(['Billing', 'Bug', 'Feature request', 'Open']);
    expect(tagNames(thread.id)).toEqual(['Billing', 'Open']);

    await h.bot.delivery.showStatus?.(ref, view('resolved', 'Solved'));
    expect(tagNames(thread.id)).toEqual(['Billing', 'Solved']);
    // The forum keeps both status tags: other posts still wear "Open".
    expect(forumTags()).toEqual(['Billing', 'Bug', 'Feature request', 'Open', 'Solved']);

    const patches = h.fake.requests.filter((request) => request.method === 'PATCH' && request.path === `/channels/${thread.id}`).length;
    await h.bot.delivery.showStatus?.(ref, view('resolved', 'Solved'));
    expect(h.fake.requests.filter((request) => request.method === 'PATCH' && request.path === `/channels/${thread.id}`)).toHaveLength(patches);
    expect(h.fake.messagesIn(thread.id).some((message) => message.content.startsWith(STATUS_LINE_PREFIX))).toBe(false);
  });

  it('should swap a status tag in another language for the new one when the community changed language', async () => {
    const { thread } = h.fake.userCreatesForumPost({ forumId: h.fake.world.ids.forum, title: 'Kirjautuminen', content: 'Ei toimi', author: h.fake.world.users.bob });
    const ref = { channelId: thread.id, threadId: thread.id };
    await h.bot.delivery.showStatus?.(ref, view('open', 'Avoin'));
    await h.bot.delivery.showStatus?.(ref, view('claimed', 'Claimed'));
    expect(tagNames(thread.id)).toEqual(['Claimed']);
  });

  it('should show a status line instead when the forum already has 20 tags', async () => {
    const forum = h.fake.world.channels.get(h.fake.world.ids.forum);
    const saved = [...(forum?.available_tags ?? [])];
    for (let index = saved.length; index < 20; index += 1) forum?.available_tags?.push({ id: `99000000000000${index}`, name: `Topic ${index}`, moderated: false, emoji_id: null, emoji_name: null });
    const { thread } = h.fake.userCreatesForumPost({ forumId: h.fake.world.ids.forum, title: 'Full forum', content: 'Hi', author: h.fake.world.users.bob });
    await h.bot.delivery.showStatus?.({ channelId: thread.id, threadId: thread.id }, view('answered', 'Answered'));
    expect(h.fake.messagesIn(thread.id).filter((message) => message.content === `${STATUS_LINE_PREFIX}Answered`)).toHaveLength(1);
    expect(forum?.available_tags).toHaveLength(20);
    if (forum !== undefined) forum.available_tags = saved;
  });

  it('should show a status line instead when the bot may not edit the forum tags', async () => {
    h.fake.permissions.manageChannels = false;
    try {
      const { thread } = h.fake.userCreatesForumPost({ forumId: h.fake.world.ids.forum, title: 'No rights', content: 'Hi', author: h.fake.world.users.bob });
      await h.bot.delivery.showStatus?.({ channelId: thread.id, threadId: thread.id }, view('new', 'New'));
      expect(h.fake.messagesIn(thread.id).map((message) => message.content)).toContain(`${STATUS_LINE_PREFIX}New`);
    } finally {
      h.fake.permissions.manageChannels = true;
    }
  });

  it('should post the status line once and edit it in place when a thread outside a forum changes status', async () => {
    const question = h.fake.userSends({ channelId: h.fake.world.ids.help, content: 'How do I export?', author: h.fake.world.users.bob });
    const ref = await h.bot.delivery.openThread({ channelId: h.fake.world.ids.help, messageId: question.id, title: 'Export' });
    await h.bot.delivery.showStatus?.(ref, view('open', 'Open'));
    h.fake.userSends({ channelId: ref.threadId, content: 'Any news?', author: h.fake.world.users.bob });
    await h.bot.delivery.showStatus?.(ref, view('claimed', 'Claimed'));
    const lines = h.fake.messagesIn(ref.threadId).filter((message) => message.content.startsWith(STATUS_LINE_PREFIX));
    expect(lines.map((message) => message.content)).toEqual([`${STATUS_LINE_PREFIX}Claimed`]);
    expect(lines[0]?.edited_timestamp).not.toBeNull();
  });

  it('should find its status line again when a restarted bot shows the next status', async () => {
    const question = h.fake.userSends({ channelId: h.fake.world.ids.help, content: 'Restart me', author: h.fake.world.users.bob });
    const ref = await h.bot.delivery.openThread({ channelId: h.fake.world.ids.help, messageId: question.id, title: 'Restart' });
    await h.bot.delivery.showStatus?.(ref, view('open', 'Open'));
    h.fake.userSends({ channelId: ref.threadId, content: 'Hello?', author: h.fake.world.users.bob });
    // A restarted process remembers nothing: a fresh delivery must find the line in the thread.
    const api = createDiscordApi(new REST({ api: h.fake.apiUrl, retries: 0 }).setToken(h.fake.token));
    const fresh = createStatusDelivery({ api, botUserId: () => h.fake.world.botUser.id, logger: createLogger({ level: 'error' }) });
    await fresh.showStatus(ref, view('resolved', 'Solved'));
    const lines = h.fake.messagesIn(ref.threadId).filter((message) => message.content.startsWith(STATUS_LINE_PREFIX));
    expect(lines.map((message) => message.content)).toEqual([`${STATUS_LINE_PREFIX}Solved`]);
  });

  it('should post a prompt once with buttons carrying the conversation when it is retried', async () => {
    const { thread } = h.fake.userCreatesForumPost({ forumId: h.fake.world.ids.forum, title: 'Prompted', content: 'Hi', author: h.fake.world.users.bob });
    const ref = { channelId: thread.id, threadId: thread.id };
    const prompt = {
      conversationId: 'conv-42', text: 'Did this solve it?', idempotencyKey: 'prompt-42', isRetry: false,
      actions: [{ command: 'resolve', label: 'Solved', style: 'primary' as const }, { command: 'reopen', label: 'Still need help' }],
    };
    const first = await h.bot.delivery.postPrompt?.(ref, prompt);
    const again = await h.bot.delivery.postPrompt?.(ref, { ...prompt, isRetry: true });
    expect(again).toBe(first);
    const posted = h.fake.messagesIn(thread.id).filter((message) => message.content === 'Did this solve it?');
    expect(posted).toHaveLength(1);
    expect(posted[0]?.components).toEqual([{ type: 1, components: [
      { type: 2, style: 1, label: 'Solved', custom_id: 'heimo:resolve:conv-42' },
      { type: 2, style: 2, label: 'Still need help', custom_id: 'heimo:reopen:conv-42' },
    ] }]);
  });
  it('should post suggestions once, each with a button carrying the question and its article, when they are retried', async () => {
    const { thread } = h.fake.userCreatesForumPost({ forumId: h.fake.world.ids.forum, title: 'Suggested', content: 'Printer?', author: h.fake.world.users.bob });
    const ref = { channelId: thread.id, threadId: thread.id };
    const action = (article: string, rank: number) => ({ command: 'kb-accept', label: `This solved it (${rank})`, style: 'primary' as const, args: { article } });
    const view = {
      conversationId: 'conv-7', intro: '**These answers may already help:**', idempotencyKey: 'suggest-7', isRetry: false,
      suggestions: [
        { articleId: 'art-1', title: 'Driver *crashes*', excerpt: 'Install driver 4.2.', url: 'https://help.test/kb/articles/art-1', action: action('art-1', 1) },
        { articleId: 'art-2', title: 'Paper jam', excerpt: 'Open the **lid**.', action: action('art-2', 2) },
      ],
    };
    const first = await h.bot.delivery.postSuggestions?.(ref, view);
    const again = await h.bot.delivery.postSuggestions?.(ref, { ...view, isRetry: true });
    expect(again).toBe(first);
    const posted = h.fake.messagesIn(thread.id).filter((message) => message.content.startsWith('**These answers may already help:**'));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.content).toBe('**These answers may already help:**\n\n**1. Driver \\*crashes\\***\nInstall driver 4.2.\n<https://help.test/kb/articles/art-1>\n\n**2. Paper jam**\nOpen the **lid**.');
    expect(posted[0]?.components).toEqual([{ type: 1, components: [
      { type: 2, style: 3, label: 'This solved it (1)', custom_id: 'heimo:kb-accept:conv-7:article=art-1' },
      { type: 2, style: 3, label: 'This solved it (2)', custom_id: 'heimo:kb-accept:conv-7:article=art-2' },
    ] }]);
  });
});
