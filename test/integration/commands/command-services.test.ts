import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PersonActor } from '../../../core/commands/index.ts';
import { clockKey } from '../../../core/clocks/index.ts';
import { hasCode } from '../../../core/errors.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { BILLING, SUPPORT, servicesFixture, type ServicesFixture } from './services-fixture.ts';
import { rejection } from '../../support/thrown.ts';

const ann: PersonActor = { kind: 'person', platform: 'slack', userId: 'U-ann', displayName: 'Ann' };
const asker: PersonActor = { kind: 'person', platform: 'discord', userId: 'asker', displayName: 'Asker' };

describe('command services on the real modules', () => {
  let db: TestDatabase;
  let f: ServicesFixture;
  const status = async (id: string) => (await f.rows<{ status: string }>(`SELECT "status" FROM "Conversation" WHERE "id" = $1::text`, [id]))[0]?.status;
  const outbox = (id: string) => f.rows<{ platform: string; kind: string; payload: Record<string, string>; status: string }>(`SELECT "platform", "kind", "payload", "status" FROM "OutboxEntry" WHERE "conversationId" = $1::text ORDER BY "seq"`, [id]);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(() => {
    f = servicesFixture(db);
  });

  it('should find a question by its Slack card thread, its Discord thread, its id and typed links when asked in its community', async () => {
    const q = await f.seed();
    const { find } = f.services.questions;
    expect(await find('acme', { platform: 'slack', channelId: 'S-support', threadId: q.cardTs })).toMatchObject({ conversationId: q.conversationId, status: 'open' });
    expect((await find('acme', { platform: 'discord', channelId: q.discordThreadId, threadId: q.discordThreadId }))?.conversationId).toBe(q.conversationId);
    expect((await find('acme', { conversationId: q.conversationId }))?.conversationId).toBe(q.conversationId);
    expect((await find('acme', { text: q.conversationId }))?.conversationId).toBe(q.conversationId);
    expect((await find('acme', { text: `https://discord.com/channels/g1/${q.discordThreadId}/123` }))?.conversationId).toBe(q.conversationId);
    expect((await find('acme', { text: `<https://acme.slack.com/archives/S-support/p${q.cardTs.replace('.', '')}>` }))?.conversationId).toBe(q.conversationId);
    expect(await find('other', { conversationId: q.conversationId })).toBeNull();
    expect(await find('acme', { text: 'https://discord.com/channels/g1/nothing-here' })).toBeNull();
  });

  it('should know the asker and nobody else when asked who asked', async () => {
    const q = await f.seed();
    expect(await f.services.questions.isAsker(q.conversationId, { platform: 'discord', userId: 'asker' })).toBe(true);
    expect(await f.services.questions.isAsker(q.conversationId, { platform: 'discord', userId: 'someone' })).toBe(false);
  });

  it('should set the status claimed, the owner and the history when staff claim a question', async () => {
    const q = await f.seed();
    await f.services.owners.claim({ conversationId: q.conversationId, actor: ann });
    expect(await status(q.conversationId)).toBe('claimed');
    expect(await f.owners.owner(q.conversationId)).toMatchObject({ platform: 'slack', userId: 'U-ann', displayName: 'Ann' });
    expect(await f.rows(`SELECT "from", "to", "action", "actorUserId" FROM "StatusChange" WHERE "conversationId" = $1::text`, [q.conversationId])).toEqual([{ from: 'open', to: 'claimed', action: 'claim', actorUserId: 'U-ann' }]);
    expect(f.jobs.events.map((event) => event.type)).toEqual(['question.assigned', 'question.status_changed']);
  });

  it('should refuse with CONFLICT and change nothing when someone else owns the question or it is closed', async () => {
    const q = await f.seed();
    await f.services.owners.claim({ conversationId: q.conversationId, actor: ann });
    const bob: PersonActor = { kind: 'person', platform: 'slack', userId: 'U-bob', displayName: 'Bob' };
    expect(hasCode(await rejection(f.services.owners.claim({ conversationId: q.conversationId, actor: bob })), 'CONFLICT')).toBe(true);
    expect(await f.owners.owner(q.conversationId)).toMatchObject({ userId: 'U-ann' });
    const closed = await f.seed();
    await f.services.lifecycle.close({ conversationId: closed.conversationId, actor: ann });
    expect(hasCode(await rejection(f.services.owners.claim({ conversationId: closed.conversationId, actor: ann })), 'CONFLICT')).toBe(true);
    expect(await f.owners.owner(closed.conversationId)).toBeNull();
  });

  it('should make the assignee owner, claim the question and queue their private message when staff assign it', async () => {
    const q = await f.seed();
    const { displayName } = await f.services.owners.assign({ conversationId: q.conversationId, actor: ann, assignee: { platform: 'slack', userId: 'U-erin' } });
    expect(displayName).toBe('Erin'); // the name Heimo knows from the account
    expect(await f.owners.owner(q.conversationId)).toMatchObject({ userId: 'U-erin', assignedBy: 'slack:U-ann' });
    expect(await status(q.conversationId)).toBe('claimed');
    // The owner change also updates the card; the assignee's private message is among the deliveries.
    const dm = (await outbox(q.conversationId)).find((entry) => entry.kind === 'dm.post');
    expect(dm).toMatchObject({ platform: 'slack', kind: 'dm.post', payload: { userId: 'U-erin' } });
    expect(dm?.payload['by']).toBe('Ann');
  });

  it('should resolve with the source message and publish question.resolved when the asker marks Heimo\'s copy of an answer', async () => {
    const q = await f.seed();
    await f.services.lifecycle.resolve({ conversationId: q.conversationId, actor: asker, solution: { platform: 'discord', channelId: q.discordThreadId, messageId: q.answerCopyId } });
    expect(await status(q.conversationId)).toBe('resolved');
    expect(await f.rows(`SELECT "solutionMessageId", "solutionPlatform", "solutionAuthorId", "acceptedByUserId" FROM "Resolution" WHERE "conversationId" = $1::text`, [q.conversationId]))
      .toEqual([{ solutionMessageId: q.answerId, solutionPlatform: 'slack', solutionAuthorId: 'U-erin', acceptedByUserId: 'asker' }]);
    expect(f.jobs.events).toContainEqual(expect.objectContaining({ type: 'question.resolved', conversationId: q.conversationId, solution: { messageId: q.answerId, platform: 'slack', authorId: 'U-erin' } }));
  });

  it('should resolve with the latest employee answer without a target, and refuse a message of another question', async () => {
    const q = await f.seed();
    const other = await f.seed();
    expect(hasCode(await rejection(f.services.lifecycle.resolve({ conversationId: q.conversationId, actor: ann, solution: { platform: 'discord', channelId: other.discordThreadId, messageId: other.answerCopyId } })), 'NOT_FOUND')).toBe(true);
    expect(await status(q.conversationId)).toBe('open');
    await f.services.lifecycle.resolve({ conversationId: q.conversationId, actor: ann });
    expect((await f.rows<{ solutionMessageId: string }>(`SELECT "solutionMessageId" FROM "Resolution" WHERE "conversationId" = $1::text`, [q.conversationId]))[0]?.solutionMessageId).toBe(q.answerId);
    const unanswered = await f.seed({ answered: false });
    expect(hasCode(await rejection(f.services.lifecycle.resolve({ conversationId: unanswered.conversationId, actor: ann })), 'CONFLICT')).toBe(true);
  });

  it('should reopen a resolved question and close it with the reason in its history', async () => {
    const q = await f.seed();
    await f.services.lifecycle.resolve({ conversationId: q.conversationId, actor: asker });
    await f.services.lifecycle.reopen({ conversationId: q.conversationId, actor: asker });
    expect(await status(q.conversationId)).toBe('open');
    expect(hasCode(await rejection(f.services.lifecycle.reopen({ conversationId: q.conversationId, actor: asker })), 'CONFLICT')).toBe(true);
    await f.services.lifecycle.close({ conversationId: q.conversationId, actor: ann, reason: 'duplicate' });
    expect(await status(q.conversationId)).toBe('closed');
    expect(await f.rows(`SELECT "action", "reason" FROM "StatusChange" WHERE "conversationId" = $1::text AND "to" = 'closed'`, [q.conversationId])).toEqual([{ action: 'close', reason: 'duplicate' }]);
  });

  it('should record the route, leave a note on the old card and post a new card when staff move a question', async () => {
    const q = await f.seed();
    const { teamName } = await f.services.routing.move({ conversationId: q.conversationId, actor: ann, team: 'billing' });
    expect(teamName).toBe('Billing');
    expect(await f.rows(`SELECT "teamId", "rule" FROM "QuestionRoute" WHERE "conversationId" = $1::text`, [q.conversationId])).toEqual([{ teamId: 'billing', rule: 'moved' }]);
    expect(await f.rows(`SELECT "destinationChannelId" FROM "Conversation" WHERE "id" = $1::text`, [q.conversationId])).toEqual([{ destinationChannelId: BILLING.destination.channelId }]);
    const [note, card] = await outbox(q.conversationId);
    expect(note).toMatchObject({ platform: 'slack', kind: 'notice.post', payload: { channelId: 'S-support', threadId: q.cardTs, cardMessageId: q.cardTs, movedTo: 'billing' } });
    expect(note?.payload['text']).toContain('Billing');
    expect(card).toMatchObject({ platform: 'slack', kind: 'card.post' });
    // The old card no longer stands for the question; the new card's link takes its place when posted.
    expect(await f.services.questions.find('acme', { platform: 'slack', channelId: 'S-support', threadId: q.cardTs })).toBeNull();
    expect(f.jobs.events).toContainEqual(expect.objectContaining({ type: 'question.routed', conversationId: q.conversationId, teamId: 'billing', rule: 'moved' }));
    expect(hasCode(await rejection(f.services.routing.move({ conversationId: q.conversationId, actor: ann, team: 'Billing' })), 'CONFLICT')).toBe(true);
    expect(hasCode(await rejection(f.services.routing.move({ conversationId: q.conversationId, actor: ann, team: 'nobody' })), 'NOT_FOUND')).toBe(true);
  });

  it('should list a team\'s open questions oldest first with their running clocks when the queue is asked in its channel', async () => {
    await db.pool.query(`UPDATE "Conversation" SET "status" = 'closed'`);
    const newer = await f.seed({ askedAt: new Date('2026-12-03T08:00:00Z') });
    const older = await f.seed({ askedAt: new Date('2026-12-02T08:00:00Z') });
    await f.seed({ team: BILLING });
    const done = await f.seed({ askedAt: new Date('2026-12-01T08:00:00Z') });
    await f.services.lifecycle.close({ conversationId: done.conversationId, actor: ann });
    await f.jobs.transaction((tx) => f.clocks.startClocks(tx, { conversationId: older.conversationId, tier: { firstResponseMs: 3_600_000 }, team: SUPPORT, openedAt: new Date('2026-12-02T08:00:00Z') }));
    const listed = await f.services.queue.list({ communityId: 'acme', person: { platform: 'slack', userId: 'U-ann' }, channelId: 'S-support' });
    expect(listed.team).toEqual({ id: 'support', name: 'Support' });
    expect(listed.questions.map((view) => view.conversationId)).toEqual([older.conversationId, newer.conversationId]);
    expect(listed.questions[0]?.clocks).toEqual([{ kind: 'first-response', dueAt: new Date('2026-12-02T09:00:00Z'), breached: false }]);
    expect(f.jobs.timers.has(clockKey('first-response', older.conversationId))).toBe(true);
    expect((await f.services.queue.list({ communityId: 'acme', person: { platform: 'slack', userId: 'U-ann' }, team: 'Billing' })).questions).toHaveLength(1);
  });

  it('should put a person on duty in the team of the channel and report it when asked without a choice', async () => {
    const person = { platform: 'slack' as const, userId: 'U-duty', displayName: 'Dee' };
    expect(await f.services.owners.onDuty({ communityId: 'acme', person, onDuty: true, channelId: 'S-billing' })).toEqual({ onDuty: true });
    expect(await f.rows(`SELECT "teamId", "onDuty" FROM "TeamMember" WHERE "userId" = 'U-duty'`)).toEqual([{ teamId: 'billing', onDuty: true }]);
    expect(await f.services.owners.onDuty({ communityId: 'acme', person })).toEqual({ onDuty: true });
    await f.services.owners.onDuty({ communityId: 'acme', person, onDuty: false });
    expect(await f.rows(`SELECT "teamId", "onDuty" FROM "TeamMember" WHERE "userId" = 'U-duty'`)).toEqual([{ teamId: 'billing', onDuty: false }]);
    expect(hasCode(await rejection(f.services.owners.onDuty({ communityId: 'acme', person: { platform: 'slack', userId: 'U-new' }, onDuty: true })), 'BAD_INPUT')).toBe(true);
  });

  it('should list and revive only the community\'s dead deliveries when a moderator retries them', async () => {
    const ours = await f.seed();
    const theirs = await f.seed({ communityId: 'other', team: null });
    for (const id of [ours.conversationId, theirs.conversationId]) {
      await db.pool.query(
        `INSERT INTO "OutboxEntry" ("id", "conversationId", "seq", "platform", "kind", "payload", "status", "attempts", "lastError") VALUES ($1::text, $2::text, 900, 'slack', 'card.update', '{}'::jsonb, 'dead', 12, 'boom')`,
        [`dead-${id}`, id],
      );
    }
    expect((await f.services.deliveries.listDead('acme')).map((entry) => entry.id)).toEqual([`dead-${ours.conversationId}`]);
    expect(hasCode(await rejection(f.services.deliveries.retry({ communityId: 'acme', ids: [`dead-${theirs.conversationId}`] })), 'NOT_FOUND')).toBe(true);
    expect(await f.services.deliveries.retry({ communityId: 'acme' })).toEqual({ streams: 1 });
    expect(f.scheduled).toEqual([{ conversationId: ours.conversationId, platform: 'slack' }]);
    expect((await outbox(ours.conversationId)).map((entry) => entry.status)).toEqual(['pending']);
    expect((await outbox(theirs.conversationId)).map((entry) => entry.status)).toEqual(['dead']);
  });
});
