import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundEvent, QuestionAskedEvent } from '../../../core/domain/events.ts';
import type { BackfillPlan } from '../../../core/backfill/index.ts';
import { startHarness, waitFor, type DiscordHarness } from './harness.ts';

let h: DiscordHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const eventFor = (messageId: string): Promise<InboundEvent> => waitFor(() => h.events.find((event) => event.messageId === messageId), `event for ${messageId}`);
const asked = (event: InboundEvent): QuestionAskedEvent => {
  if (event.type !== 'question.asked') throw new Error(`expected question.asked, got ${event.type}`);
  return event;
};

describe('discord routing inputs', () => {
  it('should name the applied forum tags and the asker roles when a member opens a tagged forum post', async () => {
    const { world } = h.fake;
    h.fake.setMemberRoles(world.users.bob, [world.roles.premium.id]);
    const { thread } = h.fake.userCreatesForumPost({ forumId: world.ids.forum, title: 'Charged twice', content: 'My card was charged twice.', author: world.users.bob, tags: ['Bug', 'Billing'] });

    const question = asked(await eventFor(thread.id));

    expect(question.tags).toEqual(['Bug', 'Billing']);
    expect(question.authorRoleIds).toEqual([world.roles.premium.id]);
  });

  it('should give an empty tag list and no roles beyond @everyone when a member without roles posts untagged', async () => {
    const { world } = h.fake;
    const { thread } = h.fake.userCreatesForumPost({ forumId: world.ids.forum, title: 'Hello', content: 'Just a question.', author: world.users.carol });

    const question = asked(await eventFor(thread.id));

    expect(question.tags).toEqual([]);
    expect(question.authorRoleIds).toEqual([]);
  });

  it('should carry the asker roles and no tags when a member asks in a help channel', async () => {
    const { world } = h.fake;
    const sent = h.fake.userSends({ channelId: world.ids.help, author: world.users.alice, content: 'Where is the API key page?' });

    const question = asked(await eventFor(sent.id));

    expect(question.authorRoleIds).toEqual([world.roles.staff.id]);
    expect(question).not.toHaveProperty('tags');
  });

  it('should read roles from the member the message carries when they changed since the bot connected', async () => {
    const { world } = h.fake;
    const before = h.fake.userSends({ channelId: world.ids.help, author: world.users.bob, content: 'First question' });
    expect(asked(await eventFor(before.id)).authorRoleIds).toEqual([]);

    h.fake.setMemberRoles(world.users.bob, [world.roles.premium.id, world.roles.staff.id]);
    const after = h.fake.userSends({ channelId: world.ids.help, author: world.users.bob, content: 'Second question' });

    expect([...(asked(await eventFor(after.id)).authorRoleIds ?? [])].sort()).toEqual([world.roles.premium.id, world.roles.staff.id].sort());
  });

  it('should carry the author roles and no tags when someone with a role replies in a forum post', async () => {
    const { world } = h.fake;
    const { thread } = h.fake.userCreatesForumPost({ forumId: world.ids.forum, title: 'Q', content: 'body', author: world.users.bob, tags: ['Bug'] });
    const reply = h.fake.userSends({ channelId: thread.id, author: world.users.alice, content: 'Which version?' });

    const followUp = await eventFor(reply.id);

    expect(followUp.type).toBe('message.posted');
    expect(followUp).not.toHaveProperty('tags');
    expect(followUp).toMatchObject({ authorRoleIds: [world.roles.staff.id] });
  });

  it('should carry the author roles of a follow-up when it is read from history', async () => {
    const { world } = h.fake;
    const { thread } = h.fake.userCreatesForumPost({ forumId: world.ids.forum, title: 'Q', content: 'body', author: world.users.bob });
    const reply = h.fake.userSends({ channelId: thread.id, author: world.users.alice, content: 'Try version 2.' });
    await eventFor(reply.id);

    const plan: BackfillPlan = { lastSeen: async () => null, notBefore: async () => new Date(0), openThreads: async () => [] };
    const read: InboundEvent[] = [];
    await h.bot.backfill?.(plan, async (event) => {
      read.push(event);
      return { status: 'accepted', conversationId: 'c' };
    });

    expect(read.find((event) => event.messageId === reply.id)).toMatchObject({ type: 'message.posted', authorRoleIds: [world.roles.staff.id], writtenAt: expect.any(String) });
  });

  it('should hand over tags and roles when a forum post is read from history', async () => {
    const { world } = h.fake;
    h.fake.setMemberRoles(world.users.bob, [world.roles.premium.id]);
    const { thread } = h.fake.userCreatesForumPost({ forumId: world.ids.forum, title: 'Invoices missing', content: 'November invoices are not there.', author: world.users.bob, tags: ['Billing'] });
    await eventFor(thread.id);

    const plan: BackfillPlan = { lastSeen: async () => null, notBefore: async () => new Date(0), openThreads: async () => [] };
    const read: InboundEvent[] = [];
    await h.bot.backfill?.(plan, async (event) => {
      read.push(event);
      return { status: 'accepted', conversationId: 'c' };
    });

    const question = asked(read.find((event) => event.messageId === thread.id) ?? { type: 'message.deleted', platform: 'discord', channelId: '', messageId: '' });
    expect(question).toMatchObject({ tags: ['Billing'], authorRoleIds: [world.roles.premium.id], writtenAt: expect.any(String) });
  });
});
