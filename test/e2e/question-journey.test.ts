import { afterEach, describe, expect, it } from 'vitest';
import { STATUS_LINE_PREFIX } from '../../bots/discord/status.ts';
import { SLACK_COMMAND_WORLD, SLACK_PERSONAS } from '../contracts/slack-command-side.ts';
import { createSlackSide } from '../contracts/slack-side.ts';
import type { FakeSlackMessage } from '../fakes/slack/store.ts';
import { buttonIds, shown } from '../support/slack-blocks.ts';
import { eventually } from '../support/eventually.ts';
import { startNetwork, type Network } from './network-harness.ts';

// Issue 9's journey of one question, on the real bots against the fakes and the real job system:
// a rule's community-first window, the card in the rule's team channel, round robin to whoever is
// on duty, a first-response breach escalated with the team's mention, "Mark as solution" from
// Slack, a restart, and the customer reopening from Discord.
const TEAM_CHANNEL = 'C0BILLING';
const ESCALATION_CHANNEL = 'C0ESCALATE';
// The escalation group as the network file names it (a Slack user group id), and as Slack pings it.
const MENTION = 'S0LEADS';
const PING = '<!subteam^S0LEADS>';
const STAFF = SLACK_PERSONAS.staff;
const STAFF_NAME = STAFF.displayName ?? STAFF.id;
// Short, yet long enough for the question to be seen still in it on a busy machine.
const WINDOW_MS = 2_500;

