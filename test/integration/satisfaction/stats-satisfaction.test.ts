import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createStatsService } from '../../../bots/app/knowledge-stats.ts';
import { createSqlSatisfactionFigures } from '../../../core/satisfaction/index.ts';
import { createLatencyWindow } from '../../../core/knowledge/index.ts';
import { DEFAULT_SATISFACTION, defineCommunity, type NetworkConfig } from '../../../core/domain/network.ts';
import { formatStats } from '../../../core/commands/index.ts';
import { translator } from '../../../core/i18n/index.ts';

const NOW = new Date('2026-12-31T12:00:00Z');
const DAY_MS = 86_400_000;
const community = (id: string, enabled: boolean) =>
  defineCommunity({ id, name: id.toUpperCase(), discordGuildId: `g-${id}`, routes: [], satisfaction: { ...DEFAULT_SATISFACTION, enabled } });

describe('/heimo stats with survey ratings', () => {
  let db: TestDatabase;
  let stats: ReturnType<typeof createStatsService>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const network: NetworkConfig = { communities: [community('on', true), community('off', false), community('was', false)], internalMarkers: [] };
    stats = createStatsService({
      network: () => network,
      // No suggestions or articles in these communities: the figures under test are the ratings.
      suggestions: { counts: async () => [] },
      knowledge: { counts: async () => ({ draft: 0, published: 0, rejected: 0, retired: 0, stale: 0 }) },
      searchLatency: createLatencyWindow(),
      satisfaction: createSqlSatisfactionFigures(db),
      days: 30,
      clock: () => NOW,
    });
    const survey = (conversationId: string, communityId: string, daysAgo: number, score: number | null) =>
      db.prisma.satisfactionSurvey.create({
        data: {
          conversationId, communityId, askerPlatform: 'discord', askerUserId: `u-${conversationId}`,
          askedAt: new Date(NOW.getTime() - daysAgo * DAY_MS), score, ratedAt: score === null ? null : new Date(NOW.getTime() - daysAgo * DAY_MS + 60_000),
        },
      });
    await survey('a', 'on', 1, 5);
    await survey('b', 'on', 2, 4);
    await survey('c', 'on', 3, 3);
    await survey('d', 'on', 4, null);
    await survey('e', 'on', 40, 1); // before the 30 days
    await survey('f', 'was', 5, 2); // asked while surveys were on, since switched off
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('should report the ratings of surveys asked in the last days and show the line when the community surveys', async () => {
    const read = await stats.read('on');
    expect(read.satisfaction).toEqual({ asked: 4, rated: 3, average: 4, satisfied: 2 });
    expect(formatStats(read.communityName, read, translator('en'))).toContain('- Satisfaction: 4/5 from 3 ratings (67% satisfied, 4 or 5), 4 surveys sent');
  });

  it('should leave satisfaction out when the community never surveyed, and keep it when surveys of the period remain', async () => {
    expect((await stats.read('off')).satisfaction).toBeNull();
    expect((await stats.read('was')).satisfaction).toEqual({ asked: 1, rated: 1, average: 2, satisfied: 0 });
  });
});
