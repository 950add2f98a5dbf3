import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, QuestionResolvedEvent } from '../../../core/domain/domain-events.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { creditsWorld, type CreditsWorld } from './credits-world.ts';

// The earning rules through the job system's listeners, on the real database.
describe('credits earned from the lifecycle and the knowledge base', () => {
  let db: TestDatabase;
  let world: CreditsWorld;
  beforeAll(async () => {
    db = await createTestDatabase();
    world = creditsWorld(db);
  }, 60_000);
  afterAll(() => db?.dispose());

  const asker = (userId: string): Actor => ({ kind: 'person', platform: 'discord', userId, displayName: userId.toUpperCase() });
  const at = new Date('2026-12-03T09:00:00Z');
  // A question by `askerId`, answered by `answererId` (message `${id}-a`).
  const solved = (id: string, askerId: string, answererId: string, more: Partial<QuestionResolvedEvent> = {}, platform: 'discord' | 'slack' = 'discord'): QuestionResolvedEvent => {
    world.thread(id, 'acme', [
      { id: `${id}-q`, userId: askerId, isAsker: true, at },
      { id: `${id}-a`, userId: answererId, platform, at },
    ]);
    return { type: 'question.resolved', conversationId: id, communityId: 'acme', solution: { messageId: `${id}-a`, platform, authorId: answererId }, acceptedBy: asker(askerId), at: at.toISOString(), ...more };
  };
  const of = (conversationId: string) => world.ledger(`"conversationId" = $1::text`, [conversationId]);

  it('should credit the answer and the accepting asker when a member\'s answer is accepted', async () => {
    await world.publish(solved('q1', 'ann', 'max'));
    const rows = (await of('q1')).sort((a, b) => a.reason.localeCompare(b.reason));
    expect(rows).toEqual([
      expect.objectContaining({ userId: 'ann', points: 2, reason: 'accepting', staff: false }),
      expect.objectContaining({ userId: 'max', points: 10, reason: 'answer.accepted', giverUserId: 'ann', staff: false }),
    ]);
    const recorded = world.jobs.events.filter((event) => event.type === 'credit.recorded');
    expect(recorded.map((event) => event.type === 'credit.recorded' && event.account.userId).sort()).toEqual(['ann', 'max']);
  });

  it('should append nothing more when the same resolution is delivered twice', async () => {
    const event = solved('q2', 'ann2', 'max2');
    await world.publish(event);
    await world.publish(event);
    expect(await of('q2')).toHaveLength(2);
  });

  it('should credit more when the question was routed to staff and a member answered it', async () => {
    world.route('q3');
    await world.publish(solved('q3', 'ann3', 'max3'));
    expect(await of('q3')).toContainEqual(expect.objectContaining({ userId: 'max3', points: 15, reason: 'answer.accepted.routed' }));
  });

  it('should credit the plain rate when a member answered inside the community window, before the card reached staff', async () => {
    world.route('q3w', false);
    await world.publish(solved('q3w', 'ann3w', 'max3w'));
    expect(await of('q3w')).toContainEqual(expect.objectContaining({ userId: 'max3w', points: 10, reason: 'answer.accepted' }));
  });

  it('should keep a staff answerer on the staff board at the plain rate when a routed question is solved', async () => {
    world.route('q4');
    await world.publish(solved('q4', 'ann4', 'U-erin', {}, 'slack'));
    world.route('q4b');
    await world.publish(solved('q4b', 'ann4b', 'd-staff'));
    expect(await of('q4')).toContainEqual(expect.objectContaining({ userId: 'U-erin', points: 10, reason: 'answer.accepted', staff: true }));
    expect(await of('q4b')).toContainEqual(expect.objectContaining({ userId: 'd-staff', points: 10, reason: 'answer.accepted', staff: true }));
    expect(await of('q4')).toContainEqual(expect.objectContaining({ userId: 'ann4', reason: 'accepting', staff: false }));
  });

  it('should credit nobody when the asker accepts their own answer', async () => {
    world.logs.length = 0;
    await world.publish(solved('q5', 'ann5', 'ann5'));
    expect(await of('q5')).toEqual([]);
    expect(world.logs).toContainEqual(expect.objectContaining({ level: 'info', message: 'credit refused', rule: 'self' }));
  });

  it('should credit nobody when the answer comes from another account of the accepting person', async () => {
    const code = await world.identity.createLinkCode({ platform: 'discord', userId: 'link-d', displayName: 'Lia' });
    await world.identity.redeemLinkCode(code.code, { platform: 'slack', userId: 'link-s', displayName: 'Lia' }, { kind: 'person', platform: 'slack', userId: 'link-s' });
    await world.publish(solved('q5b', 'link-d', 'link-s', {}, 'slack'));
    expect(await of('q5b')).toEqual([]);
  });

  it('should credit nothing when a suggested article deflected the question', async () => {
    await world.publish({ ...solved('q6', 'ann6', 'max6'), solution: null, articleId: 'art-1' });
    expect(await of('q6')).toEqual([]);
  });

  it('should credit neither a bot\'s answer nor Heimo accepting one', async () => {
    world.thread('q7', 'acme', [{ id: 'q7-q', userId: 'ann7', isAsker: true, at }, { id: 'q7-a', userId: 'bot7', isBot: true, at }]);
    await world.publish({ type: 'question.resolved', conversationId: 'q7', communityId: 'acme', solution: { messageId: 'q7-a', platform: 'discord', authorId: 'bot7' }, acceptedBy: asker('ann7'), at: at.toISOString() });
    await world.publish({ ...solved('q7b', 'ann7b', 'max7b'), acceptedBy: { kind: 'heimo' } });
    expect(await of('q7')).toEqual([]);
    expect(await of('q7b')).toEqual([expect.objectContaining({ userId: 'max7b', reason: 'answer.accepted', giverUserId: null })]);
  });

  it('should credit an article\'s answerers once per article when it is published, and again when it solves a later question', async () => {
    const published = {
      type: 'article.published' as const, articleId: 'art-2', communityId: 'acme', conversationId: null, actor: { kind: 'heimo' as const }, at: at.toISOString(),
      contributors: [{ role: 'answerer' as const, platform: 'discord' as const, userId: 'max8' }, { role: 'asker' as const, platform: 'discord' as const, userId: 'ann8' }],
    };
    await world.publish(published);
    await world.publish({ ...published, at: new Date().toISOString() });
    expect(await world.ledger(`"articleId" = 'art-2'`)).toEqual([expect.objectContaining({ userId: 'max8', points: 5, reason: 'article.published' })]);
    world.thread('q8', 'acme', [{ id: 'q8-q', userId: 'bea8', isAsker: true, at }]);
    await world.publish({ type: 'suggestion.accepted', articleId: 'art-2', communityId: 'acme', conversationId: 'q8', contributors: published.contributors, acceptedBy: asker('bea8'), at: at.toISOString() });
    expect(await of('q8')).toEqual([expect.objectContaining({ userId: 'max8', points: 5, reason: 'suggestion.accepted', giverUserId: 'bea8' })]);
  });

  it('should reverse every credit of a message when the message is deleted', async () => {
    await world.publish(solved('q9', 'ann9', 'max9'));
    await world.publish({ type: 'message.deleted', conversationId: 'q9', messageId: 'q9-a', platform: 'discord', at: at.toISOString() });
    await world.publish({ type: 'message.deleted', conversationId: 'q9', messageId: 'q9-a', platform: 'discord', at: at.toISOString() });
    const rows = await of('q9');
    expect(rows.filter((row) => row.reason === 'reversal')).toEqual([
      expect.objectContaining({ userId: expect.any(String), note: 'source deleted' }),
      expect.objectContaining({ note: 'source deleted' }),
    ]);
    expect(rows.reduce((sum, row) => sum + row.points, 0)).toBe(0);
    const reversed = new Set(rows.map((row) => row.reversesId).filter(Boolean));
    expect(rows.filter((row) => row.reason !== 'reversal').every((row) => reversed.has(row.id))).toBe(true);
  });
});