describe('a question journey', () => {
  let net: Network | undefined;
  afterEach(async () => {
    await net?.close();
    net = undefined;
  });

  it('should route, window, assign, escalate, solve and reopen one question when it runs end to end', async () => {
    const slack = await createSlackSide({ commandWorld: true, channels: [TEAM_CHANNEL, ESCALATION_CHANNEL] });
    net = await startNetwork(slack, {
      env: { HEIMO_REGISTER_COMMANDS: 'true' },
      jobs: { sweepIntervalMs: 500, sweepGraceMs: 500, retry: { baseDelayMs: 200 } },
      community: (world) => ({
        teams: [{
          id: 'billing', name: 'Billing', capacity: 5,
          destination: { platform: 'slack', channelId: TEAM_CHANNEL },
          escalation: { destination: { platform: 'slack', channelId: ESCALATION_CHANNEL }, mention: MENTION },
        }],
        tiers: [{ id: 'premium', discordRoleIds: [world.roles.premium.id], firstResponseMs: 1_500, resolutionMs: 3_600_000, skipCommunityWindow: false }],
        rules: [{ name: 'invoices', match: { keywords: ['invoice'] }, team: 'billing', communityWindowMs: WINDOW_MS }],
        permissions: {
          discord: { moderatorRoleIds: [], staffRoleIds: [] },
          slack: { moderatorUserGroupIds: ['S-mods'], staffUserGroupIds: ['S-support'], staffChannelIds: [] },
          teams: { moderatorTeamIds: [], staffTeamIds: [] },
        },
      }),
    });
    const { discord, db } = net;
    const world = discord.world;
    expect(SLACK_COMMAND_WORLD.userGroups?.find((group) => group.id === 'S-support')?.users).toContain(STAFF.id);
    await eventually(() => discord.registeredCommands().length > 0, 'the commands registered');

    // Staff goes on duty with the real command in the team's channel.
    const onDuty = await slack.fake.userRunsCommand({ user: STAFF.id, channel: TEAM_CHANNEL, text: 'onduty on' });
    expect(onDuty.status).toBe(200);
    const dutyAnswer = await eventually(() => slack.fake.responses.find((response) => response.id === onDuty.responseId)?.body, 'an answer to /heimo onduty on');
    expect(String(dutyAnswer['text'])).toMatch(/on duty/i);
    expect(await db.prisma.teamMember.findMany({ where: { teamId: 'billing', userId: STAFF.id, onDuty: true } })).toHaveLength(1);

    // A premium customer asks about an invoice: the rule's window keeps it on Discord for a moment.
    discord.setMemberRoles(world.users.bob, [world.roles.premium.id]);
    const question = discord.userSends({ channelId: world.ids.help, content: 'My invoice shows the wrong amount', author: world.users.bob });
    const threadId = await eventually(() => (world.channels.has(question.id) ? question.id : undefined), 'Discord thread opened');
    const link = await eventually(async () => (await db.prisma.threadLink.findFirst({ where: { platform: 'discord', threadId } })) ?? undefined, 'the question recorded');
    const conversationId = link.conversationId;
    expect((await db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe('new');
    const cards = (): FakeSlackMessage[] => slack.fake.messages.filter((message) => message.channel === TEAM_CHANNEL && message.threadTs === undefined && message.metadata?.event_type === 'heimo_card');
    expect(cards()).toHaveLength(0);

    // The window ends: the question opens, its card is in Billing's channel, round robin gives it to staff.
    const opened = await eventually(async () => (await db.prisma.statusChange.findFirst({ where: { conversationId, from: 'new', to: 'open' } })) ?? undefined, 'the question opened after its window', 10_000);
    const { createdAt } = await db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(opened.at.getTime() - createdAt.getTime()).toBeGreaterThanOrEqual(WINDOW_MS - 50);
    expect(opened).toMatchObject({ action: 'window.closed', actorKind: 'heimo' });
    const card = await eventually(() => cards()[0], 'the card in the team channel');
    expect(Number(card.ts) * 1_000).toBeGreaterThanOrEqual(createdAt.getTime() + WINDOW_MS - 50);
    expect(slack.fake.messages.filter((message) => message.channel === slack.destination.channelId && message.metadata?.event_type === 'heimo_card')).toHaveLength(0);
    const owner = await eventually(async () => (await db.prisma.questionOwner.findUnique({ where: { conversationId } })) ?? undefined, 'round robin assigned the question');
    expect(owner).toMatchObject({ platform: 'slack', userId: STAFF.id, assignedBy: 'heimo' });
    // The assignment claims it for staff: the status, the card and Discord say so.
    await eventually(async () => (await db.prisma.statusChange.findFirst({ where: { conversationId, from: 'open', to: 'claimed' } })) ?? undefined, 'round robin claimed the question');
    const cardNow = (): FakeSlackMessage => slack.fake.message(TEAM_CHANNEL, card.ts) ?? card;
    await eventually(() => (shown(cardNow()).includes(`Claimed`) && shown(cardNow()).includes(STAFF_NAME)) || undefined, 'the card shows its owner');
    expect(shown(cardNow())).toContain('Billing (Routed by rule invoices)');
    expect(buttonIds(cardNow())).toEqual(['heimo_resolve', 'heimo_open_discord']);
    // Heimo keeps one status line in the thread (not a relayed message).
    const statusLine = () => discord.messagesIn(threadId).find((message) => message.author.id === world.botUser.id && message.content.startsWith(STATUS_LINE_PREFIX))?.content;
    await eventually(() => statusLine() === `${STATUS_LINE_PREFIX}Claimed` || undefined, 'Discord shows Claimed');
    await eventually(() => slack.fake.messages.find((message) => message.channel === `D${STAFF.id}` && message.text.startsWith('You were assigned a question: My invoice shows the wrong amount')), 'the assignee told privately');

    // Nobody answers within 1.5 s: the breach is recorded, escalated with the mention, and the card marked.
    const breach = await eventually(async () => (await db.prisma.slaBreach.findFirst({ where: { conversationId, clock: 'first-response' } })) ?? undefined, 'the first-response breach', 8_000);
    const clock = await db.prisma.slaClock.findUniqueOrThrow({ where: { conversationId_clock: { conversationId, clock: 'first-response' } } });
    expect(clock.dueAt.getTime() - clock.startedAt.getTime()).toBe(1_500);
    expect(breach.dueAt.getTime()).toBe(clock.dueAt.getTime());
    expect(breach.breachedAt.getTime()).toBeGreaterThanOrEqual(clock.dueAt.getTime());
    const escalation = await eventually(() => slack.fake.messages.find((message) => message.channel === ESCALATION_CHANNEL), 'the escalation post');
    expect(escalation.text.startsWith(`${PING} First response target missed: My invoice shows the wrong amount`)).toBe(true);
    expect(slack.fake.messages.filter((message) => message.channel === ESCALATION_CHANNEL)).toHaveLength(1);
    await eventually(() => shown(cardNow()).includes(':warning: *First response:* No first response within the target') || undefined, 'the card marked as breached');

    // Staff answers in the card's thread and marks the answer as the solution.
    const reply = await slack.fake.userPosts({ channel: TEAM_CHANNEL, user: STAFF.id, text: 'The invoice is corrected now.', threadTs: card.ts });
    await eventually(() => net!.relayedToDiscord(threadId).some((message) => message.content.includes('The invoice is corrected now.')) || undefined, 'the answer on Discord');
    await eventually(async () => (await db.prisma.statusChange.findFirst({ where: { conversationId, to: 'answered' } })) ?? undefined, 'the question answered');
    const mark = await slack.fake.userShortcut({ user: STAFF.id, channel: TEAM_CHANNEL, messageTs: reply.ts, callbackId: 'heimo_mark_solution' });
    expect(mark.status).toBe(200);
    await eventually(async () => (await db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status === 'resolved' || undefined, 'the question resolved');
    const resolution = await eventually(async () => (await db.prisma.resolution.findFirst({ where: { conversationId } })) ?? undefined, 'the resolution recorded');
    const solution = await db.prisma.message.findUniqueOrThrow({ where: { id: resolution.solutionMessageId ?? "" } });
    expect(solution.text).toContain('The invoice is corrected now.');
    expect(resolution).toMatchObject({ solutionPlatform: 'slack', solutionAuthorId: STAFF.id, acceptedByKind: 'person', acceptedByPlatform: 'slack', acceptedByUserId: STAFF.id, current: true });
    await eventually(() => statusLine() === `${STATUS_LINE_PREFIX}Solved` || undefined, 'Discord shows Solved');
    // Slack's thread says who marked it; Discord shows the status.
    await eventually(() => slack.fake.thread(TEAM_CHANNEL, card.ts).find((message) => message.botId !== undefined && message.text === `${STAFF_NAME} marked a message as the solution; this question is solved.`), 'the solution announced in the card thread');
    await eventually(() => shown(cardNow()).includes(':white_check_mark: Solved') || undefined, 'the card shows Solved');
    await eventually(() => buttonIds(cardNow()).includes('heimo_reopen') || undefined, 'the card offers Reopen');
    expect(buttonIds(cardNow())).not.toContain('heimo_resolve');

    // Heimo restarts; the customer reopens from the thread on Discord.
    await net.restart();
    // The new Heimo's gateway is up once it registered its commands again.
    await eventually(() => net!.logs.filter((line) => line.msg === 'discord: commands registered').length === 2, 'the restarted Heimo connected to Discord');
    const reopen = discord.userRunsSlashCommand({ user: world.users.bob, channelId: threadId, command: 'heimo', subcommand: 'reopen' });
    const answer = await eventually(() => reopen.followUps.at(-1)?.content ?? reopen.original?.content, 'an answer to /heimo reopen', 8_000);
    expect(answer).toContain('opened this question again');
    // Staff still owns it: it goes back to them.
    await eventually(async () => (await db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status === 'claimed' || undefined, 'the question back with its owner', 8_000);
    await eventually(() => statusLine() === `${STATUS_LINE_PREFIX}Claimed` || undefined, 'Discord shows Claimed again');
    await eventually(() => (!shown(cardNow()).includes('Solved') && shown(cardNow()).includes('Claimed') && buttonIds(cardNow()).includes('heimo_resolve')) || undefined, 'the card shows Claimed again');

    // The database holds the whole story.
    const changes = await db.prisma.statusChange.findMany({ where: { conversationId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    expect(changes.map((change) => `${change.from}->${change.to} ${change.action} ${change.actorKind}:${change.actorUserId ?? ''}`)).toEqual([
      'new->open window.closed heimo:',
      'open->claimed claim heimo:',
      `claimed->answered employee.replied person:${STAFF.id}`,
      `answered->resolved resolve person:${STAFF.id}`,
      `resolved->claimed reopen person:${world.users.bob.id}`,
    ]);
    expect(await db.prisma.questionOwner.findUnique({ where: { conversationId } })).toMatchObject({ userId: STAFF.id });
    expect(await db.prisma.slaBreach.findMany({ where: { conversationId } })).toHaveLength(1);
    // The reopen retired the solution and restarted the resolution clock.
    expect(await db.prisma.resolution.findMany({ where: { conversationId } })).toEqual([expect.objectContaining({ id: resolution.id, current: false, retiredAt: expect.any(Date) })]);
    const resolutionClock = await db.prisma.slaClock.findUniqueOrThrow({ where: { conversationId_clock: { conversationId, clock: 'resolution' } } });
    expect(resolutionClock.stoppedAt).toBeNull();
    expect(resolutionClock.startedAt.getTime()).toBeGreaterThan(resolution.at.getTime());
  }, 90_000);
});
