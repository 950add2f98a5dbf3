import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ArticlePublishedEvent } from '../../../core/domain/domain-events.ts';
import { createKnowledgeBase, type ImportRow } from '../../../core/knowledge/index.ts';
import { eventually } from '../../support/eventually.ts';
import { createJobsWorld, JOB_SETUPS, type JobsWorld } from '../jobs/job-harness.ts';
import { knowledgeNetwork, MOD } from './knowledge-fixture.ts';

// The knowledge base on the real job system (queue and sweeper included): its timer fires, its
// event reaches listeners, and a large import with a timer per article stays quick.

describe.each(JOB_SETUPS)('knowledge base on the real job system: $label', (setup) => {
  let world: JobsWorld;

  beforeAll(async () => {
    world = await createJobsWorld(setup);
  });
  afterEach(async () => {
    await world?.reset();
    await world?.db.pool.query(`DELETE FROM "Article"`);
  });
  afterAll(async () => {
    await world?.dispose();
  });

  it('should announce a publication to listeners and flag the article stale when its re-verify age passes', async () => {
    const { jobs } = await world.start();
    const kb = createKnowledgeBase({ database: world.db, jobs, network: () => knowledgeNetwork({ reverifyAfterMs: 400 }) });
    const heard: ArticlePublishedEvent[] = [];
    jobs.on('article.published', 'test.credits', async (event) => void heard.push(event));
    await jobs.start();
    const { id } = await kb.add({ communityId: 'acme', content: { title: 'Rotate keys', question: 'How do I rotate keys?', answer: 'Create, deploy, revoke.' }, actor: MOD });
    await kb.publish(id, MOD);
    await eventually(() => heard.length === 1, 'the article.published event');
    expect(heard[0]).toMatchObject({ articleId: id, communityId: 'acme', actor: MOD });
    const stale = await eventually(async () => ((await kb.get(id))?.stale ? kb.get(id) : false), 'the stale flag');
    expect(stale).toMatchObject({ staleReason: 'age', state: 'published' });
    expect((await kb.list({ stale: true })).map((a) => a.id)).toEqual([id]);
  });

  it('should take seconds and set one re-verify timer for the community when two thousand rows are imported', async () => {
    const { jobs } = await world.start();
    const kb = createKnowledgeBase({ database: world.db, jobs, network: () => knowledgeNetwork() });
    const rows: ImportRow[] = Array.from({ length: 2_000 }, (_, i) => ({ id: `r${i}`, title: `Topic ${i} setup`, body: `How do I set up topic ${i}?`, answer: `Open topic ${i} settings.` }));
    const started = Date.now();
    const report = await kb.import(rows, { communityId: 'acme', actor: MOD });
    const seconds = (Date.now() - started) / 1000;
    expect(report.created).toBe(2_000);
    expect((await world.db.pool.query(`SELECT count(*)::int AS n FROM "Timer" WHERE "kind" = 'kb.reverify'`)).rows[0].n).toBe(1);
    console.log(`import of 2000 rows (${setup.label}): ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(30);
  });
});
