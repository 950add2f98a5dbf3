import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE, NO_PERMISSIONS } from '../../../core/domain/network.ts';
import type { Actor } from '../../../core/domain/domain-events.ts';
import { createSlackSide } from '../../contracts/slack-side.ts';
import { startNetwork, type Network } from '../../e2e/network-harness.ts';
import type { FakeMessage } from '../../fakes/discord/index.ts';
import type { FakeSlackMessage } from '../../fakes/slack/store.ts';
import { shown } from '../../support/slack-blocks.ts';
import { discordButtons } from '../../support/discord-buttons.ts';
import { eventually, settle } from '../../support/eventually.ts';

// Suggestions before routing on a real Heimo (real database and queue: PGlite and the PostgreSQL
// queue backend by default, PostgreSQL and Redis with DATABASE_URL and REDIS_URL), between the
// Discord and Slack stand-ins: published articles are suggested in the question's thread, the
// asker's "This solved it" resolves it as deflected, nobody else may press it for them, a question
// inside its community window never reaches staff, and the card shows the suggestions.

const SUPPORT_CHANNEL = 'C0SUPPORT';
const INTRO = '**These answers may already help:**';
const ERIN: Extract<Actor, { kind: 'person' }> = { kind: 'person', platform: 'slack', userId: 'U0ERIN', displayName: 'Erin' };


