import { describe, expect, it } from 'vitest';
import type { AuditDraft } from '../../../core/audit/index.ts';
import { createCommandRegistry, createCommandRunner, type CommandServices, type InvokingPerson } from '../../../core/commands/index.ts';
import { HeimoError } from '../../../core/errors.ts';
import { translator } from '../../../core/i18n/index.ts';
import type { RateOutcome } from '../../../core/satisfaction/index.ts';
import { createRecordingLogger, createRecordingServices, TEST_COMMUNITY } from '../../support/command-fixtures.ts';

const ASKER: InvokingPerson = { userId: 'asker', displayName: 'Kaisa', roleIds: [], locale: 'en' };
const FINN: InvokingPerson = { userId: 'asker', displayName: 'Kaisa', roleIds: [], locale: 'fi' };

// The runner and the command over a satisfaction service that answers `outcome` (or throws it).
function setUp(outcome: RateOutcome | HeimoError | 'unwired') {
  const { services } = createRecordingServices();
  const rated: Array<{ conversationId: string; score: number; rater: { platform: string; userId: string } }> = [];
  const satisfaction: CommandServices['satisfaction'] = {
    rate: async (request) => {
      rated.push(request);
      if (outcome instanceof HeimoError) throw outcome;
      return outcome as RateOutcome;
    },
  };
  const audits: AuditDraft[] = [];
  const runner = createCommandRunner({
    registry: createCommandRegistry(), services: outcome === 'unwired' ? services : { ...services, satisfaction }, permissions: () => TEST_COMMUNITY.permissions,
    audit: { record: async (draft) => void audits.push(draft) }, translator: (locale) => translator(locale, TEST_COMMUNITY.locale), logger: createRecordingLogger().logger,
  });
  const run = (score: string, actor = ASKER) =>
    runner.run({ communityId: 'acme', platform: 'discord', actor, command: 'rate', args: { score }, question: { platform: 'discord', channelId: 'thread-1', threadId: 'thread-1' } });
  return { run, rated, audits };
}

describe('the rate command', () => {
  it('should rate the question for the person and thank them privately when the asker rates it', async () => {
    const { run, rated, audits } = setUp({ kind: 'rated', score: 4, previousScore: null });
    expect(await run('4')).toEqual({ visibility: 'private', text: 'Thanks, you rated this 4/5.' });
    expect(rated).toEqual([{ conversationId: 'conv-1', score: 4, rater: { platform: 'discord', userId: 'asker' } }]);
    expect(audits).toMatchObject([{ command: 'rate', outcome: 'allowed', args: { score: '4' } }]);
  });

  it('should name the earlier score in the person\'s language when they change their rating', async () => {
    const { run } = setUp({ kind: 'rated', score: 5, previousScore: 2 });
    expect(await run('5', FINN)).toEqual({ visibility: 'private', text: 'Kiitos, arviosi on nyt 5/5 (aiemmin 2/5).' });
  });

  it('should say so when the same score is given again', async () => {
    const { run } = setUp({ kind: 'unchanged', score: 3 });
    expect((await run('3')).text).toBe('You rated this 3/5 already.');
  });

  it('should explain each refusal privately when satisfaction refuses the rating', async () => {
    const cases: Array<[HeimoError, string]> = [
      [new HeimoError('UNAUTHORIZED', 'not the asker'), 'Only the person who asked this question can rate it.'],
      [new HeimoError('BAD_INPUT', 'out of range'), 'A rating is a whole number from 1 to 5.'],
      [new HeimoError('LIFECYCLE_INVALID', 'not solved'), 'This question is not solved: rate it once it is.'],
      [new HeimoError('CONFLICT', 'surveys off'), 'Satisfaction surveys are off here.'],
    ];
    for (const [error, text] of cases) expect(await setUp(error).run('4')).toEqual({ visibility: 'private', text });
  });

  it('should hand a score that is not a whole number to satisfaction as not a number when the person types one', async () => {
    const { run, rated } = setUp(new HeimoError('BAD_INPUT', 'out of range'));
    expect((await run('4.5')).text).toBe('A rating is a whole number from 1 to 5.');
    expect(rated[0]?.score).toBeNaN();
  });

  it('should say surveys are off when satisfaction is not wired', async () => {
    expect(await setUp('unwired').run('4')).toEqual({ visibility: 'private', text: 'Satisfaction surveys are off here.' });
  });
});
