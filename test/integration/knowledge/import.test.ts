import { describe, expect, it } from 'vitest';
import type { ImportRow } from '../../../core/knowledge/index.ts';
import type { TestDatabase } from '../../support/database.ts';
import { knowledgeFixture, MOD, type KnowledgeFixture, withKnowledgeFixture } from './knowledge-fixture.ts';

const row = (id: string, topic = id): ImportRow => ({ id, title: `How to configure ${topic}`, body: `I need to configure ${topic} for my team.`, answer: `Open Settings, choose ${topic} and save.` });

async function* slowly(rows: ImportRow[]): AsyncIterable<ImportRow> {
  for (const r of rows) yield r;
}

describe('knowledge base import on the real database', () => {
  let db: TestDatabase;
  let f: KnowledgeFixture;

  withKnowledgeFixture((database, fixture) => {
    db = database;
    f = fixture;
  });

  it('should publish rows directly with their source ids and make them searchable when imported', async () => {
    const report = await f.kb.import([row('faq-1', 'webhooks'), row('faq-2', 'invoices')], { communityId: 'acme', actor: MOD });
    expect(report).toEqual({ created: 2, updated: 0, rejected: [] });
    const [article] = await f.kb.list({ communityId: 'acme', state: 'published' }).then((list) => list.filter((a) => a.sourceId === 'faq-1'));
    expect(article).toMatchObject({ state: 'published', sourceId: 'faq-1', title: 'How to configure webhooks', question: 'I need to configure webhooks for my team.', revision: 1, contributors: [] });
    expect(article?.publishedAt).toEqual(f.clock.now);
    expect(f.jobs.timers.get('kb.reverify:acme')?.dueAt).toEqual(new Date(f.clock.now.getTime() + 30 * 86_400_000));
    expect((await f.kb.revisions(article!.id)).map((r) => `${r.action} ${r.snapshot.state}`)).toEqual(['import published']);
    const hits = await f.kb.search({ text: 'configure webhooks', communityId: 'acme', visibility: ['public'], limit: 1 });
    expect(hits).toEqual([expect.objectContaining({ articleId: article?.id, sourceId: 'faq-1' })]);
    expect(f.jobs.events).toEqual([]); // no contributors to credit
  });

  it('should report bad rows by line and import the rest when some rows are invalid', async () => {
    const rows = [row('a'), { id: 'b', title: '', body: 'x', answer: 'y' }, { id: '', title: 't', body: 'b', answer: 'a' }, { title: 't', body: 'b' }, row('c')] as ImportRow[];
    const report = await f.kb.import(slowly(rows), { communityId: 'acme', actor: MOD });
    expect(report.created).toBe(2);
    expect(report.rejected.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(report.rejected[0]?.error).toContain('title');
    expect(report.rejected[2]?.error).toMatch(/id.*answer|answer.*id/s);
  });

  it('should update the article of the same source id, keep hand edits and a retirement, when a file is imported again', async () => {
    await f.kb.import([row('x', 'alerts'), row('y', 'exports')], { communityId: 'acme', actor: MOD });
    const [x, y] = ['x', 'y'].map(async (id) => (await f.kb.list({ communityId: 'acme' })).find((a) => a.sourceId === id)!);
    const ax = await x!;
    const ay = await y!;
    await f.kb.edit(ax.id, { title: 'Alerts, set up by hand' }, MOD);
    await f.kb.retire(ay.id, MOD);
    const report = await f.kb.import([{ ...row('x', 'alerts'), answer: 'New answer about alerts.' }, { ...row('y', 'exports'), answer: 'New exports answer.' }, row('x', 'alerts')], { communityId: 'acme', actor: MOD });
    expect(report).toEqual({ created: 0, updated: 3, rejected: [] });
    expect(await f.kb.get(ax.id)).toMatchObject({ title: 'Alerts, set up by hand', answer: 'Open Settings, choose alerts and save.', state: 'published' });
    expect(await f.kb.get(ay.id)).toMatchObject({ answer: 'New exports answer.', state: 'retired' });
    expect((await f.kb.revisions(ax.id)).map((r) => r.action)).toEqual(['import', 'edit', 'import', 'import']);
    // Another community's import of the same ids makes its own articles.
    expect(await f.kb.import([row('x')], { communityId: 'auto', actor: MOD })).toMatchObject({ created: 1 });
  });

  it('should write batches and report progress within seconds when thousands of rows are imported', async () => {
    const count = 3_000;
    const rows = Array.from({ length: count }, (_, i) => row(`bulk-${i}`, `feature ${i}`));
    const progress: number[] = [];
    const started = Date.now();
    const report = await f.kb.import(rows, { communityId: 'acme', actor: MOD, onProgress: (done) => progress.push(done) });
    const seconds = (Date.now() - started) / 1000;
    expect(report).toEqual({ created: count, updated: 0, rejected: [] });
    expect(progress).toEqual([500, 1000, 1500, 2000, 2500, 3000]);
    expect(await f.kb.counts('acme')).toMatchObject({ published: count });
    expect([...f.jobs.timers.keys()]).toEqual(['kb.reverify:acme']); // one timer per community, however many articles
    expect(seconds).toBeLessThan(25);
    expect((await f.kb.search({ text: 'configure feature 2999', communityId: 'acme', visibility: ['public'], limit: 1 }))[0]?.sourceId).toBe('bulk-2999');
  });
});
