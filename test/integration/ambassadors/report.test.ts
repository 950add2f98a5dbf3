import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRef } from '../../../core/domain/domain-events.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestJobs } from '../../support/test-jobs.ts';
import { ambassadorsNetwork, createAmbassadorsWorld, type AmbassadorsWorld } from './ambassadors-world.ts';

// The report on the real database through the real identity, standings and recognition: a week
// ending Monday 7 December 2026 09:00 Helsinki time, the week before it, and four weeks of credit.

const TO = new Date('2026-12-07T07:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const daysBefore = (days: number, hours = 0): Date => new Date(TO.getTime() - days * DAY + hours * HOUR);
const discord = (userId: string): AccountRef => ({ platform: 'discord', userId });

describe('ambassadors report on the real database', () => {
  let db: TestDatabase;
  let world: AmbassadorsWorld;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    world = createAmbassadorsWorld(db, createTestJobs(db), ambassadorsNetwork());
    for (const name of ['ann', 'bob', 'cid', 'dan', 'eve', 'fay', 'gus', 'hal', 'ivy', 'jon', 'kim', 'lee']) ids[name] = await world.person({ platform: 'discord', userId: `d-${name}`, displayName: name.toUpperCase() });
    ids['sam'] = await world.person({ platform: 'slack', userId: 'U-sam', displayName: 'SAM', email: 'sam@acme.test' });
    const sam: AccountRef = { platform: 'slack', userId: 'U-sam' };

    // Ann: credited in each of the four weeks, most this week, and promoted this week.
    await world.credit(discord('d-ann'), 20, daysBefore(2));
    await world.credit(discord('d-ann'), 10, daysBefore(6));
    await world.credit(discord('d-ann'), 3, daysBefore(1), { reason: 'thanks', giver: discord('d-eve') });
    await world.credit(discord('d-ann'), 5, daysBefore(10));
    await world.credit(discord('d-ann'), 2, daysBefore(16));
    await world.credit(discord('d-ann'), 2, daysBefore(25));
    await world.credit(discord('d-ann'), 100, daysBefore(-1)); // after the period: not counted
    await world.promote(ids['ann']!, 'ambassador', daysBefore(3));
    // Bob: the same both weeks; a thanks from Fay that was reversed.
    await world.credit(discord('d-bob'), 12, daysBefore(3));
    await world.credit(discord('d-bob'), 12, daysBefore(9));
    const thanks = await world.credit(discord('d-bob'), 3, daysBefore(2), { reason: 'thanks', giver: discord('d-fay') });
    await world.reverse(thanks, discord('d-bob'), 3, daysBefore(1));
    // Cid rose from nothing; Dan's 20 were mostly reversed; Sam is staff with the most points.
    await world.credit(discord('d-cid'), 8, daysBefore(4));
    const dans = await world.credit(discord('d-dan'), 20, daysBefore(5));
    await world.reverse(dans, discord('d-dan'), 15, daysBefore(4));
    await world.credit(sam, 100, daysBefore(2));
    await world.promote(ids['sam']!, 'champion', daysBefore(2));
    await world.promote(ids['bob']!, 'helper', daysBefore(20)); // before the period

    // Askers: Eve fast and thankful; Fay fast but her thanks was reversed; Gus slow; Hal asked once; Sam is staff.
    await world.solved(discord('d-eve'), daysBefore(5), daysBefore(5, 1));
    await world.solved(discord('d-eve'), daysBefore(4), daysBefore(4, 1.5));
    await world.solved(discord('d-fay'), daysBefore(5), daysBefore(5, 1));
    await world.solved(discord('d-fay'), daysBefore(3), daysBefore(3, 1));
    for (let i = 0; i < 7; i += 1) await world.solved(discord('d-gus'), daysBefore(6, i), daysBefore(6, i + 30));
    await world.credit(discord('d-ann'), 0, daysBefore(2), { reason: 'thanks', giver: discord('d-gus') });
    await world.solved(discord('d-hal'), daysBefore(2), daysBefore(2, 0.5));
    await world.credit(discord('d-bob'), 0, daysBefore(2), { reason: 'thanks', giver: discord('d-hal') });
    await world.solved(sam, daysBefore(2), daysBefore(2, 0.1));
    await world.solved(sam, daysBefore(3), daysBefore(3, 0.1));
    await world.credit(discord('d-ann'), 0, daysBefore(2), { reason: 'thanks', giver: sam });
    // A question solved before the period does not count.
    await world.solved(discord('d-hal'), daysBefore(12), daysBefore(12, 0.5));

    // Survey ratings: Ivy rated 5 and 4; Jon 2; Kim 5 then 2; Lee 5 before the period; Eve 5; staff Sam 5.
    await world.rated(discord('d-ivy'), 5, daysBefore(4));
    await world.rated(discord('d-ivy'), 4, daysBefore(1));
    await world.rated(discord('d-jon'), 2, daysBefore(3));
    await world.rated(discord('d-kim'), 5, daysBefore(5));
    await world.rated(discord('d-kim'), 2, daysBefore(2));
    await world.rated(discord('d-lee'), 5, daysBefore(9));
    await world.rated(discord('d-eve'), 5, daysBefore(4));
    await world.rated(sam, 5, daysBefore(2));
  }, 120_000);
  afterAll(async () => {
    await db?.dispose();
  });

  it('should rank top helpers by points in the period, with tiers, reversals subtracted and staff left out', async () => {
    const report = await world.ambassadors.report('acme', { to: TO });
    expect(report).toMatchObject({ communityId: 'acme', communityName: 'Acme', from: daysBefore(7), to: TO });
    expect(report.top.map((row) => [row.displayName, row.points, row.previousPoints, row.tierId])).toEqual([
      ['ANN', 33, 5, 'ambassador'],
      ['BOB', 12, 12, 'helper'],
      ['CID', 8, 0, null],
      ['DAN', 5, 0, null],
    ]);
  });

  it('should list rising helpers by gain of at least five and the promotions of the period', async () => {
    const report = await world.ambassadors.report('acme', { to: TO });
    expect(report.rising.map((row) => [row.displayName, row.points - row.previousPoints])).toEqual([['ANN', 28], ['CID', 8], ['DAN', 5]]);
    expect(report.newTierHolders).toEqual([{ personId: ids['ann'], displayName: 'ANN', tierId: 'ambassador', at: daysBefore(3) }]);
  });

  it('should name reference candidates: the fast and thankful asker, the asker who rated well and the helper credited every week', async () => {
    const report = await world.ambassadors.report('acme', { to: TO });
    expect(report.referenceCandidates.map((candidate) => [candidate.displayName, candidate.why])).toEqual([
      ['EVE', 'solved-fast-and-thankful'],
      ['IVY', 'rated-well'],
      ['ANN', 'sustained-helper'],
    ]);
    expect(report.referenceCandidates[0]?.evidence).toBe('2 questions solved in 1 h 15 min median (community 15 h 45 min); thanks given: 1; rated 5/5');
    expect(report.referenceCandidates[1]?.evidence).toBe('rated 5/5, 4/5');
    expect(report.referenceCandidates[2]?.evidence).toBe('credited every week for 4 weeks (42 points)');
  });

  it('should leave out an asker who rated 2/5, one who rated well and then poorly, one who rated before the period and staff', async () => {
    const report = await world.ambassadors.report('acme', { to: TO });
    const names = report.referenceCandidates.map((candidate) => candidate.displayName);
    for (const absent of ['JON', 'KIM', 'LEE', 'SAM']) expect(names).not.toContain(absent);
    // Over two weeks Lee's 5/5 is in the period.
    const longer = await world.ambassadors.report('acme', { to: TO, days: 14 });
    expect(longer.referenceCandidates.find((candidate) => candidate.displayName === 'LEE')).toMatchObject({ why: 'rated-well', evidence: 'rated 5/5' });
  });

  it('should cover the days asked for when --days is longer than a week', async () => {
    const report = await world.ambassadors.report('acme', { to: TO, days: 14 });
    expect(report.top.find((row) => row.displayName === 'ANN')).toMatchObject({ points: 38, previousPoints: 4 });
    await expect(world.ambassadors.report('nowhere', { to: TO })).rejects.toThrow(/no community "nowhere"/);
  });
});
