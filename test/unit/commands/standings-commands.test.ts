import { describe, expect, it } from 'vitest';
import { createCommandRegistry, createCommandRunner, type InvokingPerson } from '../../../core/commands/index.ts';
import type { CreditsService, LeaderboardRow, ProfileView } from '../../../core/credits/index.ts';
import { translator } from '../../../core/i18n/index.ts';
import { createRecordingLogger, createRecordingServices, TEST_COMMUNITY } from '../../support/command-fixtures.ts';

const MEMBER: InvokingPerson = { userId: '811223344556677889', displayName: 'Kaisa', roleIds: [], locale: 'en' };

const row = (rank: number, displayName: string, points: number, tier?: { id: string; name: string }): LeaderboardRow => ({
  rank, personId: `p-${displayName}`, displayName, points, tierId: tier?.id ?? null, ...(tier === undefined ? {} : { tierName: tier.name }), accounts: [],
});

const PROFILE: ProfileView = {
  personId: 'p-kaisa', displayName: 'Kaisa K', staff: false, tierId: 'ambassador', tierName: 'Ambassador', windowPoints: 40, totalPoints: 65,
  pointsByReason: { 'answer.accepted': 50, thanks: 15, reversal: 0 }, answersAccepted: 5, articles: 2, peopleHelped: 4, accounts: [],
};

function setUp(credits?: Pick<CreditsService, 'leaderboard' | 'profile'>, locale = 'en') {
  const { services } = createRecordingServices();
  const asked: unknown[] = [];
  const withCredits = credits === undefined ? services : {
    ...services,
    credits: {
      give: async () => { throw new Error('not used'); }, revoke: async () => { throw new Error('not used'); }, flags: async () => [],
      leaderboard: async (request: Parameters<CreditsService['leaderboard']>[0]) => (asked.push(request), credits.leaderboard(request)),
      profile: async (request: Parameters<CreditsService['profile']>[0]) => (asked.push(request), credits.profile(request)),
    },
  };
  const runner = createCommandRunner({
    registry: createCommandRegistry(), services: withCredits, permissions: () => TEST_COMMUNITY.permissions,
    audit: { record: async () => undefined }, translator: (wanted) => translator(wanted, TEST_COMMUNITY.locale), logger: createRecordingLogger().logger,
  });
  const run = (command: string, args: Record<string, string> = {}) => runner.run({ communityId: 'acme', platform: 'discord', actor: { ...MEMBER, locale }, command, args });
  return { run, asked };
}

describe('the standings commands', () => {
  it('should list rank, name, points and tier name publicly, 30 days by default, when leaderboard is run', async () => {
    const { run, asked } = setUp({ leaderboard: async () => [row(1, 'Ann', 40, { id: 'ambassador', name: 'Ambassador' }), row(2, 'Ben', 12)], profile: async () => null });
    expect(await run('leaderboard')).toEqual({
      visibility: 'public',
      text: '**Leaderboard (community), last 30 days**\n1. **Ann**: 40 points · Ambassador\n2. **Ben**: 12 points',
    });
    await run('leaderboard', { window: 'all', board: 'staff' });
    expect(asked).toEqual([{ communityId: 'acme', window: '30d', board: 'community', limit: 10 }, { communityId: 'acme', window: 'all', board: 'staff', limit: 10 }]);
  });

  it('should say so when nobody has points and refuse a window it does not know', async () => {
    const { run } = setUp({ leaderboard: async () => [], profile: async () => null });
    expect((await run('leaderboard', { window: '7d' })).text).toContain('Nobody has earned points here in this period yet.');
    const refused = await run('leaderboard', { window: '90d' });
    expect(refused.visibility).toBe('private');
    expect(refused.text).toContain('7d, 30d, all');
  });

  it("should tell the person's own profile privately with tier, points by reason and help given, in their language", async () => {
    const { run, asked } = setUp({ leaderboard: async () => [], profile: async () => PROFILE }, 'fi');
    const reply = await run('profile');
    expect(reply.visibility).toBe('private');
    expect(reply.text).toBe([
      '**Kaisa K**: Ambassador',
      'Pisteet: **40** viime aikoina (tasot lasketaan näistä), yhteensä **65**.',
      'Syittäin: hyväksytyt vastaukset 50, kiitokset 15.',
      'Hyväksyttyjä vastauksia: **5**. Artikkeleita: **2**. Autettuja ihmisiä: **4**.',
    ].join('\n'));
    // No identity here: the account is its own person.
    expect(asked).toEqual([{ communityId: 'acme', personId: `discord:${MEMBER.userId}` }]);
  });

  it('should say a named person has no credits when there is no profile, and that credits are off when they are not wired', async () => {
    const { run } = setUp({ leaderboard: async () => [], profile: async () => null });
    expect((await run('profile', { user: '922334455667788990' })).text).toBe('922334455667788990 has no credits here yet.');
    const off = setUp();
    expect(await off.run('leaderboard')).toEqual({ visibility: 'private', text: 'Credits are not switched on here.' });
  });
});
