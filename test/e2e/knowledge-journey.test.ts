import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE } from '../../core/domain/network.ts';
import { SLACK_PERSONAS } from '../contracts/slack-command-side.ts';
import { createSlackSide } from '../contracts/slack-side.ts';
import type { FakeSlackMessage } from '../fakes/slack/store.ts';
import { buttonIds as slackButtons, shown } from '../support/slack-blocks.ts';
import { discordButtons } from '../support/discord-buttons.ts';
import { eventually } from '../support/eventually.ts';
import { startNetwork, type Network } from './network-harness.ts';

// Issue 10's journey, on the real bots against the fakes, the real job system and the real search
// (PGlite and the PostgreSQL queue backend by default; PostgreSQL and Redis with DATABASE_URL and
// REDIS_URL): a question answered and marked as solution in Slack becomes a draft, staff publish it
// from the review card, and the next customer who asks the same thing in other words is offered it
// in Discord and solves their question with "This solved it", without paging staff.
const TEAM_CHANNEL = 'C0BILLING';
const REVIEW_CHANNEL = 'C0REVIEW';
const STAFF = SLACK_PERSONAS.staff;
// Invoice questions wait this long for the community before staff are paged.
const WINDOW_MS = 8_000;

describe('a solved question becomes knowledge', () => {
  let net: Network | undefined;
  afterEach(async () => {
    await net?.close();
    net = undefined;
  });

  it('should draft, publish from the review card, suggest and deflect the next question when a question is solved in Slack', async () => {
    const slack = await createSlackSide({ commandWorld: true, channels: [TEAM_CHANNEL, REVIEW_CHANNEL] });
    net = await startNetwork(slack, {
      env: { HEIMO_PUBLIC_URL: 'https://help.example.com' },
      jobs: { sweepIntervalMs: 500, sweepGraceMs: 500, retry: { baseDelayMs: 200 } },
      community: () => ({
        teams: [{ id: 'billing', name: 'Billing', capacity: 5, destination: { platform: 'slack', channelId: TEAM_CHANNEL } }],
        rules: [{ name: 'invoices', match: { keywords: ['invoice', 'invoices'] }, team: 'billing', communityWindowMs: WINDOW_MS }],
        knowledge: { ...DEFAULT_KNOWLEDGE, reviewChannel: { platform: 'slack', channelId: REVIEW_CHANNEL } },
        permissions: {
          discord: { moderatorRoleIds: [], staffRoleIds: [] },
          slack: { moderatorUserGroupIds: ['S-mods'], staffUserGroupIds: ['S-support'], staffChannelIds: [] },
          teams: { moderatorTeamIds: [], staffTeamIds: [] },
        },
      }),
    });
    const { discord, db } = net;
    const world = discord.world;
    const cards = (): FakeSlackMessage[] => slack.fake.messages.filter((message) => message.channel === TEAM_CHANNEL && message.threadTs === undefined && message.metadata?.event_type === 'heimo_card');

    // Bob asks; after the community window the card reaches Billing, staff answer and mark the answer.
    const first = discord.userSends({ channelId: world.ids.help, content: 'How do I export my invoices as a PDF file?', author: world.users.bob });
    const firstThread = await eventually(() => (world.channels.has(first.id) ? first.id : undefined), 'the first thread opened');
    const card = await eventually(() => cards()[0], 'the first card, after the window', WINDOW_MS + 15_000);
    const answer = await slack.fake.userPosts({ channel: TEAM_CHANNEL, user: STAFF.id, text: 'Open Billing, select the invoices and choose Export as PDF.', threadTs: card.ts });
    await eventually(() => net!.relayedToDiscord(firstThread).some((message) => message.content.includes('choose Export as PDF')) || undefined, 'the answer on Discord');
    expect((await slack.fake.userShortcut({ user: STAFF.id, channel: TEAM_CHANNEL, messageTs: answer.ts, callbackId: 'heimo_mark_solution' })).status).toBe(200);
    const firstId = (await eventually(async () => (await db.prisma.threadLink.findFirst({ where: { platform: 'discord', threadId: firstThread } })) ?? undefined, 'the first question recorded')).conversationId;

    // The resolution becomes a draft with the question, the accepted answer and both sides' links.
    const draft = await eventually(async () => (await db.prisma.article.findUnique({ where: { conversationId: firstId } })) ?? undefined, 'the draft', 15_000);
    expect(draft).toMatchObject({ state: 'draft', title: 'How do I export my invoices as a PDF file?', communityId: 'acme' });
    expect(draft.question).toContain('export my invoices as a PDF');
    expect(draft.answer).toContain('choose Export as PDF');
    expect(JSON.stringify(draft.sources)).toContain('discord');
    expect(JSON.stringify(draft.contributors)).toContain(STAFF.id);

    // Its review card offers Publish, Edit and Reject; staff publish from it.
    const reviewCard = await eventually(() => slack.fake.messages.find((message) => message.channel === REVIEW_CHANNEL && shown(message).includes('export my invoices')), 'the review card');
    const publish = slackButtons(reviewCard).find((id) => id.startsWith('heimo_kb.publish'));
    expect(publish).toBeDefined();
    expect(slackButtons(reviewCard).some((id) => id.startsWith('heimo_kb.reject'))).toBe(true);
    expect((await slack.fake.userPresses({ user: STAFF.id, channel: REVIEW_CHANNEL, messageTs: reviewCard.ts, actionId: publish ?? '' })).status).toBe(200);
    await eventually(async () => (await db.prisma.article.findUniqueOrThrow({ where: { id: draft.id } })).state === 'published' || undefined, 'the article published');
    const reviewNow = (): FakeSlackMessage => slack.fake.message(REVIEW_CHANNEL, reviewCard.ts) ?? reviewCard;
    await eventually(() => slackButtons(reviewNow()).length === 0 || undefined, 'the review card decided, without buttons');
    const revisions = await db.prisma.articleRevision.findMany({ where: { articleId: draft.id }, orderBy: { number: 'asc' } });
    expect(revisions.map((revision) => revision.action)).toEqual(['capture', 'publish']);
    expect(revisions[1]?.actor).toMatchObject({ kind: 'person', platform: 'slack', userId: STAFF.id });

    // Carol asks the same thing in other words: the article is offered in her thread at once.
    const cardsBefore = cards().length;
    const second = discord.userSends({ channelId: world.ids.help, content: 'Is there a way to get my invoices exported to PDF?', author: world.users.carol });
    const secondThread = await eventually(() => (world.channels.has(second.id) ? second.id : undefined), 'the second thread opened');
    const offer = await eventually(() => discord.messagesIn(secondThread).find((message) => message.author.id === world.botUser.id && discordButtons(message).length > 0), 'the suggestion in her thread');
    expect(offer.content).toContain('How do I export my invoices as a PDF file?');
    expect(offer.content).toContain(`https://help.example.com/kb/articles/${draft.id}`);
    const [solved] = discordButtons(offer);
    expect(solved?.custom_id).toContain(`article=${draft.id}`);

    // "This solved it": resolved as deflected by the article, inside the window: staff never paged.
    const press = discord.userPressesButton({ user: world.users.carol, channelId: secondThread, messageId: offer.id, customId: solved?.custom_id ?? '' });
    await eventually(() => press.original ?? press.followUps.at(-1), 'an answer to her press');
    const secondId = (await eventually(async () => (await db.prisma.threadLink.findFirst({ where: { platform: 'discord', threadId: secondThread } })) ?? undefined, 'the second question recorded')).conversationId;
    await eventually(async () => (await db.prisma.conversation.findUniqueOrThrow({ where: { id: secondId } })).status === 'resolved' || undefined, 'the second question resolved');
    expect(await db.prisma.resolution.findFirst({ where: { conversationId: secondId } })).toMatchObject({ articleId: draft.id, solutionMessageId: null, acceptedByUserId: world.users.carol.id });
    expect(await db.prisma.suggestion.findMany({ where: { conversationId: secondId } })).toEqual([expect.objectContaining({ articleId: draft.id, outcome: 'accepted' })]);
    // A deflected question is answered by its article: it makes no draft of its own.
    expect(await db.prisma.article.findUnique({ where: { conversationId: secondId } })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    expect(cards().length).toBe(cardsBefore);
  }, 120_000);
});
