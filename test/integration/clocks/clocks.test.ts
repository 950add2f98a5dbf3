import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSqlRelayStore } from '../../../core/conversations/index.ts';
import type { BusinessHoursConfig, TeamConfig, TierConfig } from '../../../core/domain/network.ts';
import type { ConversationStatus } from '../../../core/domain/types.ts';
import { clockKey, createClocks, type Clocks } from '../../../core/clocks/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestJobs, type TestJobs } from '../../support/test-jobs.ts';
import { createSqlOutboxWriter } from '../../../core/outbox/index.ts';

const HOURS: BusinessHoursConfig = { timeZone: 'Europe/Helsinki', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
const HOUR = 3_600_000;
const TEAM: TeamConfig = {
  id: 'support', name: 'Support', destination: { platform: 'slack', channelId: 'S1' }, businessHours: HOURS, capacity: 5,
  escalation: { destination: { platform: 'slack', channelId: 'ESC' }, mention: 'S0LEADS' },
};
const QUIET: TeamConfig = { id: 'quiet', name: 'Quiet', destination: { platform: 'slack', channelId: 'S2' }, capacity: 5 };
const GOLD: TierConfig = { id: 'gold', discordRoleIds: [], firstResponseMs: HOUR, resolutionMs: 8 * HOUR, skipCommunityWindow: true };
const hki = (local: string): Date => DateTime.fromISO(local, { zone: 'Europe/Helsinki' }).toJSDate();

describe('SLA clocks on the real database', () => {
  let db: TestDatabase;
  let jobs: TestJobs;
  let clocks: Clocks;
  let clock = hki('2026-12-04T16:30');
  let asked = 0;

  const ask = async (): Promise<string> => {
    asked += 1;
    const opened = await createSqlRelayStore(db).openConversation({
      communityId: 'acme', title: `Question ${asked}`, destination: { platform: 'slack', channelId: 'S1' },
      message: { platform: 'discord', channelId: 'help', externalId: `q${asked}`, author: { platform: 'discord', externalId: 'asker', displayName: 'Asker', isBot: false }, text: 'help', internal: false },
      links: [{ platform: 'discord', side: 'customer', channelId: 'help', threadId: `q${asked}`, cardMessageId: null, url: `https://discord.test/q${asked}` }],
      deliveries: () => [],
    });
    return opened!.conversationId;
  };
  const start = async (team = TEAM, tier: Partial<TierConfig> = GOLD): Promise<string> => {
    const conversationId = await ask();
    await jobs.transaction((tx) => clocks.startClocks(tx, { conversationId, tier, team, openedAt: hki('2026-12-04T16:30') }));
    return conversationId;
  };
  const status = (conversationId: string, from: ConversationStatus, to: ConversationStatus, at: Date) =>
    jobs.transaction((tx) => jobs.publish(tx, { type: 'question.status_changed', conversationId, from, to, actor: { kind: 'heimo' }, at: at.toISOString() }));
  const dueOf = (clockName: 'first-response' | 'resolution', id: string) => jobs.timers.get(clockKey(clockName, id))?.dueAt.toISOString();
  const deliveries = async (conversationId: string) =>
    (await db.pool.query<{ kind: string; platform: string; payload: Record<string, string> }>(`SELECT "kind", "platform", "payload" FROM "OutboxEntry" WHERE "conversationId" = $1::text ORDER BY "seq"`, [conversationId])).rows;
  const breaches = async (conversationId: string) =>
    (await db.pool.query<{ clock: string }>(`SELECT "clock" FROM "SlaBreach" WHERE "conversationId" = $1::text`, [conversationId])).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(() => {
    clock = hki('2026-12-04T16:45');
    jobs = createTestJobs(db);
    const teams = (communityId: string, teamId: string) => (communityId === 'acme' ? [TEAM, QUIET].find((team) => team.id === teamId) : undefined);
    clocks = createClocks({ database: db, jobs, outbox: createSqlOutboxWriter(), teams, now: () => clock });
    clocks.listen();
  });

  it('should set both timers at the business-time due times when a question opens late on a Friday', async () => {
    const id = await start();
    expect(dueOf('first-response', id)).toBe(hki('2026-12-07T09:30').toISOString());
    expect(dueOf('resolution', id)).toBe(hki('2026-12-07T16:30').toISOString());
    const [first, resolution] = await clocks.clockView(id);
    // Friday 16:45: 15 minutes left today and 30 on Monday morning.
    expect(first).toMatchObject({ clock: 'first-response', stopped: false, breached: false, remainingMs: 45 * 60_000, dueAt: hki('2026-12-07T09:30') });
    expect(resolution).toMatchObject({ clock: 'resolution', remainingMs: 7 * HOUR + 45 * 60_000 });
  });

  it('should run on the wall clock and set only the targets the tier has when the team keeps no hours', async () => {
    const id = await start(QUIET, { resolutionMs: 2 * HOUR });
    expect(dueOf('first-response', id)).toBeUndefined();
    expect(dueOf('resolution', id)).toBe(new Date(hki('2026-12-04T16:30').getTime() + 2 * HOUR).toISOString());
    expect((await clocks.clockView(id)).map((view) => view.clock)).toEqual(['resolution']);
  });

  it('should stop first response at the first answer, stop resolution when resolved, and restart it when reopened', async () => {
    const id = await start();
    await status(id, 'open', 'answered', hki('2026-12-07T09:10'));
    expect(dueOf('first-response', id)).toBeUndefined();
    expect(dueOf('resolution', id)).toBeDefined();
    await status(id, 'answered', 'resolved', hki('2026-12-07T10:00'));
    expect(dueOf('resolution', id)).toBeUndefined();
    expect((await clocks.clockView(id)).map((view) => [view.clock, view.stopped, view.remainingMs])).toEqual([['first-response', true, null], ['resolution', true, null]]);
    // Reopened on Tuesday at 15:00: a fresh eight business hours, to Wednesday 15:00.
    await status(id, 'resolved', 'open', hki('2026-12-08T15:00'));
    expect(dueOf('resolution', id)).toBe(hki('2026-12-09T15:00').toISOString());
    expect(dueOf('first-response', id)).toBeUndefined();
    expect((await clocks.clockView(id))[1]).toMatchObject({ stopped: false, startedAt: hki('2026-12-08T15:00') });
  });

  it('should record a breach once and queue the card update and the escalation when a clock runs out', async () => {
    const id = await start();
    const key = clockKey('first-response', id);
    const timer = jobs.timers.get(key)!;
    expect(await jobs.fire(key, hki('2026-12-07T09:30'))).toBe(true);
    expect(await breaches(id)).toEqual([{ clock: 'first-response' }]);
    expect(await deliveries(id)).toEqual([
      { kind: 'card.update', platform: 'slack', payload: {} },
      {
        kind: 'escalation.post', platform: 'slack',
        payload: expect.objectContaining({ channelId: 'ESC', mention: 'S0LEADS', clock: 'first-response', title: `Question ${asked}`, url: `https://discord.test/q${asked}` }),
      },
    ]);
    // The same run firing again (a timer set twice) records and queues nothing more.
    await jobs.transaction((tx) => jobs.setTimer(tx, timer));
    await jobs.fire(key, hki('2026-12-07T09:31'));
    expect(await breaches(id)).toHaveLength(1);
    expect(await deliveries(id)).toHaveLength(2);
    clock = hki('2026-12-07T10:00');
    expect((await clocks.clockView(id))[0]).toMatchObject({ breached: true, breachedAt: hki('2026-12-07T09:30'), remainingMs: -30 * 60_000 });
  });

  it('should escalate again when a reopened question breaks its fresh resolution clock', async () => {
    const id = await start(TEAM, { resolutionMs: HOUR });
    await jobs.fire(clockKey('resolution', id), hki('2026-12-07T09:30'));
    await status(id, 'open', 'closed', hki('2026-12-07T11:00'));
    await status(id, 'closed', 'open', hki('2026-12-07T12:00'));
    expect((await clocks.clockView(id))[0]).toMatchObject({ breached: false, stopped: false });
    await jobs.fire(clockKey('resolution', id), hki('2026-12-07T13:00'));
    const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "SlaBreach" WHERE "conversationId" = $1::text`, [id]);
    expect(rows).toEqual([{ n: 1 }]);
    expect((await deliveries(id)).map((delivery) => delivery.kind)).toEqual(['card.update', 'escalation.post', 'card.update', 'escalation.post']);
    clock = hki('2026-12-07T13:30');
    expect((await clocks.clockView(id))[0]).toMatchObject({ breached: true, breachedAt: hki('2026-12-07T13:00') });
  });

  it('should ignore a timer when its clock stopped before it fired', async () => {
    const id = await start();
    const key = clockKey('first-response', id);
    const timer = jobs.timers.get(key)!;
    await jobs.transaction((tx) => clocks.stopClock(tx, id, 'first-response'));
    expect(jobs.timers.has(key)).toBe(false);
    await jobs.transaction((tx) => jobs.setTimer(tx, timer));
    await jobs.fire(key, hki('2026-12-07T09:30'));
    expect(await breaches(id)).toEqual([]);
    expect(await deliveries(id)).toEqual([]);
  });

  it('should queue only the card update when the team has no escalation destination', async () => {
    const id = await start(QUIET, { firstResponseMs: HOUR });
    await jobs.fire(clockKey('first-response', id), hki('2026-12-04T17:30'));
    expect(await deliveries(id)).toEqual([{ kind: 'card.update', platform: 'slack', payload: {} }]);
  });
});
