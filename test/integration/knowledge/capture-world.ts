import { createQuestionFlow, createRelay, createSqlRelayStore, createSqlTranscripts } from '../../../core/conversations/index.ts';
import type { Actor } from '../../../core/domain/domain-events.ts';
import type { InboundHandler } from '../../../core/domain/events.ts';
import type { Destination } from '../../../core/domain/types.ts';
import { defineCommunity, DEFAULT_KNOWLEDGE, type KnowledgeConfig, type NetworkConfig } from '../../../core/domain/network.ts';
import { createKnowledgeBase, createReviewCards, listenForCapture, type KnowledgeReviews, type KnowledgeService } from '../../../core/knowledge/index.ts';
import { createLifecycle, createSqlLifecycleStore, type Lifecycle } from '../../../core/lifecycle/index.ts';
import { createLogger } from '../../../core/logger.ts';
import { createSqlOutboxStore, createSqlOutboxWriter } from '../../../core/outbox/index.ts';
import { createSqlRoutingStore } from '../../../core/routing/index.ts';
import type { TestDatabase } from '../../support/database.ts';
import { createTestJobs, type TestJobs } from '../../support/test-jobs.ts';

/** Where Acme's questions go unless told: Slack channel C-support. */
export const SUPPORT: Destination = { platform: 'slack', channelId: 'C-support' };

/** Acme: its forum goes to `support`; drafts are reviewed in Slack channel C-review unless `knowledge` says otherwise. */
export function captureNetwork(knowledge: Partial<KnowledgeConfig> = {}, support: Destination = SUPPORT): NetworkConfig {
  return {
    internalMarkers: ['//', 'note:'],
    communities: [
      defineCommunity({
        id: 'acme', name: 'Acme', discordGuildId: 'g1',
        routes: [{ discordChannelId: 'forum', destination: support }],
        knowledge: { ...DEFAULT_KNOWLEDGE, reviewChannel: { platform: 'slack', channelId: 'C-review' }, ...knowledge },
      }),
    ],
  };
}

/** The people of these tests. */
export const ASKER = { platformUserId: 'ann', displayName: 'Ann Asker', isBot: false };
export const HELPER = { platformUserId: 'cora', displayName: 'Cora Community', isBot: false };
export const EMPLOYEE = { platformUserId: 'U-erin', displayName: 'Erin Employee', isBot: false };
export const ANN: Actor = { kind: 'person', platform: 'discord', userId: 'ann', displayName: 'Ann Asker' };

/** The relay, lifecycle, knowledge base and capture as the app wires them, on a real database and test jobs. */
export interface CaptureWorld {
  jobs: TestJobs;
  ingest: InboundHandler;
  lifecycle: Lifecycle;
  kb: KnowledgeService;
  reviews: KnowledgeReviews;
}

/** Builds the world on `db` with `network`. */
export function captureWorld(db: TestDatabase, network: NetworkConfig = captureNetwork()): CaptureWorld {
  const jobs = createTestJobs(db);
  const logger = createLogger({ level: 'silent' });
  const outbox = createSqlOutboxWriter();
  const lifecycle = createLifecycle({ jobs, store: createSqlLifecycleStore(), network: () => network, outbox });
  const questions = createQuestionFlow({ jobs, routes: createSqlRoutingStore(db), lifecycle });
  const relay = createRelay({ network, store: createSqlRelayStore(db), schedule: async () => undefined, logger, questions });
  // The knowledge base reports every article change to the review cards (created just below).
  let reviews: KnowledgeReviews | undefined;
  const kb = createKnowledgeBase({ database: db, jobs, network: () => network, onChanged: (tx, change) => reviews?.changed(tx, change) ?? Promise.resolve() });
  reviews = createReviewCards({ knowledge: kb, outbox, network: () => network, transaction: jobs.transaction });
  listenForCapture({ jobs, knowledge: kb, transcripts: createSqlTranscripts(db), network: () => network, logger });
  return { jobs, ingest: relay.ingest, lifecycle, kb, reviews };
}

let threads = 0;
let messages = 0;

// A Slack ts of now (the order key reads Slack's clock from it), unique per message.
const slackTs = (): string => {
  messages += 1;
  const ms = Date.now();
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000 + (messages % 1000)).padStart(6, '0')}`;
};


/** A forum question whose card is posted in `support` (linked as the card delivery links it): its conversation, thread and card. */
export async function askQuestion(db: TestDatabase, world: CaptureWorld, text: string, support: Destination = SUPPORT): Promise<{ conversationId: string; thread: string; card: string }> {
  threads += 1;
  const thread = `t${threads}`;
  const asked = await world.ingest({
    type: 'question.asked', platform: 'discord', channelId: 'forum', threadId: thread, messageId: thread,
    author: ASKER, title: text.split('\n')[0] ?? text, text, url: `https://discord.com/channels/g1/${thread}`, tags: [],
  });
  if (asked.status !== 'accepted') throw new Error(`question not accepted: ${JSON.stringify(asked)}`);
  const store = createSqlOutboxStore(db);
  const claimed = await store.claimNext({ conversationId: asked.conversationId, platform: support.platform });
  if (claimed === null || claimed.entry.kind !== 'card.post') throw new Error('expected the card delivery first');
  const card = slackTs();
  await store.complete(claimed.entry.id, [{ type: 'link', link: { platform: support.platform, side: 'employee', channelId: support.channelId, threadId: card, cardMessageId: card, url: null } }]);
  return { conversationId: asked.conversationId, thread, card };
}

/** A message in the question's Discord thread (`customer`) or its Slack card's thread; its Heimo id. */
export async function say(world: CaptureWorld, where: { thread: string; card: string }, side: 'discord' | 'slack', author: typeof ASKER, text: string): Promise<{ id: string; externalId: string }> {
  const externalId = side === 'discord' ? `d${(messages += 1)}` : slackTs();
  const channelId = side === 'discord' ? where.thread : 'C-support';
  const threadId = side === 'discord' ? where.thread : where.card;
  const outcome = await world.ingest({ type: 'message.posted', platform: side, channelId, threadId, messageId: externalId, author, text });
  if (outcome.status !== 'accepted') throw new Error(`message not accepted: ${JSON.stringify(outcome)}`);
  if (outcome.messageId === undefined) throw new Error('the relay stored no message');
  return { id: outcome.messageId, externalId };
}
