import { ApiError, type Route } from './rest-routes.ts';
import { snowflake, type FakeChannel, type FakeWorld } from './state.ts';

// Members' roles and direct messages, as Discord answers them: a bot changes a role only with
// Manage Roles and only below its own highest role (403, 50013 otherwise); an unknown member is
// 404 10007 and an unknown role 404 10011; the audit-log reason arrives in X-Audit-Log-Reason.

const MANAGE_ROLES = 1n << 28n;

/** One role change the bot made, with the reason it gave for the audit log. */
export interface RoleChange {
  userId: string;
  roleId: string;
  held: boolean;
  reason: string | undefined;
}

const fail = (status: number, code: number, message: string): never => {
  throw new ApiError(status, code, message);
};

/** The position of each role (its place in the server's list, @everyone lowest). */
const positions = (world: FakeWorld): Map<string, number> => new Map(Object.values(world.roles).map((role, position) => [role.id, position]));

/** PUT/DELETE /guilds/:gid/members/:uid/roles/:rid and POST /users/@me/channels. */
export function createMemberRoleRoutes(world: FakeWorld, changes: RoleChange[], dms: Map<string, string>): Route[] {
  const change = (held: boolean): Route['handler'] => ({ params, headers }) => {
    if (params[0] !== world.guildId) fail(404, 10004, 'Unknown Guild');
    const member = world.members.get(params[1] ?? '') ?? fail(404, 10007, 'Unknown Member');
    const roleId = params[2] ?? '';
    const rank = positions(world);
    const position = rank.get(roleId) ?? fail(404, 10011, 'Unknown Role');
    const bot = world.members.get(world.botUser.id);
    const botRoles = Object.values(world.roles).filter((role) => bot?.roles.includes(role.id));
    const canManage = botRoles.some((role) => (BigInt(role.permissions) & MANAGE_ROLES) !== 0n);
    const highest = Math.max(...botRoles.map((role) => rank.get(role.id) ?? 0));
    if (!canManage || position >= highest) fail(403, 50013, 'Missing Permissions');
    const reason = headers?.['x-audit-log-reason'];
    changes.push({ userId: member.user.id, roleId, held, reason: typeof reason === 'string' ? decodeURIComponent(reason) : undefined });
    // Like Discord: adding a role held, or removing one not held, is a 204 that changes nothing.
    member.roles = held ? [...new Set([...member.roles, roleId])] : member.roles.filter((id) => id !== roleId);
    return { status: 204 };
  };
  const path = /^\/guilds\/([^/]+)\/members\/([^/]+)\/roles\/([^/]+)$/;
  return [
    { method: 'PUT', pattern: path, bucket: 'PUT /guilds/:gid/members/:uid/roles/:rid', auth: true, handler: change(true) },
    { method: 'DELETE', pattern: path, bucket: 'DELETE /guilds/:gid/members/:uid/roles/:rid', auth: true, handler: change(false) },
    {
      method: 'POST', pattern: /^\/users\/@me\/channels$/, bucket: 'POST /users/@me/channels', auth: true,
      handler: ({ body }) => {
        const userId = typeof body['recipient_id'] === 'string' ? body['recipient_id'] : '';
        const member = world.members.get(userId) ?? fail(400, 50007, 'Cannot send messages to this user');
        // One DM channel per user, as on Discord.
        let id = dms.get(userId);
        if (id === undefined) {
          id = snowflake();
          dms.set(userId, id);
          const channel: FakeChannel = { id, type: 1, guild_id: '', name: '', parent_id: null, position: 0, permission_overwrites: [], last_message_id: null, rate_limit_per_user: 0 };
          world.channels.set(id, channel);
        }
        return { status: 200, body: { id, type: 1, last_message_id: null, recipients: [member.user] } };
      },
    },
  ];
}
