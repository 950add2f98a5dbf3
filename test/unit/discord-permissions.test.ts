import { OverwriteType, PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { channelPermissions, type Overwrite } from '../../bots/discord/permissions.ts';

const GUILD = '100';
const BOT = '900';
const ROLE = '200';
const OTHER_ROLE = '300';
const { ManageWebhooks, SendMessages, ViewChannel, Administrator } = PermissionFlagsBits;

const guild = (everyone: bigint, role: bigint, owner = '1') => ({
  id: GUILD,
  owner_id: owner,
  roles: [
    { id: GUILD, permissions: everyone.toString() },
    { id: ROLE, permissions: role.toString() },
    { id: OTHER_ROLE, permissions: ManageWebhooks.toString() },
  ] as never,
});
const overwrite = (id: string, type: OverwriteType, allow: bigint, deny: bigint): Overwrite => ({ id, type, allow: allow.toString(), deny: deny.toString() });

describe('channelPermissions', () => {
  it('should join @everyone and the member roles when the channel has no overwrites', () => {
    const granted = channelPermissions({ guild: guild(ViewChannel, SendMessages), memberRoles: [ROLE], memberId: BOT, overwrites: [] });
    expect(granted).toBe(ViewChannel | SendMessages);
  });

  it('should grant everything when a role has Administrator or the member owns the server', () => {
    expect(channelPermissions({ guild: guild(0n, Administrator), memberRoles: [ROLE], memberId: BOT, overwrites: [overwrite(GUILD, OverwriteType.Role, 0n, ViewChannel)] })).toBe(PermissionsBitField.All);
    expect(channelPermissions({ guild: guild(0n, 0n, BOT), memberRoles: [], memberId: BOT, overwrites: [] })).toBe(PermissionsBitField.All);
  });

  it('should let a role overwrite allow what the @everyone overwrite denies, and a member overwrite decide last', () => {
    const overwrites = [
      overwrite(GUILD, OverwriteType.Role, 0n, ViewChannel | SendMessages),
      overwrite(ROLE, OverwriteType.Role, ViewChannel, 0n),
      overwrite(BOT, OverwriteType.Member, SendMessages, ViewChannel),
    ];
    expect(channelPermissions({ guild: guild(ViewChannel | SendMessages, 0n), memberRoles: [ROLE], memberId: BOT, overwrites })).toBe(SendMessages);
  });

  it('should ignore overwrites of roles the member does not have', () => {
    const overwrites = [overwrite(OTHER_ROLE, OverwriteType.Role, 0n, ViewChannel)];
    expect(channelPermissions({ guild: guild(ViewChannel, 0n), memberRoles: [ROLE], memberId: BOT, overwrites })).toBe(ViewChannel);
  });
});
