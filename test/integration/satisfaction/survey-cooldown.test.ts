import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlRelayStore } from '../../../core/conversations/sql-relay-store.ts';
import { DEFAULT_SATISFACTION, defineCommunity, type NetworkConfig } from '../../../core/domain/network.ts';
import { createSqlQuestionFacts } from '../../../core/lifecycle/index.ts';
import { createLogger } from '../../../core/logger.ts';
import { createSqlOutboxWriter } from '../../../core/outbox/index.ts';
import { createSatisfaction, surveyKey } from '../../../core/satisfaction/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestJobs, type TestJobs } from '../../support/test-jobs.ts';

// The cooldown when an asker's surveys come due together: on PostgreSQL each timer fires in its own
// transaction on its own connection, so without the asker's lock both would find no survey yet.

const NETWORK: NetworkConfig = {
  communities: [defineCommunity({ id: 'acme', name: 'Acme', discordGuildId: 'g1', routes: [], satisfaction: { ...DEFAULT_SATISFACTION, enabled: true, delayMs: 60_000 } })],
  internalMarkers: [],
};

describe('satisfaction survey cooldown', () => {
  let db: TestDatabase;
  let jobs: TestJobs;
  beforeAll(async () => {
    db = await createTestDatabase();
    jobs = createTestJobs(db);
    createSatisfaction({ database: db, jobs, network: () => NETWORK, outbox: createSqlOutboxWriter(), questions: createSqlQuestionFacts(), logger: createLogger({ level: 'silent' }) }).listen();
  }, 60_000);
  afterAll(() => db?.dispose());

  // A solved question of `asker` (their Discord account), its survey timer set by question.resolved.
  const solved = async (asker: string, id: string): Promise<string> => {
    const opened = await createSqlRelayStore(db).openConversation({
      communityId: 'acme', title: `Question ${id}`, destination: { platform: 'slack', channelId: 'S1' },
      message: { platform: 'discord', channelId: 'help', externalId: `q-${id}`, author: { platform: 'discord', externalId: asker, displayName: asker, isBot: false }, text: 'help', internal: false },
      links: [{ platform: 'discord', side: 'customer', channelId: `t-${id}`, threadId: `t-${id}`, cardMessageId: null, url: null }],
      deliveries: () => [],
    });
    const conversationId = opened?.conversationId ?? '';
    await db.pool.query(`UPDATE "Conversation" SET "status" = 'resolved' WHERE "id" = $1::text`, [conversationId]);
    await jobs.transaction(async (tx) => {
      await jobs.publish(tx, { type: 'question.resolved', conversationId, communityId: 'acme', solution: null, acceptedBy: { kind: 'person', platform: 'discord', userId: asker }, at: new Date().toISOString() });
    });
    expect(jobs.timers.has(surveyKey(conversationId))).toBe(true);
    return conversationId;
  };

  it('should survey an asker once when two of their solved questions come due at the same instant', async () => {
    const first = await solved('ann', 'a1');
    const second = await solved('ann', 'a2');
    expect(await Promise.all([jobs.fire(surveyKey(first)), jobs.fire(surveyKey(second))])).toEqual([true, true]);
    expect((await db.pool.query(`SELECT "conversationId" FROM "SatisfactionSurvey" WHERE "askerUserId" = 'ann'`)).rows).toHaveLength(1);
    const prompts = await db.pool.query(`SELECT "conversationId" FROM "OutboxEntry" WHERE "kind" = 'prompt.post' AND "conversationId" IN ($1::text, $2::text)`, [first, second]);
    expect(prompts.rows).toHaveLength(1);
  });

  it('should survey two askers whose questions come due at the same instant', async () => {
    const [bea, cid] = [await solved('bea', 'b1'), await solved('cid', 'c1')];
    await Promise.all([jobs.fire(surveyKey(bea)), jobs.fire(surveyKey(cid))]);
    expect((await db.pool.query(`SELECT "askerUserId" FROM "SatisfactionSurvey" WHERE "askerUserId" IN ('bea', 'cid') ORDER BY 1`)).rows).toEqual([{ askerUserId: 'bea' }, { askerUserId: 'cid' }]);
  });
});
