import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createSqlSatisfactionFigures, type SqlSatisfactionFigures } from '../../../core/satisfaction/sql-satisfaction-figures.ts';

const at = (iso: string): Date => new Date(iso);

describe('satisfaction figures from the survey table', () => {
  let db: TestDatabase;
  let reader: SqlSatisfactionFigures;

  beforeAll(async () => {
    db = await createTestDatabase();
    reader = createSqlSatisfactionFigures(db);
    const survey = (conversationId: string, communityId: string, askedAt: string, score: number | null, ratedAt: string | null, userId = `asker-${conversationId}`) =>
      db.prisma.satisfactionSurvey.create({
        data: { conversationId, communityId, askerPlatform: 'discord', askerUserId: userId, askedAt: at(askedAt), score, ratedAt: ratedAt === null ? null : at(ratedAt) },
      });
    // Community "com": five surveys in December (one unrated), one in November (outside the period).
    await survey('c1', 'com', '2026-12-01T10:00:00Z', 5, '2026-12-01T10:05:00Z');
    await survey('c2', 'com', '2026-12-02T10:00:00Z', 4, '2026-12-02T11:00:00Z');
    await survey('c3', 'com', '2026-12-03T10:00:00Z', 2, '2026-12-03T10:01:00Z');
    await survey('c4', 'com', '2026-12-04T10:00:00Z', 5, '2026-12-08T09:00:00Z');
    await survey('c5', 'com', '2026-12-05T10:00:00Z', null, null);
    await survey('old', 'com', '2026-11-20T10:00:00Z', 1, '2026-12-02T12:00:00Z');
    // Another community's ratings never leak into "com".
    await survey('x1', 'other', '2026-12-02T10:00:00Z', 1, '2026-12-02T10:30:00Z');
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('should count surveys asked since the start, their ratings, mean and 4-5s when some were rated', async () => {
    const figures = await reader.figures('com', at('2026-12-01T00:00:00Z'));
    expect(figures).toEqual({ asked: 5, rated: 4, average: 4, satisfied: 3 });
  });

  it('should include a survey asked exactly at the start and leave out earlier ones when the period starts on it', async () => {
    expect(await reader.figures('com', at('2026-12-04T10:00:00Z'))).toEqual({ asked: 2, rated: 1, average: 5, satisfied: 1 });
    expect((await reader.figures('com', at('2026-11-01T00:00:00Z'))).asked).toBe(6);
  });

  it('should give zero counts and no average when nobody was asked or nobody rated', async () => {
    expect(await reader.figures('nobody', at('2026-01-01T00:00:00Z'))).toEqual({ asked: 0, rated: 0, average: null, satisfied: 0 });
    expect(await reader.figures('com', at('2026-12-05T00:00:00Z'))).toEqual({ asked: 1, rated: 0, average: null, satisfied: 0 });
  });

  it('should list the surveys rated in [from, to) with their asker and score when asked for a period', async () => {
    const rated = await reader.ratedBetween('com', at('2026-12-02T00:00:00Z'), at('2026-12-08T09:00:00Z'));
    expect(rated.map((view) => view.conversationId)).toEqual(['c2', 'old', 'c3']);
    expect(rated[0]).toEqual({
      conversationId: 'c2', communityId: 'com', asker: { platform: 'discord', userId: 'asker-c2' },
      askedAt: at('2026-12-02T10:00:00Z'), score: 4, ratedAt: at('2026-12-02T11:00:00Z'),
    });
  });

  it('should read inside the caller transaction when given one', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE "SatisfactionSurvey" SET "score" = 1, "ratedAt" = $1::timestamp WHERE "conversationId" = 'c5'`, ['2026-12-05T11:00:00.000Z']);
      expect((await reader.figures('com', at('2026-12-05T00:00:00Z'), client)).rated).toBe(1);
      expect((await reader.ratedBetween('com', at('2026-12-05T00:00:00Z'), at('2026-12-06T00:00:00Z'), client)).map((view) => view.score)).toEqual([1]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await reader.figures('com', at('2026-12-05T00:00:00Z'))).rated).toBe(0);
  });
});
