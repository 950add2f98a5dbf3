import { OverwriteType, PermissionFlagsBits, PermissionsBitField, type APIGuild } from 'discord.js';

/** A channel permission overwrite as the REST API returns it. */
export interface Overwrite {
  id: string;
  type: OverwriteType;
  allow: string;
  deny: string;
}

/** Who asks, where: the server's roles, the member's roles and id, and the channel's overwrites. */
export interface PermissionInput {
  guild: Pick<APIGuild, 'id' | 'owner_id' | 'roles'>;
  memberRoles: string[];
  memberId: string;
  overwrites: Overwrite[];
}

/**
 * A member's permissions in a channel, computed the way Discord documents it (discord.js does the
 * same, but only on a logged-in client's cache): @everyone and the member's roles, Administrator
 * and the owner get everything, then the channel's @everyone, role and member overwrites in order.
 */
export function channelPermissions(input: PermissionInput): bigint {
  const { guild } = input;
  if (guild.owner_id === input.memberId) return PermissionsBitField.All;
  const roles = new Set([guild.id, ...input.memberRoles]);
  let base = 0n;
  for (const role of guild.roles) if (roles.has(role.id)) base |= BigInt(role.permissions);
  if ((base & PermissionFlagsBits.Administrator) !== 0n) return PermissionsBitField.All;
  const apply = (allow: bigint, deny: bigint): void => {
    base = (base & ~deny) | allow;
  };
  const everyone = input.overwrites.find((item) => item.id === guild.id);
  if (everyone !== undefined) apply(BigInt(everyone.allow), BigInt(everyone.deny));
  let allow = 0n;
  let deny = 0n;
  for (const item of input.overwrites) {
    if (item.type !== OverwriteType.Role || item.id === guild.id || !roles.has(item.id)) continue;
    allow |= BigInt(item.allow);
    deny |= BigInt(item.deny);
  }
  apply(allow, deny);
  const own = input.overwrites.find((item) => item.type === OverwriteType.Member && item.id === input.memberId);
  if (own !== undefined) apply(BigInt(own.allow), BigInt(own.deny));
  return base;
}
