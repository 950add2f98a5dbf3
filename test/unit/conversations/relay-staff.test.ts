import { describe, expect, it } from 'vitest';
import { alongside, holdsStaffRole } from '../../../core/conversations/relay-staff.ts';
import { NO_PERMISSIONS } from '../../../core/domain/network.ts';
import type { Tx } from '../../../core/jobs/index.ts';

const community = { permissions: { ...NO_PERMISSIONS, discord: { moderatorRoleIds: ['r-mod'], staffRoleIds: ['r-staff'] } } };
const author = { platformUserId: 'u1', displayName: 'Ann', isBot: false };

describe('holdsStaffRole', () => {
  it('should be true when a Discord author holds one of the staff roles among others', () => {
    expect(holdsStaffRole(community, { platform: 'discord', author, authorRoleIds: ['r-x', 'r-staff'] })).toBe(true);
  });

  it('should be false when the author holds only other roles, none, or the platform said nothing', () => {
    expect(holdsStaffRole(community, { platform: 'discord', author, authorRoleIds: ['r-mod'] })).toBe(false);
    expect(holdsStaffRole(community, { platform: 'discord', author, authorRoleIds: [] })).toBe(false);
    expect(holdsStaffRole(community, { platform: 'discord', author })).toBe(false);
  });

  it('should be false when the author is a bot or writes on an employee platform', () => {
    expect(holdsStaffRole(community, { platform: 'discord', author: { ...author, isBot: true }, authorRoleIds: ['r-staff'] })).toBe(false);
    expect(holdsStaffRole(community, { platform: 'slack', author, authorRoleIds: ['r-staff'] })).toBe(false);
  });
});

describe('alongside', () => {
  it('should run both works in order with the message id when both are there', async () => {
    const ran: string[] = [];
    const work = alongside(async (_tx, id) => void ran.push(`a:${id}`), async (_tx, id) => void ran.push(`b:${id}`));
    await work?.({} as Tx, 'm1');
    expect(ran).toEqual(['a:m1', 'b:m1']);
  });

  it('should be undefined when neither work is there', () => {
    expect(alongside(undefined, undefined)).toBeUndefined();
  });
});
