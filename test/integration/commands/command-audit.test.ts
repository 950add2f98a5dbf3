import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlAuditStore, type AuditLog } from '../../../core/audit/index.ts';
import { createCommandRegistry, createCommandRunner, type CommandRunner } from '../../../core/commands/index.ts';
import { translator } from '../../../core/i18n/index.ts';
import { sqlRunner } from '../../../core/infra/store/sql-support.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createRecordingLogger, createRecordingServices, TEST_COMMUNITY } from '../../support/command-fixtures.ts';

describe('command audit in the database', () => {
  let db: TestDatabase;
  let audit: AuditLog;
  let runner: CommandRunner;
  let now = new Date('2026-12-03T08:00:00.000Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    audit = createSqlAuditStore(sqlRunner(db));
    runner = createCommandRunner({
      registry: createCommandRegistry(),
      services: createRecordingServices().services,
      permissions: () => TEST_COMMUNITY.permissions,
      audit,
      translator: (locale) => translator(locale, TEST_COMMUNITY.locale),
      logger: createRecordingLogger().logger,
      clock: () => now,
    });
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('should write a row for an allowed run and one for a denied run when both happen', async () => {
    await runner.run({
      communityId: 'acme', platform: 'teams', command: 'close', args: { reason: 'duplicate of #12' },
      actor: { userId: 'aad-1', displayName: 'Tiina', teamIds: ['team-support'] }, question: { conversationId: 'conv-1' },
    });
    now = new Date('2026-12-03T08:05:00.000Z');
    await runner.run({
      communityId: 'acme', platform: 'discord', command: 'claim', args: {},
      actor: { userId: 'd-7', displayName: 'Member', roleIds: ['member'] }, question: { platform: 'discord', channelId: 'forum', threadId: 'thread-1' },
    });

    const rows = await audit.list();
    expect(rows).toEqual([
      {
        id: expect.any(String), at: new Date('2026-12-03T08:00:00.000Z'), communityId: 'acme', platform: 'teams', actorId: 'aad-1', actorName: 'Tiina',
        command: 'close', args: { reason: 'duplicate of #12' }, conversationId: 'conv-1', outcome: 'allowed', detail: null,
      },
      {
        id: expect.any(String), at: new Date('2026-12-03T08:05:00.000Z'), communityId: 'acme', platform: 'discord', actorId: 'd-7', actorName: 'Member',
        command: 'claim', args: {}, conversationId: null, outcome: 'denied', detail: 'needs staff, has none',
      },
    ]);
  });

  it('should read only runs from the given moment on when since is given', async () => {
    const rows = await audit.list({ since: new Date('2026-12-03T08:01:00.000Z') });
    expect(rows.map((row) => row.command)).toEqual(['claim']);
    expect(await audit.list({ since: new Date('2026-12-03T09:00:00.000Z') })).toEqual([]);
  });
});
