import type { PermissionsConfig } from '../domain/network.ts';
import type { Platform } from '../domain/types.ts';
import type { CommandPermission, InvokingPerson } from './types.ts';

/** What the network file makes a person on one platform: moderator, staff or neither. */
export type Privilege = 'moderator' | 'staff' | 'none';

const holdsAny = (held: readonly string[] | undefined, granted: readonly string[]): boolean =>
  held !== undefined && held.some((id) => granted.includes(id));

/**
 * The person's privilege from their platform's role source: Discord roles, Slack user groups
 * (or, for staff, membership of a staff channel), Teams team memberships.
 */
export function privilegeOf(permissions: PermissionsConfig, platform: Platform, person: InvokingPerson): Privilege {
  switch (platform) {
    case 'discord': {
      const { moderatorRoleIds, staffRoleIds } = permissions.discord;
      if (holdsAny(person.roleIds, moderatorRoleIds)) return 'moderator';
      return holdsAny(person.roleIds, staffRoleIds) ? 'staff' : 'none';
    }
    case 'slack': {
      const { moderatorUserGroupIds, staffUserGroupIds, staffChannelIds } = permissions.slack;
      if (holdsAny(person.userGroupIds, moderatorUserGroupIds)) return 'moderator';
      return holdsAny(person.userGroupIds, staffUserGroupIds) || holdsAny(person.channelIds, staffChannelIds) ? 'staff' : 'none';
    }
    case 'teams': {
      const { moderatorTeamIds, staffTeamIds } = permissions.teams;
      if (holdsAny(person.teamIds, moderatorTeamIds)) return 'moderator';
      return holdsAny(person.teamIds, staffTeamIds) ? 'staff' : 'none';
    }
  }
}

/**
 * Whether a privilege (and, for `asker` and `asker-or-staff`, having asked the question) allows a command.
 * `isAsker` is only called when it decides: the lookup costs a query.
 */
export async function isAllowed(permission: CommandPermission, privilege: Privilege, isAsker: () => Promise<boolean>): Promise<boolean> {
  switch (permission) {
    case 'anyone':
      return true;
    case 'moderator':
      return privilege === 'moderator';
    case 'staff':
      return privilege !== 'none';
    case 'asker':
      return isAsker();
    case 'asker-or-staff':
      return privilege !== 'none' || (await isAsker());
  }
}
