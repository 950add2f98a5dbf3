import { createCapabilities, type Capabilities } from '../../../bots/app/create-capabilities.ts';
import { createRelay } from '../../../core/conversations/index.ts';
import { createSqlRelayStore } from '../../../core/conversations/index.ts';
import { defineCommunity, DEFAULT_KNOWLEDGE, DEFAULT_SATISFACTION, type NetworkConfig } from '../../../core/domain/network.ts';
import type { InboundHandler } from '../../../core/domain/events.ts';
import type { QueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';
import { createLogger } from '../../../core/logger.ts';
import { createDeliveryWorker, createSqlOutboxStore, type DeliveryWorker } from '../../../core/outbox/index.ts';
import type { CardView, CustomerDelivery, EmployeeDelivery, PromptView, ReviewCardView, StatusView } from '../../../core/ports/delivery.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestQueues } from '../../support/queue.ts';

/** The community window of billing questions in these tests: short, so the real timer fires soon (long enough to look inside it on a busy machine). */
export const WINDOW_MS = 1_000;

/** One hour to the first response and a day to resolution for gold customers. */
export const FIRST_RESPONSE_MS = 3_600_000;

/** Acme: billing questions (keyword "invoice") wait for the community, then go to Support; gold customers have clock targets; surveys are on. */
export const NETWORK: NetworkConfig = {
  communities: [
    defineCommunity({
      id: 'acme',
      name: 'Acme',
      discordGuildId: 'g1',
      routes: [{ discordChannelId: 'help', destination: { platform: 'slack', channelId: 'C-route' } }],
      teams: [{ id: 'support', name: 'Support', destination: { platform: 'slack', channelId: 'C-support' }, capacity: 5 }],
      tiers: [{ id: 'gold', discordRoleIds: ['gold-role'], firstResponseMs: FIRST_RESPONSE_MS, resolutionMs: 86_400_000, skipCommunityWindow: false }],
      rules: [{ name: 'billing', match: { keywords: ['invoice'] }, team: 'support', communityWindowMs: WINDOW_MS, pingRoleId: 'ambassadors' }],
      knowledge: { ...DEFAULT_KNOWLEDGE, reviewChannel: { platform: 'slack', channelId: 'C-review' } },
      // Surveys on, posted a day after a solution: never within these tests, but an asker may rate by typing `rate`.
      satisfaction: { ...DEFAULT_SATISFACTION, enabled: true, delayMs: 86_400_000 },
    }),
  ],
  internalMarkers: ['//'],
};

/** What the platforms were asked to show. */
export interface Shown {
  /** Every card posted or updated, in order. */
  cards: CardView[];
  statuses: Array<{ threadId: string; view: StatusView }>;
  prompts: Array<{ threadId: string; view: PromptView }>;
  directs: Array<{ userId: string; text: string }>;
  /** Review cards posted and updated, in order. */
  reviews: Array<{ op: 'post' | 'update'; channelId: string; view: ReviewCardView }>;
}

// Recording adapters behind the real delivery worker: the platforms themselves are not under test here.
function recordingDeliveries(shown: Shown): { slack: EmployeeDelivery; discord: CustomerDelivery } {
  let posts = 0;
  const chat = { maxFileBytes: 0, maxMessageFileBytes: 0, postMessage: async () => [`post-${(posts += 1)}`], editMessage: async (_t: unknown, ids: string[]) => ids, deleteMessage: async () => {}, react: async () => {}, fetchFile: async () => new Uint8Array() };
  return {
    slack: {
      ...chat,
      platform: 'slack',
      postCard: async (_destination, card) => {
        shown.cards.push(card);
        return { channelId: 'C-support', threadId: `card-${card.conversationId}`, cardMessageId: `card-${card.conversationId}` };
      },
      updateCard: async (_destination, _ref, card) => void shown.cards.push(card),
      postDirect: async (userId, notice) => void shown.directs.push({ userId, text: notice.text }),
      postReviewCard: async (destination, view) => {
        shown.reviews.push({ op: 'post', channelId: destination.channelId, view });
        return `review-${shown.reviews.length}`;
      },
      updateReviewCard: async (destination, _messageId, view) => void shown.reviews.push({ op: 'update', channelId: destination.channelId, view }),
    },
    discord: {
      ...chat,
      platform: 'discord',
      openThread: async (request) => ({ channelId: request.messageId, threadId: request.messageId }),
      showStatus: async (thread, view) => void shown.statuses.push({ threadId: thread.threadId, view }),
      postPrompt: async (thread, view) => {
        shown.prompts.push({ threadId: thread.threadId, view });
        return `prompt-${shown.prompts.length}`;
      },
    },
  };
}

/** A running slice of Heimo: the relay, the real job system with lifecycle, owners, clocks and routing, and the delivery worker. */
export interface WiringWorld {
  db: TestDatabase;
  capabilities: Capabilities;
  ingest: InboundHandler;
  shown: Shown;
  stop(): Promise<void>;
}

/** Starts the world on a fresh database and queue (PGlite, or PostgreSQL and Redis from the env); Aino is on duty in Support. */
export async function startWiringWorld(): Promise<WiringWorld> {
  const db = await createTestDatabase();
  const queues: QueueFactory = await createTestQueues(db);
  const logger = createLogger({ level: 'silent' });
  const shown: Shown = { cards: [], statuses: [], prompts: [], directs: [], reviews: [] };
  let worker: DeliveryWorker | undefined;
  const capabilities = createCapabilities({
    database: db,
    queues,
    network: () => NETWORK,
    schedule: (streams) => worker?.schedule(streams) ?? Promise.resolve(),
    logger,
    jobs: { sweepIntervalMs: 0, retry: { baseDelayMs: 10 } },
  });
  worker = createDeliveryWorker({
    exclusive: db.kind === 'pglite' && queues.kind === 'postgres',
    store: createSqlOutboxStore(db),
    queues,
    deliveries: recordingDeliveries(shown),
    communityName: () => 'Acme',
    cards: capabilities.cards,
    reviews: capabilities.reviews,
    logger,
  });
  const relay = createRelay({ network: NETWORK, store: createSqlRelayStore(db), schedule: worker.schedule, logger, questions: capabilities.questions });
  await capabilities.owners.onDuty({ platform: 'slack', userId: 'U-aino', displayName: 'Aino' }, { communityId: 'acme', teamId: 'support' }, 'on');
  await capabilities.jobs.start();
  await worker.start();
  return {
    db,
    capabilities,
    ingest: relay.ingest,
    shown,
    stop: async () => {
      await worker?.close();
      await capabilities.jobs.close();
      await queues.close();
      await db.dispose();
    },
  };
}
