import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandings, type Standings } from '../../../core/credits/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { credit, daysAgo, NOW, seedStandings, STANDINGS_CREDITS, type SeededPeople } from './standings-seed.ts';

describe('credit standings on the real database', () => {
  let db: TestDatabase;
  let people: SeededPeople;
  let standings: Standings;
  const board = async (window: '7d' | '30d' | 'all', which: 'community' | 'staff' = 'community') =>
    (await standings.leaderboard({ communityId: 'acme', window, board: which })).map(({ rank, displayName, points }) => [rank, displayName, points]);

  beforeAll(async () => {
    db = await createTestDatabase();
    people = await seedStandings(db);
    standings = createStandings({
      database: db, identity: people.identity, now: () => NOW,
      tierOf: async () => new Map([[people.ann.id, 'helper']]),
      credits: () => STANDINGS_CREDITS,
    });
  }, 120_000);
  afterAll(() => db?.dispose());

  it('should add up linked accounts into one person with both accounts when the leaderboard is read', async () => {
    const [first] = await standings.leaderboard({ communityId: 'acme', window: '7d' });
    expect(first).toMatchObject({ rank: 1, personId: people.ann.id, displayName: 'Ann', points: 13, tierId: 'helper', tierName: 'Helper' });
    expect(first?.accounts).toEqual(expect.arrayContaining([{ platform: 'discord', userId: 'd-ann' }, { platform: 'discord', userId: 'd-ann2' }]));
    expect(first?.accounts).toHaveLength(2);
  });

  it('should count only the window, with reversals, and leave out people at zero when the window changes', async () => {
    // Ben's answer 3 days ago was reversed yesterday: nothing left in 7 days.
    expect(await board('7d')).toEqual([[1, 'Ann', 13], [2, 'd-lone', 3]]);
    expect(await board('30d')).toEqual([[1, 'Ben', 15], [2, 'Ann', 13], [3, 'd-lone', 3]]);
    expect(await board('all')).toEqual([[1, 'Ben', 25], [2, 'Ann', 13], [3, 'd-lone', 3]]);
  });

  it('should keep staff off the community board and show only staff rows on the staff board', async () => {
    expect((await board('all')).map(([, name]) => name)).not.toContain('Sam');
    expect(await board('all', 'staff')).toEqual([[1, 'Sam', 10]]);
  });

  it('should give equal points the same rank and stop at the limit when asked for fewer', async () => {
    for (const [userId, points] of [['d-x', 5], ['d-y', 5], ['d-z', 2], ['d-w', 1]] as const) await credit(db, { platform: 'discord', userId, points, reason: 'moderator', at: daysAgo(1), communityId: 'ties' });
    const ranks = async (limit?: number) => (await standings.leaderboard({ communityId: 'ties', window: '7d', ...(limit === undefined ? {} : { limit }) })).map(({ rank, displayName }) => [rank, displayName]);
    expect(await ranks()).toEqual([[1, 'd-x'], [1, 'd-y'], [3, 'd-z'], [4, 'd-w']]);
    expect(await ranks(2)).toEqual([[1, 'd-x'], [1, 'd-y']]);
  });

  it('should show points by reason, accepted answers without reversed ones, articles and people helped when a profile is read', async () => {
    const ben = await standings.profile({ communityId: 'acme', personId: people.ben.id });
    expect(ben).toMatchObject({
      personId: people.ben.id, displayName: 'Ben', staff: false, tierId: null,
      windowPoints: 15, totalPoints: 25,
      pointsByReason: { 'answer.accepted.routed': 15, 'answer.accepted': 10, reversal: -10, 'article.published': 10 },
      answersAccepted: 1, articles: 2, peopleHelped: 1,
    });
    const ann = await standings.profile({ communityId: 'acme', personId: people.ann.id });
    expect(ann).toMatchObject({ tierId: 'helper', tierName: 'Helper', totalPoints: 13, answersAccepted: 1, peopleHelped: 1, pointsByReason: { 'answer.accepted': 10, thanks: 3 } });
    expect((await standings.profile({ communityId: 'acme', personId: people.sam.id }))?.staff).toBe(true);
  });

  it('should read an account identity never saw as its own person, and nobody when it has no credits or the id is unknown', async () => {
    expect(await standings.profile({ communityId: 'acme', personId: 'discord:d-lone' })).toMatchObject({ personId: 'discord:d-lone', displayName: 'd-lone', totalPoints: 3 });
    // A linked account's key leads to its person.
    expect((await standings.profile({ communityId: 'acme', personId: 'discord:d-ann2' }))?.personId).toBe(people.ann.id);
    expect(await standings.profile({ communityId: 'acme', personId: 'discord:d-nobody' })).toBeNull();
    expect(await standings.profile({ communityId: 'acme', personId: '00000000-0000-0000-0000-000000000000' })).toBeNull();
  });

  it('should sum community credits only, per person, when tiers ask for points since a date', async () => {
    expect(await standings.pointsSince('acme', people.ann.id, daysAgo(7))).toBe(13);
    expect(await standings.pointsSince('acme', people.ben.id, daysAgo(30))).toBe(15);
    expect(await standings.pointsSince('acme', people.sam.id, daysAgo(30))).toBe(0);
    const totals = await standings.totalsSince('acme', daysAgo(30));
    expect(Object.fromEntries(totals)).toEqual({ [people.ann.id]: 13, [people.ben.id]: 15, 'discord:d-lone': 3 });
  });
});
