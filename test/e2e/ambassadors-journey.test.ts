import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CREDITS } from '../../core/domain/network.ts';
import { createSlackSide } from '../contracts/slack-side.ts';
import { SLACK_PERSONAS } from '../contracts/slack-command-side.ts';
import { createTeamsSide, type TeamsSide } from '../contracts/teams-side.ts';
import { createTeamsCommandSide } from '../contracts/teams-command-side.ts';
import { snowflake, type FakeUser } from '../fakes/discord/state.ts';
import type { FakeInteraction } from '../fakes/discord/index.ts';
import { eventually } from '../support/eventually.ts';
import { startNetwork, type Network } from './network-harness.ts';

// Issue 11's done-when, on the real bots against the fakes, the real job system and database
// (PostgreSQL and Redis with DATABASE_URL and REDIS_URL, as CI runs it; PGlite otherwise): a
// community member answers a question routed to Slack, the asker marks it as solution in Discord,
// the member is credited, crosses a tier and gets its Discord role, and appears on the leaderboard
// on Discord, Slack and Teams and in the API; two accounts thanking each other are flagged and not
// promoted; a moderator's revoke reverses the credit and a recompute takes the role back.
const DAY = 86_400_000;

const member = (username: string): FakeUser => ({ id: snowflake(), username, global_name: null, avatar: null, discriminator: '0' });

/** The text of Heimo's answer to an interaction (its original reply or last follow-up). */
const answerTo = (interaction: FakeInteraction, what: string): Promise<string> =>
  eventually(() => (interaction.original ?? interaction.followUps.at(-1))?.content, what, 15_000);

