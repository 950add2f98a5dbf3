import { describe, expect, it } from 'vitest';
import { pickAssignee, type Candidate } from '../../../core/owners/index.ts';

const member = (userId: string, over: Partial<Candidate> = {}): Candidate => ({
  platform: 'slack',
  userId,
  displayName: userId,
  onDuty: true,
  lastAssignedAt: new Date('2026-12-01T10:00:00Z'),
  openQuestions: 0,
  ...over,
});

describe('pickAssignee', () => {
  it('should pick the member assigned least recently when several are available', () => {
    const rota = [
      member('ann', { lastAssignedAt: new Date('2026-12-02T10:00:00Z') }),
      member('bob', { lastAssignedAt: new Date('2026-12-01T08:00:00Z') }),
      member('cid', { lastAssignedAt: new Date('2026-12-01T09:00:00Z') }),
    ];
    expect(pickAssignee(rota, 5)?.userId).toBe('bob');
  });

  it('should pick a member never assigned before anyone assigned when one exists', () => {
    expect(pickAssignee([member('ann'), member('zed', { lastAssignedAt: null })], 5)?.userId).toBe('zed');
  });

  it('should skip a member at capacity when they are the least recent', () => {
    const rota = [member('ann', { lastAssignedAt: null, openQuestions: 3 }), member('bob', { openQuestions: 2 })];
    expect(pickAssignee(rota, 3)?.userId).toBe('bob');
  });

  it('should skip a member off duty when they are the least recent', () => {
    const rota = [member('ann', { lastAssignedAt: null, onDuty: false }), member('bob')];
    expect(pickAssignee(rota, 5)?.userId).toBe('bob');
  });

  it('should return none when everyone is off duty or full', () => {
    const rota = [member('ann', { onDuty: false }), member('bob', { openQuestions: 5 })];
    expect(pickAssignee(rota, 5)).toBeNull();
    expect(pickAssignee([], 5)).toBeNull();
  });

  it('should break ties by platform and user id when members were assigned at the same moment', () => {
    const rota = [member('bob', { platform: 'teams' }), member('cid'), member('ann', { platform: 'teams' })];
    expect(pickAssignee(rota, 5)).toMatchObject({ platform: 'slack', userId: 'cid' });
  });

  it('should take nobody when the capacity is zero', () => {
    expect(pickAssignee([member('ann')], 0)).toBeNull();
  });
});
