import { describe, expect, it } from 'vitest';
import type { AuditDraft } from '../../../core/audit/index.ts';
import { createCommandRegistry, createCommandRunner, type CommandServices, type InvokingPerson } from '../../../core/commands/index.ts';
import type { CreditEntryView, CreditFlagView } from '../../../core/credits/index.ts';
import { translator } from '../../../core/i18n/index.ts';
import { createRecordingLogger, createRecordingServices, TEST_COMMUNITY } from '../../support/command-fixtures.ts';

const MOD: InvokingPerson = { userId: 'mod-1', displayName: 'Mona', roleIds: ['role-mod'], locale: 'en' };
const MEMBER: InvokingPerson = { userId: 'member-1', displayName: 'Max', roleIds: [], locale: 'en' };

function setUp(flags: CreditFlagView[] = []) {
  const { services } = createRecordingServices();
  const calls: { method: string; request: unknown }[] = [];
  const credits: NonNullable<CommandServices['credits']> = {
    give: async (request) => {
      calls.push({ method: 'give', request });
      return { id: 'e1', points: request.points } as CreditEntryView;
    },
    revoke: async (request) => {
      calls.push({ method: 'revoke', request });
      return { reversed: request.points };
    },
    leaderboard: async () => [],
    profile: async () => null,
    flags: async () => flags,
  };
  const audits: AuditDraft[] = [];
  const runner = createCommandRunner({
    registry: createCommandRegistry(), services: { ...services, credits }, permissions: () => TEST_COMMUNITY.permissions,
    audit: { record: async (draft) => void audits.push(draft) }, translator: (locale) => translator(locale, TEST_COMMUNITY.locale), logger: createRecordingLogger().logger,
  });
  const run = (command: string, args: Record<string, string> = {}, actor = MOD) => runner.run({ communityId: 'acme', platform: 'discord', actor, command, args });
  return { run, calls, audits };
}

describe('the credit commands', () => {
  it('should give points for a moderator and audit it when they run credit give', async () => {
    const { run, calls, audits } = setUp();
    expect(await run('credit give', { user: '4242', points: '5', reason: 'meetup talk' })).toEqual({ visibility: 'private', text: 'Gave 5 points: meetup talk' });
    expect(calls).toEqual([{ method: 'give', request: { communityId: 'acme', to: { platform: 'discord', userId: '4242' }, points: 5, reason: 'meetup talk', actor: expect.objectContaining({ kind: 'person', userId: 'mod-1' }) } }]);
    expect(audits).toContainEqual(expect.objectContaining({ command: 'credit give' }));
  });

  it('should revoke points when a moderator runs credit revoke', async () => {
    const { run, calls } = setUp();
    expect((await run('credit revoke', { user: '4242', points: '12', reason: 'ring' })).text).toBe('Took 12 points back: ring');
    expect(calls).toEqual([{ method: 'revoke', request: expect.objectContaining({ from: { platform: 'discord', userId: '4242' }, points: 12, reason: 'ring' }) }]);
  });

  it('should answer, and change nothing, when the points are not a positive whole number', async () => {
    const { run, calls } = setUp();
    for (const points of ['0', '-3', '2.5', 'ten', '10001']) expect((await run('credit give', { user: '4242', points, reason: 'r' })).text).toContain('whole number');
    expect(calls).toEqual([]);
  });

  it('should refuse a member who is not a moderator', async () => {
    const { run, calls } = setUp();
    const reply = await run('credit give', { user: 'member-1', points: '50', reason: 'me' }, MEMBER);
    expect(reply.visibility).toBe('private');
    expect(calls).toEqual([]);
  });

  it('should list open ring flags with their members and evidence when a moderator asks', async () => {
    const flag: CreditFlagView = {
      id: 'f1', communityId: 'acme', status: 'open', flaggedAt: new Date('2026-12-03T10:00:00Z'),
      members: [{ personId: 'p1', displayName: 'Ann' }, { personId: 'p2', displayName: 'Bob' }], evidence: { credits: 4, share: 0.8, windowDays: 30 },
    };
    expect((await setUp([flag]).run('credit flags')).text).toBe('Open credit ring flags:\n- Ann, Bob: 4 credits among them, 80 % of what they received, over 30 days (flagged 2026-12-03)');
    expect((await setUp().run('credit flags')).text).toBe('No open credit ring flags.');
  });
});
