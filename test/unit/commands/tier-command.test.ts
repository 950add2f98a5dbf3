import { describe, expect, it } from 'vitest';
import type { AuditDraft } from '../../../core/audit/index.ts';
import { createCommandRegistry, createCommandRunner, type CommandServices, type InvokingPerson } from '../../../core/commands/index.ts';
import type { Actor } from '../../../core/domain/domain-events.ts';
import { translator } from '../../../core/i18n/index.ts';
import { createRecordingLogger, createRecordingServices, TEST_COMMUNITY } from '../../support/command-fixtures.ts';

const MODERATOR: InvokingPerson = { userId: '811223344556677889', displayName: 'Mia', roleIds: ['role-mod'], locale: 'en' };
const MEMBER: InvokingPerson = { userId: '811223344556677890', displayName: 'Kaisa', roleIds: [], locale: 'fi' };

function setUp(withRecognition = true) {
  const { services } = createRecordingServices();
  const recomputed: Array<{ communityId: string; actor: Actor }> = [];
  const recognition: CommandServices['recognition'] = {
    recompute: async (communityId, actor) => {
      recomputed.push({ communityId, actor });
      return { promoted: 2, demoted: 1 };
    },
    holdings: async () => new Map(),
  };
  const audits: AuditDraft[] = [];
  const runner = createCommandRunner({
    registry: createCommandRegistry(), services: withRecognition ? { ...services, recognition } : services, permissions: () => TEST_COMMUNITY.permissions,
    audit: { record: async (draft) => void audits.push(draft) }, translator: (locale) => translator(locale, TEST_COMMUNITY.locale), logger: createRecordingLogger().logger,
  });
  const run = (actor: InvokingPerson) => runner.run({ communityId: 'acme', platform: 'discord', actor, command: 'tier recompute', args: {} });
  return { run, recomputed, audits };
}

describe('the tier recompute command', () => {
  it('should recompute the community’s tiers for a moderator and tell the counts privately when a moderator runs it', async () => {
    const { run, recomputed, audits } = setUp();
    expect(await run(MODERATOR)).toEqual({ visibility: 'private', text: 'Tiers recomputed: 2 promoted, 1 demoted.' });
    expect(recomputed).toEqual([{ communityId: 'acme', actor: { kind: 'person', platform: 'discord', userId: MODERATOR.userId, displayName: 'Mia' } }]);
    expect(audits).toMatchObject([{ command: 'tier recompute', outcome: 'allowed', actorId: MODERATOR.userId }]);
  });

  it('should refuse and recompute nothing when a member runs it', async () => {
    const { run, recomputed, audits } = setUp();
    const reply = await run(MEMBER);
    expect(reply.visibility).toBe('private');
    expect(reply.text).not.toContain('Tasot laskettu');
    expect(recomputed).toEqual([]);
    expect(audits).toMatchObject([{ command: 'tier recompute', outcome: 'denied' }]);
  });

  it('should say tiers are not available when recognition is not wired', async () => {
    const { run } = setUp(false);
    expect((await run(MODERATOR)).text).toBe('Tiers are not available here.');
  });
});
