import { defineCommunity, type NetworkConfig } from '../../../core/domain/network.ts';
import type { ConversationStatus } from '../../../core/domain/types.ts';
import type { MessageRef } from '../../../core/domain/domain-events.ts';
import { createSqlRelayStore } from '../../../core/conversations/index.ts';
import { createLifecycle, createSqlLifecycleStore, type Lifecycle, type LifecycleOutbox } from '../../../core/lifecycle/index.ts';
import { createSqlOutboxWriter } from '../../../core/outbox/index.ts';
import type { TestDatabase } from '../../support/database.ts';
import { createTestJobs, type TestJobs } from '../../support/test-jobs.ts';

/** The community of these tests: quiet answered questions are prompted after an hour, closed two hours later. */
export const NETWORK: NetworkConfig = {
  communities: [defineCommunity({ id: 'com', name: 'Acme', discordGuildId: 'g1', routes: [], lifecycle: { idlePromptMs: 3_600_000, idleCloseMs: 7_200_000 } })],
  internalMarkers: ['//'],
};

/** A lifecycle on a real database, with a clock the test moves. */
export interface Fixture {
  jobs: TestJobs;
  lifecycle: Lifecycle;
  clock: { now: Date };
  owner: { has: boolean };
}

/** Builds the lifecycle under test; `outbox` replaces the real insert (to make it fail). */
export function lifecycleFixture(db: TestDatabase, outbox: LifecycleOutbox = createSqlOutboxWriter()): Fixture {
  const jobs = createTestJobs(db);
  const clock = { now: new Date('2026-12-03T09:00:00.000Z') };
  const owner = { has: false };
  const lifecycle = createLifecycle({
    jobs, store: createSqlLifecycleStore(), network: () => NETWORK, clock: () => clock.now, outbox,
    hasOwner: async () => owner.has,
  });
  return { jobs, lifecycle, clock, owner };
}

let counter = 0;

/** A question from Discord routed to Slack, in `status`, with an employee's answer: its id and the answer as a solution. */
export async function seedQuestion(db: TestDatabase, status: ConversationStatus): Promise<{ conversationId: string; answer: MessageRef }> {
  const relay = createSqlRelayStore(db);
  const n = ++counter;
  const opened = await relay.openConversation({
    communityId: 'com', title: 'How?', destination: { platform: 'slack', channelId: 'S1' },
    message: { platform: 'discord', channelId: 'help', externalId: `q${n}`, author: { platform: 'discord', externalId: 'asker', displayName: 'Ann', isBot: false }, text: 'How?', internal: false },
    links: [{ platform: 'discord', side: 'customer', channelId: `t${n}`, threadId: `t${n}`, cardMessageId: null, url: null }],
    deliveries: () => [],
  });
  if (!opened) throw new Error('seed: conversation not created');
  const { conversationId } = opened;
  const reply = await relay.appendMessage({
    conversationId, expectedStatus: 'open', deliveries: () => [],
    message: { platform: 'slack', channelId: 'S1', externalId: `a${n}`, author: { platform: 'slack', externalId: 'U9', displayName: 'Erin', isBot: false }, text: 'Like so.', internal: false },
  });
  if (reply.status !== 'stored') throw new Error('seed: answer not stored');
  await db.pool.query(`UPDATE "Conversation" SET "status" = $2::text WHERE "id" = $1::text`, [conversationId, status]);
  return { conversationId, answer: { messageId: reply.messageId, platform: 'slack', authorId: 'U9' } };
}

/** What the lifecycle wrote for one conversation: status, history, solutions and queued deliveries. */
export async function written(db: TestDatabase, conversationId: string) {
  const q = async <R>(sql: string): Promise<R[]> => (await db.pool.query<R>(sql, [conversationId])).rows;
  const [conversation] = await q<{ status: string; resolvedAt: unknown }>(`SELECT "status", "resolvedAt" FROM "Conversation" WHERE "id" = $1::text`);
  return {
    status: conversation?.status,
    resolvedAt: conversation?.resolvedAt ?? null,
    changes: await q<{ from: string; to: string; action: string; actorKind: string; actorUserId: string | null }>(
      `SELECT "from", "to", "action", "actorKind", "actorUserId" FROM "StatusChange" WHERE "conversationId" = $1::text ORDER BY "at", "id"`),
    resolutions: await q<{ solutionMessageId: string; acceptedByUserId: string | null; current: boolean; retiredAt: unknown }>(
      `SELECT "solutionMessageId", "acceptedByUserId", "current", "retiredAt" FROM "Resolution" WHERE "conversationId" = $1::text ORDER BY "at"`),
    outbox: await q<{ seq: number; platform: string; kind: string; payload: Record<string, string> }>(
      `SELECT "seq", "platform", "kind", "payload" FROM "OutboxEntry" WHERE "conversationId" = $1::text ORDER BY "seq"`),
  };
}
