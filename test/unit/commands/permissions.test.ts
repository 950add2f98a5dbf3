import { describe, expect, it } from 'vitest';
import { isAllowed, privilegeOf, type InvokingPerson, type Privilege } from '../../../core/commands/index.ts';
import { NO_PERMISSIONS } from '../../../core/domain/network.ts';
import type { Platform } from '../../../core/domain/types.ts';
import { TEST_PERMISSIONS } from '../../support/command-fixtures.ts';

const person = (extra: Partial<InvokingPerson>): InvokingPerson => ({ userId: 'u1', displayName: 'U', ...extra });

// Each platform's role source, and who holds what there.
const CASES: Array<{ platform: Platform; who: string; person: InvokingPerson; privilege: Privilege }> = [
  { platform: 'discord', who: 'a moderator role', person: person({ roleIds: ['other', 'role-mod'] }), privilege: 'moderator' },
  { platform: 'discord', who: 'a staff role', person: person({ roleIds: ['role-staff'] }), privilege: 'staff' },
  { platform: 'discord', who: 'no listed role', person: person({ roleIds: ['other'], userGroupIds: ['S-mods'] }), privilege: 'none' },
  { platform: 'slack', who: 'a moderator user group', person: person({ userGroupIds: ['S-mods'] }), privilege: 'moderator' },
  { platform: 'slack', who: 'a staff user group', person: person({ userGroupIds: ['S-support'] }), privilege: 'staff' },
  { platform: 'slack', who: 'membership of a staff channel', person: person({ channelIds: ['C-random', 'C-support'] }), privilege: 'staff' },
  { platform: 'slack', who: 'no listed group or channel', person: person({ userGroupIds: ['S-other'], roleIds: ['role-mod'] }), privilege: 'none' },
  { platform: 'teams', who: 'a moderator team', person: person({ teamIds: ['team-mods'] }), privilege: 'moderator' },
  { platform: 'teams', who: 'a staff team', person: person({ teamIds: ['team-support'] }), privilege: 'staff' },
  { platform: 'teams', who: 'no listed team', person: person({ teamIds: ['team-x'], userGroupIds: ['S-support'] }), privilege: 'none' },
];

describe('privilege from the platform role source', () => {
  it.each(CASES)('should be $privilege on $platform when the person holds $who', ({ platform, person: who, privilege }) => {
    expect(privilegeOf(TEST_PERMISSIONS, platform, who)).toBe(privilege);
  });

  it('should make nobody privileged when the network file grants nothing', () => {
    for (const { platform, person: who } of CASES) expect(privilegeOf(NO_PERMISSIONS, platform, who)).toBe('none');
  });
});

describe('permission levels', () => {
  const LEVELS = ['anyone', 'asker', 'asker-or-staff', 'staff', 'moderator'] as const;
  // Expected for [moderator, staff, asker without role, nobody].
  const EXPECTED: Record<(typeof LEVELS)[number], boolean[]> = {
    anyone: [true, true, true, true],
    // Only the person who asked: a moderator who did not ask may not press "This solved it" for them.
    asker: [false, false, true, false],
    'asker-or-staff': [true, true, true, false],
    staff: [true, true, false, false],
    moderator: [true, false, false, false],
  };
  const HOLDERS: Array<{ privilege: Privilege; asker: boolean }> = [
    { privilege: 'moderator', asker: false },
    { privilege: 'staff', asker: false },
    { privilege: 'none', asker: true },
    { privilege: 'none', asker: false },
  ];

  it.each(LEVELS)('should allow exactly the expected holders when the command needs %s', async (level) => {
    const allowed = await Promise.all(HOLDERS.map((holder) => isAllowed(level, holder.privilege, async () => holder.asker)));
    expect(allowed).toEqual(EXPECTED[level]);
  });

  it('should not look up the asker when a role already decides', async () => {
    let lookups = 0;
    const asker = async (): Promise<boolean> => (lookups += 1, true);
    await isAllowed('asker-or-staff', 'staff', asker);
    await isAllowed('staff', 'none', asker);
    await isAllowed('moderator', 'staff', asker);
    expect(lookups).toBe(0);
  });
});
