import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeimo, type Heimo } from '../../../bots/app/create-heimo.ts';
import type { QueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestQueues } from '../../support/queue.ts';
import { credit, daysAgo } from '../credits/standings-seed.ts';
import { knowledgeNetwork } from '../knowledge/knowledge-fixture.ts';
import { get } from '../kb-web/kb-web-world.ts';

// The composition root's wiring: Heimo's own identity, standings and privacy behind its HTTP server.
describe('the leaderboard as a whole Heimo serves it', () => {
  let db: TestDatabase;
  let queues: QueueFactory;
  let heimo: Heimo;

  beforeAll(async () => {
    db = await createTestDatabase();
    queues = await createTestQueues(db);
    heimo = await createHeimo({ env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }, database: db, queues, network: knowledgeNetwork() });
  }, 120_000);
  afterAll(async () => {
    await heimo?.stop();
    await queues?.close();
    await db?.dispose();
  });

  it('should show a credited member on /api/leaderboard and their page only after they run privacy board on', async () => {
    await heimo.capabilities.jobs.transaction((tx) => heimo.capabilities.identity.ensure(tx, { platform: 'discord', userId: 'd-kim', displayName: 'Kim' }, 'acme'));
    await credit(db, { platform: 'discord', userId: 'd-kim', points: 10, reason: 'answer.accepted', at: daysAgo(0), conversationId: 'c-kim' });
    const board = async () => JSON.parse((await get(heimo.url, '/api/leaderboard?window=7d')).body) as { people: Array<{ name: string; points: number; id: string }> };
    expect((await board()).people).toEqual([]);

    await heimo.capabilities.privacy.setChoices({ platform: 'discord', userId: 'd-kim' }, { showOnBoard: true });
    const [kim] = (await board()).people;
    expect(kim).toMatchObject({ name: 'Kim', points: 10 });
    const page = await get(heimo.url, `/api/people/${kim?.id ?? ''}`);
    expect(page.status).toBe(200);
    expect(JSON.parse(page.body)).toMatchObject({ name: 'Kim', answersAccepted: 1, peopleHelped: 1 });
    expect((await get(heimo.url, '/community/leaderboard?window=7d')).body).toContain('<th scope="row">Kim</th>');
  });
});
