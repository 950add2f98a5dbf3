import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GratitudeExpressedEvent } from '../../core/domain/domain-events.ts';
import { createSlackSide } from '../contracts/slack-side.ts';
import { eventually } from '../support/eventually.ts';
import { startNetwork, type Network } from './network-harness.ts';

type SlackSide = Awaited<ReturnType<typeof createSlackSide>>;

// Issue 11 (gratitude) through the real discord.js against the fake Discord: a customer's Discord
// reply saying thanks to a relayed Slack answer, a 🙏 on it, and a thanks mentioning a member each
// become one `gratitude.expressed` naming whom it thanks, committed with the message or the reaction.
describe('gratitude from Discord', () => {
  let net: Network;
  let slack: SlackSide;

  beforeAll(async () => {
    slack = await createSlackSide();
    net = await startNetwork(slack);
  });
  afterAll(async () => {
    await net?.close();
  });

  const gratitude = async (conversationId: string): Promise<GratitudeExpressedEvent[]> =>
    (await net.db.prisma.domainEvent.findMany({ where: { type: 'gratitude.expressed', conversationId }, orderBy: { createdAt: 'asc' } })).map((row) => row.payload as unknown as GratitudeExpressedEvent);

  it('should publish gratitude to the Slack author when a customer replies thanks to the relayed answer and reacts 🙏', async () => {
    const { world } = net.discord;
    const { threadId, cardId } = await net.ask('The export hangs at 99%');
    await slack.reply(cardId, 'Update to 2.4.1, it fixes the export.');
    const copy = await eventually(() => net.relayedToDiscord(threadId).find((message) => message.content.includes('Update to 2.4.1')), 'the answer in Discord');
    const answer = await net.db.prisma.message.findFirstOrThrow({ where: { text: { contains: 'Update to 2.4.1' } }, include: { author: true } });
    const employee = { platform: 'slack', userId: answer.author.externalId };

    // A plain follow-up publishes nothing.
    const followUp = net.discord.userSends({ channelId: threadId, content: 'Where do I find 2.4.1?', author: world.users.bob });
    await eventually(async () => (await net.db.prisma.message.count({ where: { externalId: followUp.id } })) > 0 || undefined, 'the follow-up stored');

    const thanks = net.discord.userSends({ channelId: threadId, content: 'Kiitos, it works now!', author: world.users.bob, replyTo: copy.id });
    const stored = await eventually(async () => (await net.db.prisma.message.findFirst({ where: { externalId: thanks.id } })) ?? undefined, 'the thanks stored');
    const [event] = await gratitude(stored.conversationId);
    expect(event).toMatchObject({ via: 'message', messageId: stored.id, communityId: 'acme', giver: { platform: 'discord', userId: world.users.bob.id }, to: [employee] });

    net.discord.userReacts({ channelId: threadId, messageId: copy.id, emoji: '🙏', user: world.users.bob });
    const byReaction = await eventually(async () => (await gratitude(stored.conversationId)).find((each) => each.via === 'reaction'), 'the reaction thanks');
    expect(byReaction).toMatchObject({ messageId: answer.id, emoji: '🙏', giver: { platform: 'discord', userId: world.users.bob.id }, to: [employee] });
    // 👍 is agreement: the mirror goes to Slack, no thanks is published.
    net.discord.userReacts({ channelId: threadId, messageId: copy.id, emoji: '👍', user: world.users.bob });
    await eventually(async () => (await net.db.prisma.reaction.count({ where: { emoji: '👍' } })) > 0 || undefined, 'the 👍 recorded');
    expect(await gratitude(stored.conversationId)).toHaveLength(2);

    // A thanks that mentions another member thanks them (ids read from Discord's `<@id>` markup).
    const mention = net.discord.userSends({ channelId: threadId, content: `thx <@${world.users.carol.id}> for the tip 🙌`, author: world.users.bob });
    const mentioned = await eventually(async () => (await gratitude(stored.conversationId)).find((each) => each.via === 'message' && each.messageId !== stored.id), 'the mention thanks');
    expect(mentioned).toMatchObject({ giver: { userId: world.users.bob.id }, to: [{ platform: 'discord', userId: world.users.carol.id }] });
    expect((await net.db.prisma.message.findUniqueOrThrow({ where: { id: mentioned.messageId } })).externalId).toBe(mention.id);

    // Credits (issue 11) take the thanks: Bob and the employee both wrote in the thread; the employee is on the staff board.
    const credited = await eventually(async () => (await net.db.prisma.creditEntry.findFirst({ where: { conversationId: stored.conversationId, reason: 'thanks', userId: employee.userId } })) ?? undefined, 'the thanks credited');
    expect(credited).toMatchObject({ platform: 'slack', points: 3, giverPlatform: 'discord', giverUserId: world.users.bob.id, staff: true });
  });
});
