import { describe, expect, it } from 'vitest';
import type { AuditDraft } from '../../../core/audit/index.ts';
import { createCommandRegistry, createCommandRunner, parseCommandText, type InvokingPerson } from '../../../core/commands/index.ts';
import { translator } from '../../../core/i18n/index.ts';
import { FORGOTTEN_NAME } from '../../../core/privacy/index.ts';
import { createRecordingLogger, createRecordingServices, TEST_COMMUNITY } from '../../support/command-fixtures.ts';

const MEMBER: InvokingPerson = { userId: '811223344556677889', displayName: 'Kaisa', roleIds: [], locale: 'en' };

function setUp() {
  const { services, calls } = createRecordingServices();
  const audits: AuditDraft[] = [];
  const { logger } = createRecordingLogger();
  const runner = createCommandRunner({
    registry: createCommandRegistry(), services, permissions: () => TEST_COMMUNITY.permissions,
    audit: { record: async (draft) => void audits.push(draft) }, translator: (locale) => translator(locale, TEST_COMMUNITY.locale), logger,
  });
  const run = (args: Record<string, string | boolean> = {}) => runner.run({ communityId: 'acme', platform: 'discord', actor: MEMBER, command: 'privacy', args });
  return { run, calls, audits };
}

const person = { platform: 'discord', userId: MEMBER.userId };

describe('the privacy command', () => {
  it('should show anyone their own choices privately when they give no action', async () => {
    const { run, calls } = setUp();
    expect(await run()).toEqual({ visibility: 'private', text: expect.stringContaining('Your name in articles: **not shown**') });
    expect(calls).toEqual([{ method: 'privacy.choices', request: person }]);
  });

  it('should save the choice for the person who ran it when they say on or off', async () => {
    const { run, calls } = setUp();
    const reply = await run({ action: 'name', on: 'yes' });
    expect(reply.text).toMatch(/^Saved\. Your name in articles: \*\*shown where the community names people\*\*/);
    await run({ action: 'index', on: false });
    expect(calls).toEqual([
      { method: 'privacy.setChoices', request: { person, changes: { showName: true } } },
      { method: 'privacy.setChoices', request: { person, changes: { indexable: false } } },
    ]);
  });

  it('should put the person on the public board or take them off it when they run privacy board on or off', async () => {
    const { run, calls } = setUp();
    expect((await run()).text).toContain('You on the public leaderboard and your people page: **not shown**');
    expect((await run({ action: 'board', on: 'yes' })).text).toContain('You on the public leaderboard and your people page: **shown**');
    await run({ action: 'board', on: 'off' });
    expect(calls.slice(1)).toEqual([
      { method: 'privacy.setChoices', request: { person, changes: { showOnBoard: true } } },
      { method: 'privacy.setChoices', request: { person, changes: { showOnBoard: false } } },
    ]);
  });

  it('should ask for on or off and change nothing when a choice comes without it', async () => {
    const { run, calls } = setUp();
    expect((await run({ action: 'index' })).text).toBe('Say yes or no: `privacy index on` or `privacy index off`.');
    expect(calls).toEqual([]);
  });

  it('should ask to confirm and forget nobody when forget comes without confirm', async () => {
    const { run, calls, audits } = setUp();
    for (const args of [{ action: 'forget' }, { action: 'forget', confirm: 'no' }]) expect((await run(args)).text).toContain('cannot be undone');
    expect(calls).toEqual([]);
    // Nobody was forgotten: these runs are audited as anyone's.
    expect(audits.map((audit) => audit.actorId)).toEqual([MEMBER.userId, MEMBER.userId]);
  });

  it('should forget the person and audit the run without their id or name when they confirm', async () => {
    const { run, calls, audits } = setUp();
    expect(await run({ action: 'forget', confirm: 'yes' })).toEqual({ visibility: 'private', text: expect.stringContaining('Heimo has forgotten you') });
    expect(calls).toEqual([{ method: 'privacy.forget', request: person }]);
    expect(audits).toMatchObject([{ command: 'privacy', outcome: 'allowed', actorId: 'forgotten', actorName: FORGOTTEN_NAME, args: { action: 'forget', confirm: 'yes' } }]);
    expect(JSON.stringify(audits)).not.toContain(MEMBER.userId);
  });

  it('should read the action, on and confirm in order when they are typed (Slack, Teams)', () => {
    const registry = createCommandRegistry();
    expect(parseCommandText('privacy name off', registry)).toEqual({ command: 'privacy', args: { action: 'name', on: 'off' } });
    expect(parseCommandText('privacy forget confirm=yes', registry)).toEqual({ command: 'privacy', args: { action: 'forget', confirm: 'yes' } });
  });
});
