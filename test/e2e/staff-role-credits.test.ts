import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PERMISSIONS } from '../../core/domain/network.ts';
import { createSlackSide } from '../contracts/slack-side.ts';
import type { FakeUser } from '../fakes/discord/state.ts';
import type { FakeInteraction } from '../fakes/discord/index.ts';
import { eventually } from '../support/eventually.ts';
import { startNetwork, type Network } from './network-harness.ts';

type SlackSide = Awaited<ReturnType<typeof createSlackSide>>;

// Issue 11 ("staff are recognised as staff on every platform") through the real discord.js against
// the fake Discord, the real relay, job system and database: a company employee who answers in
// Discord holding the community's Discord staff role is credited on the staff board, not on the
// community's; a member without the role is credited as a community helper.
const answerTo = (interaction: FakeInteraction, what: string): Promise<string> =>
  eventually(() => (interaction.original ?? interaction.followUps.at(-1))?.content, what, 15_000);

describe('a Discord staff role in credits', () => {
  let net: Network;
  let slack: SlackSide;

  beforeAll(async () => {
    slack = await createSlackSide();
    net = await startNetwork(slack, {
      env: { HEIMO_REGISTER_COMMANDS: 'true' },
      jobs: { sweepIntervalMs: 500, sweepGraceMs: 500, retry: { baseDelayMs: 200 } },
      community: (world) => ({ permissions: { ...NO_PERMISSIONS, discord: { moderatorRoleIds: [], staffRoleIds: [world.roles.staff.id] } } }),
    });
    await eventually(() => net.discord.registeredCommands().length > 0 || undefined, 'the commands registered');
  }, 60_000);
  afterAll(async () => {
    await net?.close();
    await slack?.close();
  });

  const slash = (user: FakeUser, subcommand: string, options: Record<string, string | boolean> = {}): Promise<string> =>
    answerTo(net.discord.userRunsSlashCommand({ user, channelId: net.discord.world.ids.help, command: 'heimo', subcommand, options }), `an answer to /heimo ${subcommand}`);

  // Someone answers Bob's question in its Discord thread and Bob marks the answer as the solution
  // (once `settled` holds: the staff mark is a job of its own, done long before any real asker accepts).
  const answerAccepted = async (question: string, answerer: FakeUser, text: string, settled: () => Promise<unknown> = async () => true): Promise<string> => {
    const { world } = net.discord;
    const asked = await net.ask(question, 'bob');
    const answer = net.discord.userSends({ channelId: asked.threadId, content: text, author: answerer });
    await eventually(async () => (await net.db.prisma.message.count({ where: { externalId: answer.id } })) > 0 || undefined, 'the answer stored');
    await eventually(async () => (await settled()) || undefined, 'the answerer known');
    return answerTo(net.discord.userRunsMessageCommand({ user: world.users.bob, channelId: asked.threadId, name: 'Mark as solution', messageId: answer.id }), 'an answer to Mark as solution');
  };

  const personOf = (user: FakeUser) => net.db.prisma.identityAccount.findUnique({ where: { platform_userId: { platform: 'discord', userId: user.id } }, include: { identity: true } });
  const acceptedCredit = (user: FakeUser) => eventually(async () => (await net.db.prisma.creditEntry.findFirst({ where: { platform: 'discord', userId: user.id, reason: { startsWith: 'answer.accepted' } } })) ?? undefined, 'the accepted answer credited', 20_000);
  const seen = async (user: FakeUser): Promise<number> => (await net.db.prisma.domainEvent.findMany({ where: { type: 'staff.seen' } })).filter((row) => (row.payload as { account?: { userId?: string } }).account?.userId === user.id).length;

  it('should credit the answer on the staff board and keep them off the leaderboard when a member holding the Discord staff role answers', async () => {
    const { alice, carol } = net.discord.world.users;
    // Both let the public leaderboard show them: only the staff role keeps Alice off it.
    expect(await slash(alice, 'privacy', { action: 'board', on: true })).toMatch(/leaderboard/i);
    expect(await slash(carol, 'privacy', { action: 'board', on: true })).toMatch(/leaderboard/i);

    await answerAccepted('How do I rotate my API key?', alice, 'Create the new key first, then revoke the old one.', async () => (await personOf(alice))?.identity.staff);

    expect(await seen(alice)).toBe(1);
    const credit = await acceptedCredit(alice);
    expect(credit.staff).toBe(true);

    await answerAccepted('Where are my invoices?', carol, 'Billing, then Invoices, top right.');
    const carolCredit = await acceptedCredit(carol);
    expect(carolCredit.staff).toBe(false);
    expect((await personOf(carol))?.identity.staff).toBe(false);
    expect(await seen(carol)).toBe(0);

    const board = await slash(net.discord.world.users.bob, 'leaderboard', { window: '7d' });
    expect(board).toContain('carol');
    expect(board).not.toMatch(/alice/i);
  });
});
