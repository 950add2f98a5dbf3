import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageRef } from '../../../core/domain/domain-events.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { ANN, askQuestion, ASKER, captureNetwork, captureWorld, EMPLOYEE, HELPER, say, type CaptureWorld } from './capture-world.ts';

// Resolved questions become drafts through the real relay, lifecycle, job listeners and knowledge
// base on the real database (PGlite, or PostgreSQL with DATABASE_URL).
describe('capture of resolved questions', () => {
  let db: TestDatabase;
  let world: CaptureWorld;
  beforeAll(async () => {
    db = await createTestDatabase();
    world = captureWorld(db);
  }, 60_000);
  afterAll(() => db?.dispose());

  const rows = async <R>(sql: string, params: unknown[]): Promise<R[]> => (await db.pool.query<R>(sql, params)).rows;
  const everything = async (articleId: string): Promise<string> =>
    JSON.stringify([
      await rows(`SELECT * FROM "Article" WHERE "id" = $1::text`, [articleId]),
      await rows(`SELECT * FROM "ArticlePart" WHERE "articleId" = $1::text`, [articleId]),
      await rows(`SELECT * FROM "ArticleRevision" WHERE "articleId" = $1::text`, [articleId]),
    ]);
  const outbox = (conversationId: string) =>
    rows<{ platform: string; kind: string; payload: Record<string, string> }>(`SELECT "platform", "kind", "payload" FROM "OutboxEntry" WHERE "conversationId" = $1::text AND "kind" LIKE 'review.%' ORDER BY "seq"`, [conversationId]);
  const resolve = (conversationId: string, answer: { id: string }, platform: MessageRef['platform'], authorId: string) =>
    world.lifecycle.resolve({ conversationId, actor: ANN, role: 'asker', solution: { messageId: answer.id, platform, authorId } });

  // Ann asks, follows up, a colleague notes something internal, Erin answers, Ann thanks.
  const solvedQuestion = async () => {
    const question = await askQuestion(db, world, 'Export fails with error 42\nThe export stops when the report has images.');
    const followUp = await say(world, question, 'discord', ASKER, 'It happens on version 3.2 on Windows.');
    const note = await say(world, question, 'slack', EMPLOYEE, '// SECRET-NOTE: she is on the legacy plan, do not mention it');
    const answer = await say(world, question, 'slack', EMPLOYEE, 'Turn off image compression under Settings, then export again.');
    const thanks = await say(world, question, 'discord', ASKER, 'Thanks, exporting works again!');
    return { question, followUp, note, answer, thanks };
  };

  it('should create a draft with parts, contributors, sources and a review card when a question is resolved', async () => {
    const { question, followUp, answer, thanks } = await solvedQuestion();
    expect((await resolve(question.conversationId, answer, 'slack', 'U-erin')).status).toBe('changed');

    const article = await world.kb.byConversation(question.conversationId);
    expect(article).toMatchObject({
      state: 'draft', communityId: 'acme', title: 'Export fails with error 42', language: 'en',
      question: 'Export fails with error 42\nThe export stops when the report has images.\n\nIt happens on version 3.2 on Windows.',
      answer: 'Turn off image compression under Settings, then export again.',
      context: 'Thanks, exporting works again!',
    });
    expect(article?.tags).toContain('export');
    expect(article?.contributors).toEqual([
      { role: 'answerer', platform: 'slack', userId: 'U-erin', displayName: 'Erin Employee' },
      { role: 'accepter', platform: 'discord', userId: 'ann', displayName: 'Ann Asker' },
      { role: 'asker', platform: 'discord', userId: 'ann', displayName: 'Ann Asker' },
    ]);
    expect(article?.sources).toEqual([
      { platform: 'discord', url: `https://discord.com/channels/g1/${question.thread}` },
      { platform: 'slack', url: `https://slack.com/archives/C-support/p${question.card.replace('.', '')}` },
    ]);
    const parts = await rows<{ role: string; messageId: string }>(`SELECT "role", "messageId" FROM "ArticlePart" WHERE "articleId" = $1::text ORDER BY "position"`, [article!.id]);
    expect(parts).toEqual([
      { role: 'question', messageId: (await rows<{ id: string }>(`SELECT "id" FROM "Message" WHERE "externalId" = $1::text`, [question.thread]))[0]!.id },
      { role: 'question', messageId: followUp.id },
      { role: 'answer', messageId: answer.id },
      { role: 'context', messageId: thanks.id },
    ]);
    expect(await outbox(question.conversationId)).toEqual([{ platform: 'slack', kind: 'review.post', payload: { articleId: article!.id, channelId: 'C-review' } }]);
  });

  it('should never put an internal note into an article when the note sits right before the answer', async () => {
    const { question, note, answer } = await solvedQuestion();
    await resolve(question.conversationId, answer, 'slack', 'U-erin');
    const article = await world.kb.byConversation(question.conversationId);
    expect(article).not.toBeNull();
    const stored = await everything(article!.id);
    expect(stored).not.toContain('SECRET-NOTE');
    expect(stored).not.toContain(note.id);
  });

  it('should make no draft when the message marked as solution is an internal note', async () => {
    const { question, note } = await solvedQuestion();
    await resolve(question.conversationId, note, 'slack', 'U-erin');
    expect(await world.kb.byConversation(question.conversationId)).toBeNull();
  });

  it('should credit a community member when their answer is the solution', async () => {
    const question = await askQuestion(db, world, 'How do I change my avatar?');
    const answer = await say(world, question, 'discord', HELPER, 'Open your profile and click the picture.');
    await resolve(question.conversationId, answer, 'discord', 'cora');
    const article = await world.kb.byConversation(question.conversationId);
    expect(article?.answer).toBe('Open your profile and click the picture.');
    expect(article?.contributors[0]).toEqual({ role: 'answerer', platform: 'discord', userId: 'cora', displayName: 'Cora Community' });
  });

  it('should update the draft and keep a hand-edited title when the question is resolved again', async () => {
    const { question, answer } = await solvedQuestion();
    await resolve(question.conversationId, answer, 'slack', 'U-erin');
    const first = await world.kb.byConversation(question.conversationId);
    await world.kb.edit(first!.id, { title: 'Image export error 42' }, { kind: 'person', platform: 'slack', userId: 'U-mod', displayName: 'Mo' });
    await world.lifecycle.reopen({ conversationId: question.conversationId, actor: ANN, role: 'asker' });
    const better = await say(world, question, 'slack', EMPLOYEE, 'Update to 3.3: it fixes the export for good.');
    await resolve(question.conversationId, better, 'slack', 'U-erin');

    const again = await world.kb.byConversation(question.conversationId);
    expect(again).toMatchObject({ id: first!.id, title: 'Image export error 42', answer: 'Update to 3.3: it fixes the export for good.', state: 'draft' });
    expect((await world.kb.revisions(first!.id)).map((revision) => revision.action)).toEqual(['capture', 'edit', 'recapture']);
    // The card was never delivered here: the re-capture posts it (delivery finds it posted and updates it).
    expect((await outbox(question.conversationId)).map((entry) => entry.kind)).toEqual(['review.post', 'review.post']);
  });

  it('should drop a message from the article when it is deleted on its platform', async () => {
    const { question, followUp, answer } = await solvedQuestion();
    await resolve(question.conversationId, answer, 'slack', 'U-erin');
    const outcome = await world.ingest({ type: 'message.deleted', platform: 'discord', channelId: question.thread, threadId: question.thread, messageId: followUp.externalId });
    expect(outcome.status).toBe('accepted');
    const article = await world.kb.byConversation(question.conversationId);
    expect(article?.question).toBe('Export fails with error 42\nThe export stops when the report has images.');
    expect(await everything(article!.id)).not.toContain('version 3.2 on Windows');
    expect(world.jobs.events.filter((event) => event.type === 'message.deleted')).toContainEqual(expect.objectContaining({ conversationId: question.conversationId, messageId: followUp.id, platform: 'discord' }));
  });

  it('should flag the published article stale when its question is reopened', async () => {
    const { question, answer } = await solvedQuestion();
    await resolve(question.conversationId, answer, 'slack', 'U-erin');
    const draft = await world.kb.byConversation(question.conversationId);
    await world.kb.publish(draft!.id, { kind: 'person', platform: 'slack', userId: 'U-mod', displayName: 'Mo' });
    expect((await world.kb.get(draft!.id))?.stale).toBe(false);
    await say(world, question, 'discord', ASKER, 'It broke again after the update.');
    expect(await world.kb.get(draft!.id)).toMatchObject({ state: 'published', stale: true, staleReason: 'reopened' });
  });

  it('should make no draft when a suggested article deflected the question', async () => {
    const question = await askQuestion(db, world, 'Where are my invoices?');
    await world.jobs.transaction((tx) => world.jobs.publish(tx, { type: 'question.resolved', conversationId: question.conversationId, communityId: 'acme', solution: null, articleId: 'some-article', acceptedBy: ANN, at: new Date().toISOString() }));
    expect(await world.kb.byConversation(question.conversationId)).toBeNull();
  });

  it('should post no review card when the community publishes drafts itself', async () => {
    const auto = captureWorld(db, captureNetwork({ autoPublish: true }));
    const question = await askQuestion(db, auto, 'Can I export to PDF?');
    const answer = await say(auto, question, 'slack', EMPLOYEE, 'Yes: choose PDF in the export dialog.');
    await auto.lifecycle.resolve({ conversationId: question.conversationId, actor: ANN, role: 'asker', solution: { messageId: answer.id, platform: 'slack', authorId: 'U-erin' } });
    expect((await auto.kb.byConversation(question.conversationId))?.state).toBe('published');
    expect(await outbox(question.conversationId)).toEqual([]);
  });
});
