import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { servicesFixture, type ServicesFixture } from './services-fixture.ts';

const staffInSlack = { userId: 'U-ann', displayName: 'Ann', userGroupIds: ['S-support'] };
const memberInSlack = { userId: 'U-joe', displayName: 'Joe' };

describe('the command port on the real database', () => {
  let db: TestDatabase;
  let f: ServicesFixture;
  const status = async (id: string) => (await f.rows<{ status: string }>(`SELECT "status" FROM "Conversation" WHERE "id" = $1::text`, [id]))[0]?.status;
  const audit = (command: string) => f.rows<{ communityId: string; outcome: string; conversationId: string | null; actorId: string }>(
    `SELECT "communityId", "outcome", "conversationId", "actorId" FROM "CommandAudit" WHERE "command" = $1::text ORDER BY "at"`, [command]);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(async () => {
    await db.pool.query(`DELETE FROM "CommandAudit"`);
    f = servicesFixture(db);
  });

  it('should claim the question of the card thread for staff in its team channel, publicly, and audit it under that community', async () => {
    const q = await f.seed();
    const reply = await f.port.run({ platform: 'slack', actor: staffInSlack, command: 'claim', args: {}, channelId: 'S-support', question: { platform: 'slack', channelId: 'S-support', threadId: q.cardTs } });
    expect(reply.visibility).toBe('public');
    expect(reply.text).toContain('Ann');
    expect(await status(q.conversationId)).toBe('claimed');
    expect(await audit('claim')).toEqual([{ communityId: 'acme', outcome: 'allowed', conversationId: q.conversationId, actorId: 'U-ann' }]);
  });

  it('should refuse privately, change nothing and audit the denial when someone without staff rights claims', async () => {
    const q = await f.seed();
    const reply = await f.port.run({ platform: 'slack', actor: memberInSlack, command: 'claim', args: {}, channelId: 'S-support', question: { platform: 'slack', channelId: 'S-support', threadId: q.cardTs } });
    expect(reply.visibility).toBe('private');
    expect(await status(q.conversationId)).toBe('open');
    expect(await f.owners.owner(q.conversationId)).toBeNull();
    expect(await audit('claim')).toEqual([expect.objectContaining({ communityId: 'acme', outcome: 'denied', actorId: 'U-joe' })]);
  });

  it('should find the community by the Discord guild and let the asker resolve with the message they marked', async () => {
    const q = await f.seed();
    const reply = await f.port.run({
      platform: 'discord', guildId: 'g1', actor: { userId: 'asker', displayName: 'Asker' }, command: 'mark-solution', args: {},
      channelId: q.discordThreadId, question: { platform: 'discord', channelId: q.discordThreadId, threadId: q.discordThreadId },
      targetMessage: { platform: 'discord', channelId: q.discordThreadId, messageId: q.answerCopyId },
    });
    expect(reply.visibility).toBe('public');
    expect(await status(q.conversationId)).toBe('resolved');
    expect(await audit('mark-solution')).toEqual([expect.objectContaining({ communityId: 'acme', outcome: 'allowed' })]);
  });

  it('should find the community from a typed link when the channel belongs to no community', async () => {
    const q = await f.seed();
    const reply = await f.port.run({ platform: 'slack', actor: staffInSlack, command: 'status', args: { question: `https://discord.com/channels/g1/${q.discordThreadId}` }, channelId: 'D-direct' });
    expect(reply.text).toContain(`Question`);
    expect(await audit('status')).toEqual([expect.objectContaining({ communityId: 'acme', outcome: 'allowed', conversationId: q.conversationId })]);
  });

  it('should answer privately in the person\'s language and run nothing when no community owns the place', async () => {
    const reply = await f.port.run({ platform: 'discord', guildId: 'g-unknown', actor: { userId: 'x', displayName: 'X', locale: 'fi' }, command: 'help', args: {} });
    expect(reply).toEqual({ visibility: 'private', text: expect.stringContaining('Heimo') });
    expect(reply.text).toMatch(/kanavalla/);
    expect(await audit('help')).toEqual([]);
  });

  it('should render every command from the one registry and its texts in the asked language', () => {
    expect(f.port.definitions.map((definition) => definition.name)).toEqual(expect.arrayContaining(['claim', 'assign', 'resolve', 'mark-solution', 'move', 'queue', 'onduty', 'deliveries']));
    expect(f.port.text('command.claim.description', 'fi')).not.toBe(f.port.text('command.claim.description', 'en'));
  });
});
