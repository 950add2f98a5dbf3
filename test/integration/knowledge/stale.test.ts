import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../support/database.ts';
import { ERIN, knowledgeFixture, knowledgeNetwork, MOD, type KnowledgeFixture, withKnowledgeFixture } from './knowledge-fixture.ts';

const DAY = 86_400_000;
const KEY = 'kb.reverify:acme';
const typed = (title: string) => ({ title, question: `How do I ${title.toLowerCase()}?`, answer: 'Create a new one, deploy it, then revoke the old one.' });

describe('knowledge base staleness on the real database', () => {
  let db: TestDatabase;
  let f: KnowledgeFixture;

  withKnowledgeFixture((database, fixture) => {
    db = database;
    f = fixture;
  });

  const published = async (title = 'Rotate API keys') => {
    const { id } = await f.kb.add({ communityId: 'acme', content: typed(title), actor: ERIN });
    return f.kb.publish(id, MOD);
  };
  const later = (days: number) => (f.clock.now = new Date(f.clock.now.getTime() + days * DAY));

  it('should flag the due article stale and wait for the next one when the community timer fires', async () => {
    const first = await published('Rotate API keys');
    later(10);
    const second = await published('Rotate SSH keys');
    // The timer waits for the article verified longest ago.
    expect(f.jobs.timers.get(KEY)?.dueAt).toEqual(new Date(first.lastVerifiedAt!.getTime() + 30 * DAY));
    later(20);
    expect(await f.jobs.fire(KEY, f.clock.now)).toBe(true);
    expect(await f.kb.get(first.id)).toMatchObject({ state: 'published', stale: true, staleReason: 'age', revision: 3 });
    expect(await f.kb.get(second.id)).toMatchObject({ stale: false, revision: 2 });
    expect((await f.kb.revisions(first.id)).at(-1)).toMatchObject({ action: 'stale', actor: { kind: 'heimo' }, reason: 'age' });
    expect(f.jobs.timers.get(KEY)?.dueAt).toEqual(new Date(second.lastVerifiedAt!.getTime() + 30 * DAY));
    expect((await f.kb.list({ communityId: 'acme', stale: true })).map((a) => a.id)).toEqual([first.id]);
    // Still searchable: stale means "look again", not "wrong".
    expect(await f.kb.search({ text: 'rotate api keys', visibility: ['public'], limit: 1 })).toHaveLength(1);
  });

  it('should clear the flag and re-arm the timer from today when a stale article is verified', async () => {
    const article = await published();
    await f.kb.markStale({ articleId: article.id }, 'reopened');
    later(5);
    const verified = await f.kb.verify(article.id, MOD);
    expect(verified).toMatchObject({ stale: false, staleReason: null, lastVerifiedAt: f.clock.now });
    expect(f.jobs.timers.get(KEY)?.dueAt).toEqual(new Date(f.clock.now.getTime() + 30 * DAY));
    expect(await f.kb.list({ stale: true })).toEqual([]);
    expect((await f.kb.revisions(article.id)).map((r) => r.action)).toEqual(['add', 'publish', 'stale', 'verify']);
  });

  it('should wait for the new due time instead of flagging when the community re-verifies later than when the timer was set', async () => {
    const article = await published();
    const longer = knowledgeFixture(db, { network: knowledgeNetwork({ reverifyAfterMs: 90 * DAY }) });
    longer.jobs.timers.set(KEY, f.jobs.timers.get(KEY)!);
    await longer.jobs.fire(KEY, new Date(f.clock.now.getTime() + 30 * DAY));
    expect((await f.kb.get(article.id))?.stale).toBe(false);
    expect(longer.jobs.timers.get(KEY)?.dueAt).toEqual(new Date(article.lastVerifiedAt!.getTime() + 90 * DAY));
  });

  it('should flag nothing and stop when the only article was retired before the timer fired', async () => {
    const article = await published();
    await f.kb.retire(article.id, MOD);
    await f.jobs.fire(KEY, new Date(f.clock.now.getTime() + 31 * DAY));
    expect(await f.kb.get(article.id)).toMatchObject({ state: 'retired', stale: false, revision: 3 });
    expect(f.jobs.timers.has(KEY)).toBe(false);
  });

  it('should flag in batches and fire again at once when more articles are due than one batch holds', async () => {
    await f.kb.import(Array.from({ length: 1_200 }, (_, i) => ({ id: `r${i}`, title: `Topic ${i}`, body: `Question ${i}?`, answer: `Answer ${i}.` })), { communityId: 'acme', actor: MOD });
    const firedAt = later(31);
    let firings = 0;
    for (let timer = f.jobs.timers.get(KEY); timer !== undefined && timer.dueAt <= firedAt; timer = f.jobs.timers.get(KEY)) {
      await f.jobs.fire(KEY, firedAt);
      firings += 1;
    }
    expect(firings).toBe(3); // 500 + 500 + 200
    expect(await f.kb.counts('acme')).toMatchObject({ published: 1_200, stale: 1_200 });
    expect(f.jobs.timers.has(KEY)).toBe(false);
  });
});
