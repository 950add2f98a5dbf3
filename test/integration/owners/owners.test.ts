import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../core/infra/db/create-database.ts';
import { createSqlRelayStore } from '../../../core/conversations/index.ts';
import type { TeamConfig } from '../../../core/domain/network.ts';
import { hasCode } from '../../../core/errors.ts';
import { createOwners, type Employee, type Owners, type PersonActor } from '../../../core/owners/index.ts';
import { createTestDatabase, openSameDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestJobs, type TestJobs } from '../../support/test-jobs.ts';
import { createSqlOutboxWriter } from '../../../core/outbox/index.ts';
import { rejection } from '../../support/thrown.ts';

const COMMUNITY = 'acme';
const team = (capacity: number, id = 'support'): TeamConfig => ({ id, name: id, destination: { platform: 'slack', channelId: 'S1' }, capacity });
const person = (userId: string): Employee => ({ platform: 'slack', userId, displayName: userId.toUpperCase() });
const actor = (userId: string): PersonActor => ({ kind: 'person', platform: 'slack', userId, displayName: userId.toUpperCase() });

describe('owners on the real database', () => {
  let db: TestDatabase;
  let second: Database;
  let jobs: TestJobs;
  let owners: Owners;
  let asked = 0;

  const ask = async (title = `Question ${asked + 1}`): Promise<string> => {
    asked += 1;
    const opened = await createSqlRelayStore(db).openConversation({
      communityId: COMMUNITY, title, destination: { platform: 'slack', channelId: 'S1' },
      message: { platform: 'discord', channelId: 'help', externalId: `q${asked}`, author: { platform: 'discord', externalId: 'asker', displayName: 'Asker', isBot: false }, text: title, internal: false },
      links: [{ platform: 'discord', side: 'customer', channelId: 'help', threadId: `q${asked}`, cardMessageId: null, url: `https://discord.test/q${asked}` }],
      deliveries: () => [],
    });
    return opened!.conversationId;
  };
  const deliveries = async (conversationId: string) =>
    (await db.pool.query<{ kind: string; platform: string; payload: Record<string, string> }>(`SELECT "kind", "platform", "payload" FROM "OutboxEntry" WHERE "conversationId" = $1::text ORDER BY "seq"`, [conversationId])).rows;
  const teamsOf = (teams: TeamConfig[]) => (communityId: string, teamId: string) => (communityId === COMMUNITY ? teams.find((t) => t.id === teamId) : undefined);

  beforeAll(async () => {
    db = await createTestDatabase();
    // On PostgreSQL a second pool stands for a second process; PGlite has one connection only.
    second = db.url === null ? db : await openSameDatabase(db);
  });
  afterAll(async () => {
    if (second !== db) await second?.close();
    await db?.dispose();
  });
  beforeEach(async () => {
    await db.pool.query(`DELETE FROM "QuestionOwner"`);
    await db.pool.query(`DELETE FROM "TeamMember"`);
    jobs = createTestJobs(db);
    // A clock a second further on each reading, so "least recently" never ties by accident.
    let tick = Date.parse('2026-12-03T09:00:00Z');
    owners = createOwners({ database: db, jobs, outbox: createSqlOutboxWriter(), teams: teamsOf([team(5)]), now: () => new Date((tick += 1000)) });
  });

  it('should make the claimer owner and publish the assignment when an unowned question is claimed', async () => {
    const id = await ask();
    const owner = await owners.claim({ conversationId: id, claimer: person('ann') });
    expect(owner).toMatchObject({ platform: 'slack', userId: 'ann', displayName: 'ANN', assignedBy: 'slack:ann' });
    expect(await owners.owner(id)).toMatchObject({ userId: 'ann' });
    expect(jobs.events).toEqual([expect.objectContaining({ type: 'question.assigned', conversationId: id, assignee: { platform: 'slack', userId: 'ann' } })]);
    // Claiming oneself needs no message: only the card shows the new owner.
    expect((await deliveries(id)).map((entry) => entry.kind)).toEqual(['card.update']);
  });

  it('should refuse a claim when someone else owns the question, and keep the owner when they claim again', async () => {
    const id = await ask();
    await owners.claim({ conversationId: id, claimer: person('ann') });
    expect(hasCode(await rejection(owners.claim({ conversationId: id, claimer: person('bob') })), 'CONFLICT')).toBe(true);
    await owners.claim({ conversationId: id, claimer: person('ann') });
    expect(await owners.owner(id)).toMatchObject({ userId: 'ann' });
    expect(jobs.events).toHaveLength(1);
  });

  it('should replace the owner and tell the assignee privately when staff assigns a question', async () => {
    const id = await ask('Login fails');
    await owners.claim({ conversationId: id, claimer: person('ann') });
    await owners.assign({ conversationId: id, assignee: person('bob'), by: actor('lead'), role: 'staff' });
    expect(await owners.owner(id)).toMatchObject({ userId: 'bob', assignedBy: 'slack:lead' });
    const written = await deliveries(id);
    // Each owner change updates the card; only the assignee someone else chose is told privately.
    expect(written.map((entry) => `${entry.platform} ${entry.kind}`)).toEqual(['slack card.update', 'slack card.update', 'slack dm.post']);
    const dm = written.at(-1);
    expect(dm).toMatchObject({ kind: 'dm.post', platform: 'slack', payload: { userId: 'bob', title: 'Login fails', url: `https://discord.test/q${asked}` } });
    expect(dm?.payload['title']).toBe('Login fails');
    expect(jobs.events.at(-1)).toMatchObject({ type: 'question.assigned', assignee: { userId: 'bob' }, actor: { kind: 'person', userId: 'lead' } });
  });

  it('should refuse an assignment when the person acting is neither moderator nor staff', async () => {
    const id = await ask();
    const error = await rejection(owners.assign({ conversationId: id, assignee: person('bob'), by: actor('eve'), role: 'member' }));
    expect(hasCode(error, 'UNAUTHORIZED')).toBe(true);
    expect(await owners.owner(id)).toBeNull();
  });

  it('should remove the owner and publish an empty assignment when the owner unassigns themselves', async () => {
    const id = await ask();
    await owners.claim({ conversationId: id, claimer: person('ann') });
    expect(await owners.unassign({ conversationId: id, by: actor('ann'), role: 'member' })).toBe(true);
    expect(await owners.owner(id)).toBeNull();
    expect(jobs.events.at(-1)).toMatchObject({ type: 'question.assigned', assignee: null });
    expect(await owners.unassign({ conversationId: id, by: actor('ann'), role: 'member' })).toBe(false);
  });

  it('should hand questions out least recently assigned first, skipping anyone off duty or full, when round robin picks', async () => {
    const rota = { communityId: COMMUNITY, teamId: 'support' };
    for (const name of ['ann', 'bob', 'cid']) await owners.onDuty(person(name), rota, 'on');
    await owners.onDuty(person('cid'), rota, 'off');
    const picks: Array<string | undefined> = [];
    for (let i = 0; i < 5; i += 1) picks.push((await owners.roundRobin({ conversationId: await ask(), team: team(2) }))?.userId);
    // ann and bob alternate until each holds two open questions; cid is off duty.
    expect(picks).toEqual(['ann', 'bob', 'ann', 'bob', undefined]);
    const last = await ask();
    await db.pool.query(`UPDATE "Conversation" SET "status" = 'resolved' WHERE "id" IN (SELECT "conversationId" FROM "QuestionOwner" WHERE "userId" = 'bob' LIMIT 1)`);
    expect((await owners.roundRobin({ conversationId: last, team: team(2) }))?.userId).toBe('bob');
    const dm = (await deliveries(last)).find((entry) => entry.kind === 'dm.post');
    expect(dm).toMatchObject({ kind: 'dm.post', payload: { userId: 'bob' } });
  });

  it('should count a claim as an assignment when round robin weighs who had one last', async () => {
    const rota = { communityId: COMMUNITY, teamId: 'support' };
    await owners.onDuty(person('ann'), rota, 'on');
    await owners.onDuty(person('bob'), rota, 'on');
    expect((await owners.roundRobin({ conversationId: await ask(), team: team(5) }))?.userId).toBe('ann');
    await owners.claim({ conversationId: await ask(), claimer: person('bob') });
    expect((await owners.roundRobin({ conversationId: await ask(), team: team(5) }))?.userId).toBe('ann');
  });

  it('should keep the owner when round robin runs again for an owned question', async () => {
    await owners.onDuty(person('ann'), { communityId: COMMUNITY, teamId: 'support' }, 'on');
    await owners.onDuty(person('bob'), { communityId: COMMUNITY, teamId: 'support' }, 'on');
    const id = await ask();
    await owners.roundRobin({ conversationId: id, team: team(5) });
    expect(await owners.roundRobin({ conversationId: id, team: team(5) })).toMatchObject({ userId: 'ann' });
    expect(jobs.events).toHaveLength(1);
  });

  it('should assign by round robin when a question is routed to a team', async () => {
    owners.listen();
    await owners.onDuty(person('ann'), { communityId: COMMUNITY, teamId: 'support' }, 'on');
    const id = await ask();
    await jobs.transaction((tx) => jobs.publish(tx, { type: 'question.routed', conversationId: id, teamId: 'support', rule: 'all', actor: { kind: 'heimo' }, at: new Date().toISOString() }));
    expect(await owners.owner(id)).toMatchObject({ userId: 'ann', assignedBy: 'heimo' });
  });

  it('should never give out more slots than the capacity when two processes pick at once', async () => {
    const otherOwners = createOwners({ database: second, jobs: createTestJobs(second), outbox: createSqlOutboxWriter(), teams: teamsOf([team(2)]) });
    for (const name of ['ann', 'bob']) await owners.onDuty(person(name), { communityId: COMMUNITY, teamId: 'support' }, 'on');
    const questions = await Promise.all(Array.from({ length: 8 }, () => ask()));
    const picks = await Promise.all(questions.map((id, i) => (i % 2 === 0 ? owners : otherOwners).roundRobin({ conversationId: id, team: team(2) })));
    const given = picks.flatMap((pick) => (pick ? [pick.userId] : []));
    expect(given.sort()).toEqual(['ann', 'ann', 'bob', 'bob']);
    const { rows } = await db.pool.query<{ userId: string; n: number }>(`SELECT "userId", count(*)::int AS "n" FROM "QuestionOwner" GROUP BY "userId" ORDER BY "userId"`);
    expect(rows).toEqual([{ userId: 'ann', n: 2 }, { userId: 'bob', n: 2 }]);
  });
});
