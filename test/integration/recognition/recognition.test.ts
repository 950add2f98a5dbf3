import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../core/logger.ts';
import { createRecognition, demoteKey, type RecognitionService } from '../../../core/recognition/index.ts';
import type { Jobs } from '../../../core/jobs/index.ts';
import { eventually, settle } from '../../support/eventually.ts';
import { createJobsWorld, JOB_SETUPS, type JobsWorld } from '../jobs/job-harness.ts';
import { ANNOUNCE, ledger, recognitionNetwork, recordingDelivery, ROLES, sqlCredits, sqlIdentity } from './recognition-fixture.ts';

// Recognition on the real database and the real job system (queue, listeners, timers): credits
// and identity answer from their real tables through small SQL stand-ins of their ports.

const DAY_MS = 86_400_000;
const BOB = { platform: 'discord', userId: 'u-bob' } as const;
const CAROL = { platform: 'discord', userId: 'u-carol' } as const;
const MOD = { kind: 'person', platform: 'discord', userId: 'u-mod' } as const;

describe.each(JOB_SETUPS)('recognition on the real job system: $label', (setup) => {
  let world: JobsWorld;

  beforeAll(async () => {
    world = await createJobsWorld(setup);
  });
  afterEach(async () => {
    await world?.reset();
    await world?.db.pool.query(`TRUNCATE "TierHolding", "TierChange", "CreditEntry", "CreditFlag", "IdentityAccount", "Identity" CASCADE`);
  });
  afterAll(async () => {
    await world?.dispose();
  });

  const setUp = async (options: { network?: ReturnType<typeof recognitionNetwork> } = {}) => {
    const { jobs } = await world.start();
    const clock = { now: new Date() };
    const discord = recordingDelivery();
    const recognition = createRecognition({
      database: world.db, jobs, network: () => options.network ?? recognitionNetwork(), credits: sqlCredits(world.db), identity: sqlIdentity(world.db),
      delivery: () => discord.delivery, logger: createLogger({ level: 'silent' }), now: () => clock.now,
    });
    recognition.listen();
    await jobs.start();
    return { jobs, clock, discord, recognition, rows: ledger(world.db, jobs) };
  };

  /** The demotion timers set now: key and due time. */
  const demotionTimers = async (): Promise<Array<{ key: string; dueAt: Date }>> =>
    (await world.db.pool.query<{ key: string; dueAt: Date }>(`SELECT "key", "dueAt" FROM "Timer" WHERE "kind" = 'recognition.demote' ORDER BY "dueAt"`)).rows;

  /** Moves the next demotion timer to now: as if the month had turned. */
  const turnOfMonth = async (jobs: Jobs) => {
    const [timer] = await demotionTimers();
    if (timer === undefined) throw new Error('no demotion timer is set');
    await jobs.transaction((tx) => jobs.setTimer(tx, { key: timer.key, kind: 'recognition.demote', dueAt: new Date(), payload: { communityId: 'acme' } }));
  };

  it('should promote at once, grant the role, announce and tell the person when a credit crosses a threshold', async () => {
    const { discord, rows, recognition } = await setUp();
    discord.member(BOB.userId, []);
    const bob = await rows.person(BOB, 'Bob');
    await rows.credit(BOB, 6);
    await settle(300);
    expect(await rows.holding(bob)).toBeNull();
    await rows.credit(BOB, 6);
    await eventually(async () => (await rows.holding(bob))?.grantedRoleId === ROLES.helper, 'the helper role granted');
    expect((await recognition.holdings('acme')).get(bob)).toMatchObject({ tierId: 'helper', personId: bob });
    const [change] = await rows.changes(bob);
    expect(change).toMatchObject({ fromTier: null, toTier: 'helper', direction: 'promoted' });
    await eventually(() => discord.calls.some((call) => call.kind === 'direct'), 'the direct message');
    expect(discord.calls).toEqual([
      { kind: 'role', userId: BOB.userId, roleId: ROLES.helper, held: true },
      { kind: 'channel', channelId: ANNOUNCE, text: expect.stringContaining('Bob is now a Helper of Acme') as string, key: change!.id },
      { kind: 'direct', userId: BOB.userId, text: expect.stringContaining('12 points over the last 90 days') as string, key: `${change!.id}:direct` },
    ]);
    // The community's demotion schedule started: the first of next month, UTC.
    const [timer] = await demotionTimers();
    expect(timer?.dueAt.getUTCDate()).toBe(1);
    expect(timer!.dueAt.getTime()).toBeGreaterThan(Date.now());
    expect(timer?.key).toBe(demoteKey('acme', timer!.dueAt));
    expect((await recognition.changesSince('acme', new Date(Date.now() - DAY_MS))).map((c) => c.to)).toEqual(['helper']);
  });

  it('should not demote on a lower total until the demotion timer fires, then demote and take the role back', async () => {
    const { discord, rows, jobs, clock } = await setUp();
    discord.member(BOB.userId, []);
    const bob = await rows.person(BOB, 'Bob');
    await rows.credit(BOB, 55);
    await eventually(async () => (await rows.holding(bob))?.grantedRoleId === ROLES.ambassador, 'the ambassador role');
    // A revoke: the total falls to 15 (Helper), yet nobody is demoted before the schedule.
    await rows.credit(BOB, -40);
    await settle(400);
    expect((await rows.holding(bob))?.tierId).toBe('ambassador');
    expect(discord.roles.get(BOB.userId)).toEqual(new Set([ROLES.ambassador]));
    // The month turns (the clock moves on a little: the changes are ordered by time).
    clock.now = new Date(Date.now() + 1_000);
    await turnOfMonth(jobs);
    await eventually(async () => (await rows.holding(bob))?.tierId === 'helper', 'the scheduled demotion');
    await eventually(() => discord.roles.get(BOB.userId)?.has(ROLES.helper), 'the helper role');
    expect(discord.roles.get(BOB.userId)).toEqual(new Set([ROLES.helper]));
    expect((await rows.changes(bob)).map((c) => `${c.direction}:${c.fromTier}->${c.toTier}`)).toEqual(['promoted:null->ambassador', 'demoted:ambassador->helper']);
    // A demotion is not announced.
    expect(discord.calls.filter((call) => call.kind === 'channel')).toHaveLength(1);
    // The timer re-armed itself for the next month.
    await eventually(async () => (await demotionTimers()).length === 1 && (await demotionTimers())[0]!.dueAt.getTime() > Date.now(), 'the next period’s timer');
    // Points out of the window: the next run takes the last tier (and its role) away.
    clock.now = new Date(Date.now() + 91 * DAY_MS);
    await turnOfMonth(jobs);
    await eventually(async () => (await rows.holding(bob)) === null, 'the demotion to no tier');
    await eventually(() => discord.roles.get(BOB.userId)?.size === 0, 'the helper role taken back');
  });

  it('should not promote someone in an open ring flag when their credits cross a threshold', async () => {
    const { discord, rows } = await setUp();
    discord.member(BOB.userId, []);
    const bob = await rows.person(BOB, 'Bob');
    const flag = await rows.flag([bob]);
    await rows.credit(BOB, 30);
    await settle(400);
    expect(await rows.holding(bob)).toBeNull();
    expect(discord.calls).toEqual([]);
    // Cleared by a moderator: the next credit promotes.
    await rows.setFlag(flag, 'cleared');
    await rows.credit(BOB, 1);
    await eventually(async () => (await rows.holding(bob))?.tierId === 'helper', 'the promotion after the flag was cleared');
  });

  it('should never promote staff when their credits cross a threshold', async () => {
    const { rows } = await setUp();
    const alice = await rows.person({ platform: 'slack', userId: 'U-alice' }, 'Alice', true);
    await rows.credit({ platform: 'slack', userId: 'U-alice' }, 80, { staff: true });
    await settle(400);
    expect(await rows.holding(alice)).toBeNull();
  });

  it('should record one change and post once when credit.recorded and tier.changed are delivered twice', async () => {
    const { discord, rows, jobs } = await setUp();
    discord.member(BOB.userId, []);
    const bob = await rows.person(BOB, 'Bob');
    const credit = await rows.credit(BOB, 12);
    await eventually(async () => (await rows.holding(bob))?.grantedRoleId === ROLES.helper, 'the promotion');
    await credit.publish();
    const [change] = await rows.changes(bob);
    await jobs.transaction(async (tx) => void (await jobs.publish(tx, { type: 'tier.changed', communityId: 'acme', identityId: bob, changeId: change!.id, from: null, to: 'helper', direction: 'promoted', at: new Date().toISOString() })));
    await settle(500);
    expect(await rows.changes(bob)).toHaveLength(1);
    expect(discord.calls.filter((call) => call.kind === 'channel')).toHaveLength(1);
    expect(discord.calls.filter((call) => call.kind === 'direct')).toHaveLength(1);
    expect(discord.roles.get(BOB.userId)).toEqual(new Set([ROLES.helper]));
  });

  it('should retry the role and the announcement when Discord is down for a while', async () => {
    const { discord, rows } = await setUp();
    discord.member(BOB.userId, []);
    const bob = await rows.person(BOB, 'Bob');
    discord.failNext(3);
    await rows.credit(BOB, 12);
    await eventually(async () => (await rows.holding(bob))?.grantedRoleId === ROLES.helper, 'the role after retries');
    await eventually(() => discord.calls.some((call) => call.kind === 'direct'), 'the direct message after retries');
    expect(discord.calls.filter((call) => call.kind === 'channel')).toHaveLength(1);
  });

  it('should record no grant but still announce when Discord refuses a role above Heimo’s', async () => {
    const { discord, rows } = await setUp();
    discord.member(BOB.userId, []);
    discord.refused.add(ROLES.helper);
    const bob = await rows.person(BOB, 'Bob');
    await rows.credit(BOB, 12);
    await eventually(() => discord.calls.some((call) => call.kind === 'direct'), 'the announcement');
    expect(await rows.holding(bob)).toMatchObject({ tierId: 'helper', grantedRoleId: null });
    expect(discord.roles.get(BOB.userId)).toEqual(new Set());
  });

  it('should promote and demote at once when a moderator recomputes', async () => {
    const { discord, rows, recognition } = await setUp();
    discord.member(BOB.userId, []);
    discord.member(CAROL.userId, []);
    const bob = await rows.person(BOB, 'Bob');
    const carol = await rows.person(CAROL, 'Carol');
    await rows.credit(BOB, 60);
    await eventually(async () => (await rows.holding(bob))?.tierId === 'ambassador', 'bob an ambassador');
    await rows.credit(BOB, -55);
    // Carol's credit predates the listener: written without an event (an import, a moderator's fix).
    await world.db.pool.query(`INSERT INTO "CreditEntry" ("id", "communityId", "platform", "userId", "points", "reason", "sourceKey") VALUES ('c1', 'acme', 'discord', 'u-carol', 11, 'moderator', 'c1')`);
    expect(await recognition.recompute('acme', MOD)).toEqual({ promoted: 1, demoted: 1 });
    expect(await rows.holding(bob)).toBeNull();
    expect((await rows.holding(carol))?.tierId).toBe('helper');
    await eventually(() => discord.roles.get(CAROL.userId)?.has(ROLES.helper) && discord.roles.get(BOB.userId)?.size === 0, 'the roles following');
    expect(await recognition.recompute('acme', MOD)).toEqual({ promoted: 0, demoted: 0 });
  });

  it('should keep the higher tier and the merged history when two people become one', async () => {
    const { discord, rows, jobs } = await setUp();
    discord.member(BOB.userId, []);
    const bob = await rows.person(BOB, 'Bob');
    const bobSlack = await rows.person({ platform: 'slack', userId: 'U-bob' }, 'Bob S');
    await rows.credit(BOB, 12);
    await rows.credit({ platform: 'slack', userId: 'U-bob' }, 55);
    await eventually(async () => (await rows.holding(bobSlack))?.tierId === 'ambassador' && (await rows.holding(bob))?.tierId === 'helper', 'both promoted');
    // Identity merges the Discord person into the Slack one.
    await world.db.pool.query(`UPDATE "IdentityAccount" SET "identityId" = $1::text WHERE "identityId" = $2::text`, [bobSlack, bob]);
    await world.db.pool.query(`DELETE FROM "Identity" WHERE "id" = $1::text`, [bob]);
    await jobs.transaction(async (tx) => void (await jobs.publish(tx, { type: 'identity.changed', identityId: bobSlack, mergedId: bob, actor: MOD, at: new Date().toISOString() })));
    await eventually(async () => (await rows.holding(bob)) === null, 'the merged holding gone');
    expect((await rows.holding(bobSlack))?.tierId).toBe('ambassador');
    expect(await rows.changes(bobSlack)).toHaveLength(2);
    // 67 points together: still an ambassador (not champion); no new change.
    await settle(300);
    expect(await rows.changes(bobSlack)).toHaveLength(2);
  });

  describe('reconcile at start', () => {
    it('should record a role lost by hand as not held and grant it again only at the next promotion', async () => {
      const { discord, rows, recognition } = await setUp();
      discord.member(BOB.userId, []);
      const bob = await rows.person(BOB, 'Bob');
      await rows.credit(BOB, 12);
      await eventually(async () => (await rows.holding(bob))?.grantedRoleId === ROLES.helper, 'the helper role');
      discord.member(BOB.userId, [ROLES.unmapped]);
      const callsBefore = discord.calls.length;
      expect(await recognition.reconcile()).toEqual({ granted: 0, removed: 0 });
      expect(await rows.holding(bob)).toMatchObject({ tierId: 'helper', grantedRoleId: null, discordUserId: null });
      expect(discord.calls.length).toBe(callsBefore);
      expect(discord.roles.get(BOB.userId)).toEqual(new Set([ROLES.unmapped]));
      // Earning the next tier grants its role (and never touches the unmapped one).
      await rows.credit(BOB, 40);
      await eventually(async () => (await rows.holding(bob))?.grantedRoleId === ROLES.ambassador, 'the ambassador role');
      expect(discord.roles.get(BOB.userId)).toEqual(new Set([ROLES.unmapped, ROLES.ambassador]));
    });

    it('should record no role for a holder who left the server and leave others as they are', async () => {
      const { discord, rows, recognition } = await setUp();
      discord.member(BOB.userId, []);
      discord.member(CAROL.userId, []);
      const bob = await rows.person(BOB, 'Bob');
      const carol = await rows.person(CAROL, 'Carol');
      await rows.credit(BOB, 12);
      await rows.credit(CAROL, 12);
      await eventually(async () => (await rows.holding(bob))?.grantedRoleId === ROLES.helper && (await rows.holding(carol))?.grantedRoleId === ROLES.helper, 'both roles');
      discord.member(BOB.userId, null);
      await recognition.reconcile();
      expect((await rows.holding(bob))?.grantedRoleId).toBeNull();
      expect((await rows.holding(carol))?.grantedRoleId).toBe(ROLES.helper);
    });

    it('should swap the old role for the tier’s new one when the network file maps the tier to another role', async () => {
      const network = recognitionNetwork();
      const { discord, rows, recognition } = await setUp({ network });
      discord.member(BOB.userId, []);
      const bob = await rows.person(BOB, 'Bob');
      await rows.credit(BOB, 12);
      await eventually(async () => (await rows.holding(bob))?.grantedRoleId === ROLES.helper, 'the helper role');
      network.communities[0]!.credits.tiers[0]!.discordRoleId = 'role-helper-2';
      expect(await recognition.reconcile()).toEqual({ granted: 1, removed: 1 });
      expect(discord.roles.get(BOB.userId)).toEqual(new Set(['role-helper-2']));
      expect((await rows.holding(bob))?.grantedRoleId).toBe('role-helper-2');
    });

    it('should set the demotion timer of each community with tiers when the worker starts', async () => {
      const { recognition } = await setUp();
      expect(await demotionTimers()).toEqual([]);
      await recognition.reconcile();
      await recognition.reconcile();
      const timers = await demotionTimers();
      expect(timers).toHaveLength(1);
      expect(timers[0]?.dueAt.toISOString()).toMatch(/-01T00:00:00\.000Z$/);
    });

    it('should leave a demotion timer that came due while no worker ran to fire when the worker starts', async () => {
      const { recognition, jobs, rows, discord } = await setUp();
      discord.member(BOB.userId, []);
      const bob = await rows.person(BOB, 'Bob');
      await rows.credit(BOB, 55);
      await eventually(async () => (await rows.holding(bob))?.tierId === 'ambassador', 'the promotion');
      await rows.credit(BOB, -50);
      // Last month's timer, overdue (a worker starting sees it; the sweep fires it).
      const overdue = new Date(Date.now() + 300);
      await jobs.transaction((tx) => jobs.setTimer(tx, { key: demoteKey('acme', new Date('2026-11-01T00:00:00Z')), kind: 'recognition.demote', dueAt: overdue, payload: { communityId: 'acme' } }));
      await recognition.reconcile();
      await eventually(async () => (await rows.holding(bob)) === null, 'last month’s demotion run');
    });
  });
});
