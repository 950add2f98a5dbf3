import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.ts';
import { startWiringWorld, type WiringWorld } from './wiring-world.ts';

// Capture wired as the app wires it (createCapabilities: the knowledge base, its review cards and
// capture's listeners on the real job system; the delivery worker with the review cards).
describe('knowledge capture as the app wires it', () => {
  let world: WiringWorld;
  beforeAll(async () => {
    world = await startWiringWorld();
  }, 120_000);
  afterAll(() => world?.stop(), 60_000);

  it('should make a draft, post its review card and update it when a resolved question is captured and then published', async () => {
    const asked = await world.ingest({
      type: 'question.asked', platform: 'discord', channelId: 'help', threadId: 'kb-thread', messageId: 'kb-thread',
      author: { platformUserId: 'kb-asker', displayName: 'Asker', isBot: false },
      title: 'Password reset mail never arrives', text: 'Password reset mail never arrives, even in spam.', url: 'https://discord.test/kb-thread', tags: [], authorRoleIds: [],
    });
    if (asked.status !== 'accepted') throw new Error(JSON.stringify(asked));
    const id = asked.conversationId;
    await eventually(async () => (await world.db.pool.query(`SELECT 1 FROM "ThreadLink" WHERE "conversationId" = $1::text AND "platform" = 'slack'`, [id])).rows.length > 0, 'the card', 30_000);
    const answer = await world.ingest({
      type: 'message.posted', platform: 'slack', channelId: 'C-support', threadId: `card-${id}`, messageId: `kb-answer-${id}`,
      author: { platformUserId: 'U-aino', displayName: 'Aino', isBot: false }, text: 'Add noreply@acme.test to your contacts, then ask for the password reset again.',
    });
    if (answer.status !== 'accepted' || answer.messageId === undefined) throw new Error(JSON.stringify(answer));
    await world.capabilities.lifecycle.resolve({ conversationId: id, actor: { kind: 'person', platform: 'slack', userId: 'U-aino', displayName: 'Aino' }, role: 'staff', solution: { messageId: answer.messageId, platform: 'slack', authorId: 'U-aino' } });

    const posted = await eventually(() => world.shown.reviews.find((review) => review.op === 'post'), 'the review card', 30_000);
    expect(posted).toMatchObject({ channelId: 'C-review', view: { title: 'Password reset mail never arrives', answer: 'Add noreply@acme.test to your contacts, then ask for the password reset again.' } });
    expect(posted.view.actions.map((action) => [action.command, action.args])).toEqual([
      ['kb publish', { article: posted.view.articleId }],
      ['kb edit', { article: posted.view.articleId }],
      ['kb reject', { article: posted.view.articleId }],
    ]);
    await eventually(async () => (await world.capabilities.knowledge.reviewCard(posted.view.articleId)) ?? undefined, 'the card recorded');

    await world.capabilities.knowledge.publish(posted.view.articleId, { kind: 'person', platform: 'slack', userId: 'U-mo', displayName: 'Mo' });
    const updated = await eventually(() => world.shown.reviews.find((review) => review.op === 'update'), 'the card updated', 30_000);
    expect(updated.view).toMatchObject({ stateLabel: 'Published by Mo', actions: [] });
  }, 120_000);
});