describe('suggestions before routing', () => {
  let net: Network;
  let slack: Awaited<ReturnType<typeof createSlackSide>>;
  const articles: Record<'password' | 'printer' | 'runbook', string> = { password: '', printer: '', runbook: '' };

  beforeAll(async () => {
    slack = await createSlackSide();
    net = await startNetwork(slack, {
      env: { HEIMO_REGISTER_COMMANDS: 'true', HEIMO_PUBLIC_URL: 'https://help.example.com/' },
      jobs: { sweepIntervalMs: 500, sweepGraceMs: 500, retry: { baseDelayMs: 200 } },
      community: (world) => ({
        teams: [{ id: 'support', name: 'Support', capacity: 5, destination: { platform: 'slack', channelId: SUPPORT_CHANNEL } }],
        // Printer questions wait for the community for a minute: long past the end of the test.
        rules: [{ name: 'printers', match: { keywords: ['printer'] }, team: 'support', communityWindowMs: 60_000 }],
        knowledge: { ...DEFAULT_KNOWLEDGE, suggestThreshold: 0.3 },
        permissions: { ...NO_PERMISSIONS, discord: { moderatorRoleIds: [], staffRoleIds: [world.roles.staff.id] } },
      }),
    });
    await eventually(() => net.discord.registeredCommands().length > 0, 'the commands registered');
    const kb = net.heimo.capabilities.knowledge;
    const publish = async (content: { title: string; question: string; answer: string; visibility: 'public' | 'community' | 'staff' }): Promise<string> => {
      const draft = await kb.add({ communityId: 'acme', content, actor: ERIN });
      await kb.publish(draft.id, ERIN);
      return draft.id;
    };
    articles.password = await publish({
      title: 'Reset password email never arrives',
      question: 'I asked for a password reset but the reset email never arrives.',
      answer: 'Check your **spam** folder first, then ask for a new reset link from the sign-in page; links expire after an hour.',
      visibility: 'public',
    });
    articles.printer = await publish({
      title: 'Printer driver crashes on startup',
      question: 'The printer driver crashes on startup after the update.',
      answer: 'Remove the old driver, then install driver 4.2 from the downloads page.',
      visibility: 'community',
    });
    // As close to the password question, but for staff only: never shown to a member.
    articles.runbook = await publish({
      title: 'Password reset email never arrives runbook',
      question: 'Password reset email never arrives, what should I do?',
      answer: 'Internal: requeue the mail job.',
      visibility: 'staff',
    });
  }, 60_000);

  afterAll(async () => {
    await net?.close();
  });

  const ask = (text: string, author: 'bob' | 'carol' = 'bob') => {
    const question = net.discord.userSends({ channelId: net.discord.world.ids.help, content: text, author: net.discord.world.users[author] });
    return question;
  };
  const conversationOf = async (threadId: string): Promise<string> =>
    (await eventually(async () => (await net.db.prisma.threadLink.findFirst({ where: { platform: 'discord', threadId } })) ?? undefined, 'the question recorded')).conversationId;
  const suggestionsPost = (threadId: string): FakeMessage | undefined => net.discord.messagesIn(threadId).find((message) => message.content.startsWith(INTRO));
  const cards = (): FakeSlackMessage[] => slack.fake.messages.filter((message) => message.channel === SUPPORT_CHANNEL && message.threadTs === undefined && message.metadata?.event_type === 'heimo_card');

  it('should post the close public article in the thread with its button and name it on the card when a similar question arrives', async () => {
    const question = ask('Password reset email never arrives, what should I do?');
    const threadId = question.id;
    const post = await eventually(() => suggestionsPost(threadId), 'the suggestions in the Discord thread');
    const conversationId = await conversationOf(threadId);

    expect(post.author.id).toBe(net.discord.world.botUser.id);
    expect(post.content).toContain('**1. Reset password email never arrives**');
    expect(post.content).toContain('Check your spam folder first');
    expect(post.content).toContain(`<https://help.example.com/kb/articles/${articles.password}>`);
    expect(post.content).not.toContain('runbook');
    expect(discordButtons(post)).toEqual([{ type: 2, style: 3, label: 'This solved it (1)', custom_id: `heimo:kb-accept:${conversationId}:article=${articles.password}` }].map(({ custom_id, label }) => expect.objectContaining({ custom_id, label })));
    const rows = await net.db.prisma.suggestion.findMany({ where: { conversationId } });
    expect(rows).toEqual([expect.objectContaining({ articleId: articles.password, communityId: 'acme', rank: 1, outcome: 'shown', acceptedAt: null })]);
    expect(rows[0]?.score).toBeGreaterThanOrEqual(0.3);
    // Staff see the same suggestion on the card from its first post.
    const card = await eventually(() => cards().find((candidate) => shown(candidate).includes('Password reset email never arrives, what should I do?')), 'the card');
    expect(shown(card)).toContain('Reset password email never arrives');
    expect(shown(card)).not.toContain('solved by');
  });

  it('should suggest nothing when the question is unlike every article', async () => {
    const question = ask('Can I change the currency on my invoice?');
    const conversationId = await conversationOf(question.id);
    await eventually(() => cards().find((candidate) => shown(candidate).includes('Can I change the currency on my invoice?')), 'the card');
    await settle(500);

    expect(suggestionsPost(question.id)).toBeUndefined();
    expect(await net.db.prisma.suggestion.count({ where: { conversationId } })).toBe(0);
    expect(await net.db.prisma.outboxEntry.count({ where: { conversationId, kind: 'suggestions.post' } })).toBe(0);
  });

  it('should refuse another member privately and resolve as deflected without paging staff when the asker presses inside the window', async () => {
    const cardsBefore = cards().length;
    const question = ask('My printer driver crashes on startup since the update');
    const threadId = question.id;
    const post = await eventually(() => suggestionsPost(threadId), 'the suggestions in the Discord thread');
    const conversationId = await conversationOf(threadId);
    expect((await net.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe('new');
    const [button] = discordButtons(post);
    expect(button?.custom_id).toBe(`heimo:kb-accept:${conversationId}:article=${articles.printer}`);
    const press = (user: 'bob' | 'carol') => net.discord.userPressesButton({ user: net.discord.world.users[user], channelId: threadId, messageId: post.id, customId: button?.custom_id ?? '' });

    // Carol did not ask: she is told privately, and nothing changes.
    const refused = press('carol');
    const refusal = await eventually(() => refused.original ?? undefined, 'the answer to carol');
    expect(refusal.ephemeral).toBe(true);
    expect(refusal.content).toContain('kb-accept');
    expect(refusal.content).toContain('the person who asked');
    expect((await net.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe('new');
    expect(await net.db.prisma.suggestion.findFirst({ where: { conversationId } })).toMatchObject({ outcome: 'shown' });

    // Bob asked: the question is solved by the article, publicly.
    const accepted = press('bob');
    const answer = await eventually(() => accepted.original ?? accepted.followUps.at(-1), 'the answer to bob');
    expect(answer.ephemeral).toBe(false);
    expect(answer.content).toContain('"Printer driver crashes on startup" solved it');
    await eventually(async () => (await net.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status === 'resolved' || undefined, 'the question resolved');
    const resolution = await net.db.prisma.resolution.findFirstOrThrow({ where: { conversationId } });
    expect(resolution).toMatchObject({ articleId: articles.printer, solutionMessageId: null, solutionPlatform: null, acceptedByKind: 'person', acceptedByPlatform: 'discord', acceptedByUserId: net.discord.world.users.bob.id, current: true });
    expect(await net.db.prisma.suggestion.findFirst({ where: { conversationId } })).toMatchObject({ outcome: 'accepted', acceptedAt: expect.any(Date) });
    const events = await net.db.prisma.domainEvent.findMany({ where: { conversationId, type: { in: ['question.resolved', 'suggestion.accepted'] } } });
    expect(events.map((event) => event.payload)).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'question.resolved', solution: null, articleId: articles.printer }),
      expect.objectContaining({ type: 'suggestion.accepted', articleId: articles.printer, communityId: 'acme', contributors: [{ role: 'answerer', platform: 'slack', userId: ERIN.userId }] }),
    ]));
    // Inside the window: staff are never paged, and the window will not open it later.
    expect(await net.db.prisma.timer.count({ where: { key: `lifecycle.window:${conversationId}` } })).toBe(0);
    await settle(800);
    expect(cards().length).toBe(cardsBefore);
    expect(await net.db.prisma.outboxEntry.count({ where: { conversationId, kind: { in: ['card.post', 'card.update'] } } })).toBe(0);
  });

  it('should show the outcome on the card when the asker accepts a suggestion of an open question', async () => {
    const question = ask('The password reset email never arrives at all');
    const threadId = question.id;
    const post = await eventually(() => suggestionsPost(threadId), 'the suggestions in the Discord thread');
    const card = await eventually(() => cards().find((candidate) => shown(candidate).includes('The password reset email never arrives at all')), 'the card');
    const [button] = discordButtons(post);
    const pressed = net.discord.userPressesButton({ user: net.discord.world.users.bob, channelId: threadId, messageId: post.id, customId: button?.custom_id ?? '' });
    await eventually(() => pressed.original ?? pressed.followUps.at(-1), 'the answer to bob');

    const cardNow = (): FakeSlackMessage => slack.fake.message(SUPPORT_CHANNEL, card.ts) ?? card;
    await eventually(() => shown(cardNow()).includes('Reset password email never arrives; solved by Reset password email never arrives') || undefined, 'the card shows what solved it');
    // A second press changes nothing: it was accepted already.
    const again = net.discord.userPressesButton({ user: net.discord.world.users.bob, channelId: threadId, messageId: post.id, customId: button?.custom_id ?? '' });
    const refusal = await eventually(() => again.original ?? again.followUps.at(-1), 'the answer to the second press');
    expect(refusal.ephemeral).toBe(true);
    expect(await net.db.prisma.resolution.count({ where: { conversationId: await conversationOf(threadId) } })).toBe(1);
  });

  it('should count deflection, click-through, searches and articles on /metrics and in /heimo stats when questions got suggestions', async () => {
    // So far: three questions got one suggestion each, two of them were solved by it.
    const metrics = await (await fetch(`${net.heimo.url}/metrics`)).text();
    const sample = (series: string): number => Number(metrics.split('\n').find((line) => line.startsWith(`${series} `))?.split(' ')[1]);
    expect(sample('heimo_kb_suggested_questions{community="acme"}')).toBe(3);
    expect(sample('heimo_kb_deflected_questions{community="acme"}')).toBe(2);
    expect(sample('heimo_kb_deflection_rate{community="acme"}')).toBeCloseTo(2 / 3, 5);
    expect(sample('heimo_kb_suggestions_shown{community="acme"}')).toBe(3);
    expect(sample('heimo_kb_suggestions_accepted{community="acme"}')).toBe(2);
    expect(sample('heimo_kb_suggestion_click_through{community="acme"}')).toBeCloseTo(2 / 3, 5);
    expect(sample('heimo_kb_articles{community="acme",state="published"}')).toBe(3);
    expect(sample('heimo_kb_articles{community="acme",state="draft"}')).toBe(0);
    // One search per question asked (four so far).
    expect(sample('heimo_kb_search_seconds_count')).toBeGreaterThanOrEqual(4);

    // A member may not read the figures; staff read them privately.
    const { world } = net.discord;
    const refused = net.discord.userRunsSlashCommand({ user: world.users.bob, channelId: world.ids.help, command: 'heimo', subcommand: 'stats' });
    expect((await eventually(() => refused.original ?? undefined, 'the answer to bob'))).toMatchObject({ ephemeral: true, content: expect.stringContaining('needs staff') });
    const run = net.discord.userRunsSlashCommand({ user: world.users.alice, channelId: world.ids.help, command: 'heimo', subcommand: 'stats' });
    const reply = await eventually(() => run.original ?? run.followUps.at(-1), 'the answer to alice');
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('Figures of Acme Community');
    expect(reply.content).toContain('Deflection: 2 of 3 questions with suggestions were solved by one (67%)');
    expect(reply.content).toContain('Click-through: 2 of 3 suggestions accepted (67%)');
    expect(reply.content).toMatch(/Search: p50 [\d.]+ ms, p95 [\d.]+ ms over \d+ searches since Heimo started/);
    expect(reply.content).toContain('Articles: 3 published (0 stale), 0 drafts, 0 retired, 0 rejected');
    expect(reply.content).toContain('Questions of the last 30 days: 4 asked, 2 solved, 0 closed');
  });
});