describe('ambassadors: credit, tiers, leaderboards and fairness', () => {
  let net: Network | undefined;
  let teams: TeamsSide | undefined;
  afterEach(async () => {
    await net?.close();
    await teams?.close();
    net = undefined;
    teams = undefined;
  });

  it('should credit, promote, rank everywhere, flag a ring and reverse a revoke when a member answers a question routed to Slack', async () => {
    const slack = await createSlackSide({ commandWorld: true });
    teams = await createTeamsSide();
    const teamsSide = teams;
    net = await startNetwork(slack, {
      env: { ...teams.env, HEIMO_REGISTER_COMMANDS: 'true' },
      jobs: { sweepIntervalMs: 500, sweepGraceMs: 500, retry: { baseDelayMs: 200 } },
      community: (world) => ({
        teams: [{ id: 'teams-support', name: 'Teams support', capacity: 5, destination: teamsSide.destination }],
        permissions: {
          discord: { moderatorRoleIds: [world.roles.staff.id], staffRoleIds: [world.roles.staff.id] },
          slack: { moderatorUserGroupIds: ['S-mods'], staffUserGroupIds: ['S-support'], staffChannelIds: [] },
          teams: { moderatorTeamIds: ['team-mods'], staffTeamIds: ['team-support'] },
        },
        credits: {
          ...DEFAULT_CREDITS,
          tiers: [
            { id: 'helper', name: 'Helper', threshold: 10, discordRoleId: world.roles.helper.id },
            { id: 'ambassador', name: 'Ambassador', threshold: 200, discordRoleId: world.roles.ambassador.id },
          ],
          announceChannelId: world.ids.general,
          rules: { ...DEFAULT_CREDITS.rules, thanksPerPairPerDay: 5, ring: { windowMs: 30 * DAY, minCredits: 4, share: 0.6, maxSize: 3 } },
        },
      }),
    });
    await teams.attach(net.heimo.url);
    const { discord, db } = net;
    const world = discord.world;
    const { bob, carol, alice } = world.users;
    await eventually(() => discord.registeredCommands().length > 0 || undefined, 'the commands registered');
    const slash = (user: FakeUser, subcommand: string, options: Record<string, string | boolean> = {}, channelId = world.ids.help): Promise<string> =>
      answerTo(discord.userRunsSlashCommand({ user, channelId, command: 'heimo', subcommand, options }), `an answer to /heimo ${subcommand}`);

    // Carol lets the public leaderboard show her.
    expect(await slash(carol, 'privacy', { action: 'board', on: true })).toMatch(/leaderboard/i);

    // Bob asks; the card reaches Slack. Carol, a community member, answers in the Discord thread and
    // Bob marks her answer as the solution.
    const asked = await net.ask('How do I rotate my API key without downtime?', 'bob');
    const answer = discord.userSends({ channelId: asked.threadId, content: 'Create the new key first, deploy it, then revoke the old one.', author: carol });
    await eventually(async () => (await db.prisma.message.count({ where: { externalId: answer.id } })) > 0 || undefined, 'her answer stored');
    await answerTo(discord.userRunsMessageCommand({ user: bob, channelId: asked.threadId, name: 'Mark as solution', messageId: answer.id }), 'an answer to Mark as solution');

    // Carol is credited for an accepted answer to a question routed to staff; Bob for accepting it.
    const carolCredit = await eventually(async () => (await db.prisma.creditEntry.findFirst({ where: { platform: 'discord', userId: carol.id, reason: { startsWith: 'answer.accepted' } } })) ?? undefined, 'her credit', 20_000);
    expect(carolCredit.points).toBeGreaterThanOrEqual(10);
    expect(carolCredit.staff).toBe(false);
    expect(await db.prisma.creditEntry.findFirst({ where: { platform: 'discord', userId: bob.id, reason: 'accepting' } })).not.toBeNull();

    // She crosses the Helper threshold: promoted at once, the Discord role granted, announced.
    await eventually(() => discord.roleChanges.find((change) => change.userId === carol.id && change.roleId === world.roles.helper.id && change.held), 'the Helper role granted', 20_000);
    expect(world.members.get(carol.id)?.roles).toContain(world.roles.helper.id);
    await eventually(() => discord.messagesIn(world.ids.general).find((message) => message.author.id === world.botUser.id && message.content.includes('Helper')), 'the promotion announced');

    // The leaderboard shows her on Discord, Slack and Teams, and in the public API.
    expect(await slash(bob, 'leaderboard', { window: '7d' })).toContain('carol');
    const slackRun = await slack.fake.userRunsCommand({ user: SLACK_PERSONAS.member.id, channel: slack.destination.channelId, text: 'leaderboard 7d' });
    expect(slackRun.status).toBe(200);
    const slackBody = await eventually(() => slack.fake.responses.find((response) => response.id === slackRun.responseId)?.body, 'the Slack leaderboard');
    expect(String(slackBody['text'])).toContain('carol');
    const teamsReply = await createTeamsCommandSide(teams).run({ command: 'leaderboard', args: { window: '7d' }, as: 'member' });
    expect(teamsReply.text).toContain('carol');
    const board = (await (await fetch(`${net.heimo.url}/api/leaderboard?window=7d`)).json()) as { people?: Array<{ name: string; points: number; tier: { id: string; name: string } | null; id: string }> };
    const listed = board.people?.find((person) => person.name === 'carol');
    expect(listed?.points).toBe(carolCredit.points);
    expect(listed?.tier?.name).toBe('Helper');
    const profile = await fetch(`${net.heimo.url}/api/people/${listed?.id ?? ''}`);
    expect(profile.status).toBe(200);
    // Bob never said yes: he is on the chat boards but not on the public one.
    expect(board.people?.some((person) => person.name === 'Bobby')).toBe(false);

    // Dave and Erin thank each other over and over in each other's threads: a ring, flagged for
    // moderators, and neither is promoted even when their points would reach the threshold.
    const dave = member('dave');
    const erin = member('erin');
    for (const user of [dave, erin]) world.members.set(user.id, { user, nick: null, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false });
    const threadOf = async (author: FakeUser, content: string): Promise<string> => {
      const question = discord.userSends({ channelId: world.ids.help, content, author });
      return eventually(() => (world.channels.has(question.id) ? question.id : undefined), 'a thread opened');
    };
    const daveThread = await threadOf(dave, 'Why does my webhook fire twice?');
    const erinThread = await threadOf(erin, 'Why is my export empty?');
    const say = async (threadId: string, author: FakeUser, content: string): Promise<void> => {
      const sent = discord.userSends({ channelId: threadId, content, author });
      await eventually(async () => (await db.prisma.message.count({ where: { externalId: sent.id } })) > 0 || undefined, `"${content}" stored`);
    };
    await say(daveThread, erin, 'Check the retry header.');
    await say(erinThread, dave, 'Check the date filter.');
    for (let round = 0; round < 2; round += 1) {
      await say(daveThread, dave, `Thanks <@${erin.id}>!`);
      await say(erinThread, erin, `Kiitos <@${dave.id}>!`);
    }
    const flag = await eventually(async () => (await db.prisma.creditFlag.findFirst({ where: { status: 'open' } })) ?? undefined, 'the ring flagged', 20_000);
    expect(flag.kind).toBe('ring');
    expect(flag.members).toHaveLength(2);
    // Two more rounds take both past the Helper threshold: still not promoted.
    for (let round = 0; round < 2; round += 1) {
      await say(daveThread, dave, `Thanks again <@${erin.id}>`);
      await say(erinThread, erin, `Ďakujem <@${dave.id}>`);
    }
    await eventually(async () => (await db.prisma.creditEntry.aggregate({ where: { platform: 'discord', userId: erin.id }, _sum: { points: true } }))._sum.points! >= 10 || undefined, 'Erin past the threshold', 20_000);
    expect(await slash(alice, 'credit flags')).toMatch(/dave|erin/);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(discord.roleChanges.filter((change) => change.userId === dave.id || change.userId === erin.id)).toEqual([]);

    // A moderator revokes Carol's credit: the ledger appends a reversal (nothing is edited), her
    // points drop, and a recompute takes the Helper role back.
    await slash(alice, 'credit revoke', { user: carol.id, points: String(carolCredit.points), reason: 'answer copied from the docs without credit' });
    const reversal = await eventually(async () => (await db.prisma.creditEntry.findFirst({ where: { reversesId: carolCredit.id } })) ?? undefined, 'the reversal');
    expect(reversal.points).toBe(-carolCredit.points);
    expect(await db.prisma.creditEntry.findUniqueOrThrow({ where: { id: carolCredit.id } })).toMatchObject({ points: carolCredit.points });
    await slash(alice, 'tier recompute');
    await eventually(() => discord.roleChanges.find((change) => change.userId === carol.id && change.roleId === world.roles.helper.id && !change.held), 'the Helper role taken back', 20_000);
    const after = (await (await fetch(`${net.heimo.url}/api/leaderboard?window=7d`)).json()) as { people?: Array<{ name: string; points: number }> };
    expect(after.people?.find((person) => person.name === 'carol')?.points ?? 0).toBe(0);
  }, 240_000);
});
