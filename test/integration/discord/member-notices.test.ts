import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformRejectedError } from '../../../core/errors.ts';
import { ROLE_REASON } from '../../../bots/discord/member-notices.ts';
import { startHarness, type DiscordHarness } from './harness.ts';

// Ambassador tier roles and promotion notices through the real discord.js REST client against the fake.

let h: DiscordHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const notice = (text: string, idempotencyKey: string) => ({ text, idempotencyKey, isRetry: false });
const delivery = () => {
  const { setMemberRole, memberRoles, postChannelMessage, postDirect } = h.bot.delivery;
  if (!setMemberRole || !memberRoles || !postChannelMessage || !postDirect) throw new Error('the Discord delivery lacks the member methods');
  return { setMemberRole, memberRoles, postChannelMessage, postDirect };
};

describe('discord delivery: tier roles', () => {
  it('should grant and take back a role with an audit-log reason when the role is below Heimo’s', async () => {
    const { world } = h.fake;
    const bob = world.users.bob.id;
    await delivery().setMemberRole(world.guildId, bob, world.roles.helper.id, true);
    expect(world.members.get(bob)?.roles).toEqual([world.roles.helper.id]);
    expect(await delivery().memberRoles(world.guildId, bob)).toEqual([world.roles.helper.id]);
    // Granting again changes nothing (Discord answers 204 alike).
    await delivery().setMemberRole(world.guildId, bob, world.roles.helper.id, true);
    await delivery().setMemberRole(world.guildId, bob, world.roles.helper.id, false);
    expect(world.members.get(bob)?.roles).toEqual([]);
    expect(h.fake.roleChanges).toEqual([
      { userId: bob, roleId: world.roles.helper.id, held: true, reason: ROLE_REASON },
      { userId: bob, roleId: world.roles.helper.id, held: true, reason: ROLE_REASON },
      { userId: bob, roleId: world.roles.helper.id, held: false, reason: ROLE_REASON },
    ]);
  });

  it('should refuse with the request in the error when the role is above Heimo’s', async () => {
    const { world } = h.fake;
    const error = await delivery().setMemberRole(world.guildId, world.users.bob.id, world.roles.champion.id, true).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect((error as PlatformRejectedError).context).toMatchObject({ method: 'PUT', status: 403, discordCode: 50013, path: expect.stringContaining(`/roles/${world.roles.champion.id}`) as string });
    expect(world.members.get(world.users.bob.id)?.roles).toEqual([]);
    expect(h.fake.roleChanges).toEqual([]);
  });

  it('should answer null for the roles and change nothing when the member left the server', async () => {
    const { world } = h.fake;
    expect(await delivery().memberRoles(world.guildId, '123456789012345678')).toBeNull();
    await expect(delivery().setMemberRole(world.guildId, '123456789012345678', world.roles.helper.id, true)).resolves.toBeUndefined();
    expect(h.fake.roleChanges).toEqual([]);
  });
});

describe('discord delivery: promotion notices', () => {
  it('should post an announcement once when the post is retried after its answer was lost', async () => {
    const { world } = h.fake;
    h.fake.failNext(`POST /channels/${world.ids.general}/messages`, { status: 500, afterHandling: true });
    await expect(delivery().postChannelMessage(world.ids.general, notice('🎉 Bob @everyone is now a Helper', 'change-1'), )).rejects.toThrow();
    const id = await delivery().postChannelMessage(world.ids.general, notice('🎉 Bob @everyone is now a Helper', 'change-1'));
    const posted = h.fake.messagesIn(world.ids.general);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ id, author: { id: world.botUser.id }, mention_everyone: false });
    expect(posted[0]?.content).toContain('is now a Helper');
    const bodies = h.fake.requests.filter((request) => request.method === 'POST' && request.path === `/channels/${world.ids.general}/messages`).map((request) => request.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect((bodies[0] as { nonce: string }).nonce).toBe((bodies[1] as { nonce: string }).nonce);
  });

  it('should tell the member in a direct message once when the same notice is sent twice', async () => {
    const { world } = h.fake;
    const bob = world.users.bob.id;
    await delivery().postDirect(bob, notice('Congratulations: you are now a Helper', 'change-1:direct'));
    await delivery().postDirect(bob, notice('Congratulations: you are now a Helper', 'change-1:direct'));
    const dm = h.fake.dms.get(bob);
    expect(dm).toBeDefined();
    expect(h.fake.messagesIn(dm!).map((message) => message.content)).toEqual(['Congratulations: you are now a Helper']);
  });
});
