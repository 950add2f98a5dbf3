import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { emptyKnowledge, ERIN, knowledgeFixture, knowledgeNetwork, MOD, type KnowledgeFixture } from './knowledge-fixture.ts';

const DAY = 86_400_000;
const typed = { title: 'Rotate API keys', question: 'How do I rotate my API key?', answer: 'Create a new key, deploy it, then revoke the old one.' };

describe('knowledge base staleness on the real database', () => {
  let db: TestDatabase;
  let f: KnowledgeFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(async () => {
    await emptyKnowledge(db);
    f = knowledgeFixture(db);
  });

  const published = async () => {
    const { id } = await f.kb.add({ communityId: 'acme', content: typed, actor: ERIN });
    return f.kb.publish(id, MOD);
  };

  it('should flag a published article stale when its re-verify timer fires', async () => {
    const article = await published();
    const key = `kb.reverify:${article.id}`;
    expect(f.jobs.timers.get(key)?.dueAt).toEqual(new Date(article.lastVerifiedAt!.getTime() + 30 * DAY));
    f.clock.now = new Date(f.clock.now.getTime() + 30 * DAY);
    expect(await f.jobs.fire(key, f.clock.now)).toBe(true);
    expect(await f.kb.get(article.id)).toMatchObject({ state: 'published', stale: true, staleReason: 'age', revision: 3 });
    expect((await f.kb.revisions(article.id)).at(-1)).toMatchObject({ action: 'stale', actor: { kind: 'heimo' }, reason: 'age' });
    expect((await f.kb.list({ communityId: 'acme', stale: true })).map((a) => a.id)).toEqual([article.id]);
    // Still searchable: stale means "look again", not "wrong".
    expect(await f.kb.search({ text: 'rotate api key', visibility: ['public'], limit: 1 })).toHaveLength(1);
  });

  it('should clear the flag and re-arm the timer from today when a stale article is verified', async () => {
    const article = await published();
    await f.kb.markStale({ articleId: article.id }, 'reopened');
    f.clock.now = new Date(f.clock.now.getTime() + 5 * DAY);
    const verified = await f.kb.verify(article.id, MOD);
    expect(verified).toMatchObject({ stale: false, staleReason: null, lastVerifiedAt: f.clock.now });
    expect(f.jobs.timers.get(`kb.reverify:${article.id}`)?.dueAt).toEqual(new Date(f.clock.now.getTime() + 30 * DAY));
    expect(await f.kb.list({ stale: true })).toEqual([]);
    expect((await f.kb.revisions(article.id)).map((r) => r.action)).toEqual(['add', 'publish', 'stale', 'verify']);
  });

  it('should wait for the new due time instead of flagging when the community re-verifies later than when the timer was set', async () => {
    const article = await published();
    const longer = knowledgeFixture(db, { network: knowledgeNetwork({ reverifyAfterMs: 90 * DAY }) });
    const key = `kb.reverify:${article.id}`;
    longer.jobs.timers.set(key, f.jobs.timers.get(key)!);
    const firedAt = new Date(f.clock.now.getTime() + 30 * DAY);
    await longer.jobs.fire(key, firedAt);
    expect((await f.kb.get(article.id))?.stale).toBe(false);
    expect(longer.jobs.timers.get(key)?.dueAt).toEqual(new Date(article.lastVerifiedAt!.getTime() + 90 * DAY));
  });

  it('should do nothing when the timer of an article retired meanwhile fires', async () => {
    const article = await published();
    const key = `kb.reverify:${article.id}`;
    const timer = f.jobs.timers.get(key)!;
    await f.kb.retire(article.id, MOD);
    f.jobs.timers.set(key, timer); // taken before the retire cleared it
    await f.jobs.fire(key, new Date(f.clock.now.getTime() + 31 * DAY));
    expect(await f.kb.get(article.id)).toMatchObject({ state: 'retired', stale: false, revision: 3 });
  });
});
