import { createClocks, type Clocks } from '../../core/clocks/index.ts';
import type { CommandServices } from '../../core/commands/index.ts';
import { createSqlConversationLookups, createSqlRelayStore, createSqlTranscripts } from '../../core/conversations/index.ts';
import type { NetworkConfig } from '../../core/domain/network.ts';
import type { DeliveryStream } from '../../core/domain/outbox.ts';
import type { Destination, Platform } from '../../core/domain/types.ts';
import { createKnowledgeBase, type KnowledgeService } from '../../core/knowledge/index.ts';
import { createLifecycle, createSqlLifecycleStore } from '../../core/lifecycle/index.ts';
import { createSqlOutboxStore, createSqlOutboxWriter } from '../../core/outbox/index.ts';
import { createOwners, type Owners } from '../../core/owners/index.ts';
import type { CommandPort } from '../../core/ports/commands.ts';
import { createCommandServices } from '../../core/questions/index.ts';
import { createSqlRoutingStore } from '../../core/routing/index.ts';
import { createCommands } from '../../bots/app/commands/create-commands.ts';
import { createErasers } from '../../bots/app/erasers.ts';
import { createPrivacy, type Privacy } from '../../core/privacy/index.ts';
import { createIdentity, type IdentityService } from '../../core/identity/index.ts';
import { createStatsService } from '../../bots/app/knowledge-stats.ts';
import { createLatencyWindow, createSqlSuggestionStore, createSuggestions } from '../../core/knowledge/index.ts';
import { createSqlQuestionFigures } from '../../core/lifecycle/index.ts';
import { createSqlSatisfactionFigures } from '../../core/satisfaction/index.ts';
import { createRecordingLogger } from '../support/command-fixtures.ts';
import { createCredits, createStandings } from '../../core/credits/index.ts';
import { createRecognition } from '../../core/recognition/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { createTestJobs, type TestJobs } from '../support/test-jobs.ts';

/** Heimo's public address in command tests: article links in replies start with it. */
export const KB_PUBLIC_URL = 'https://heimo.example';

/** A question to store as the relay would have: where it lives on each side and the employee's answer. */
export interface SeedInput {
  communityId: string;
  title: string;
  /** Where its card goes (the employee side) and the team it is routed to (null: not routed). */
  destination: Destination;
  teamId: string | null;
  /** The Discord thread, the question's message and its asker. */
  customer: { channelId: string; threadId: string; messageId: string; askerId: string; url?: string };
  /** The card and its thread, once posted. */
  card?: { channelId: string; threadId: string; cardMessageId: string };
  /** An employee's answer (written where employees work), and Heimo's copies of it elsewhere (e.g. the Discord thread). */
  answer?: { channelId: string; externalId: string; authorId: string; copies?: Array<{ platform: Platform; channelId: string; externalId: string }> };
}

/** Heimo's command core on a test database: the real capabilities, services and port, and a way to store questions. */
export interface CommandBackend {
  jobs: TestJobs;
  owners: Owners;
  clocks: Clocks;
  /** Privacy with every capability's eraser, as the composition root builds it. */
  privacy: Privacy;
  /** The knowledge base the `kb` commands act on (the suite adds and reads articles through it). */
  knowledge: KnowledgeService;
  services: CommandServices;
  /** People across platforms (`link`, `unlink`). */
  identity: IdentityService;
  port: CommandPort;
  /** Streams `deliveries retry` scheduled. */
  scheduled: DeliveryStream[];
  /** Stores a question; answers its conversation id and the answer's stored id ('' without one). */
  seed(input: SeedInput): Promise<{ conversationId: string; answerId: string }>;
}

/**
 * Builds lifecycle, owners, clocks, routing and the outbox on `db`, and the services and the command
 * port over them (the port through createCommands, as the composition root builds it). The network
 * is read on every use: a world may name a platform fake's guild once it runs.
 */
export function createCommandBackend(db: TestDatabase, networkOrRead: NetworkConfig | (() => NetworkConfig)): CommandBackend {
  const read = typeof networkOrRead === 'function' ? networkOrRead : () => networkOrRead;
  const jobs = createTestJobs(db);
  const outbox = createSqlOutboxWriter();
  const teams = (communityId: string, teamId: string) => read().communities.find((c) => c.id === communityId)?.teams.find((t) => t.id === teamId);
  const owners = createOwners({ database: db, jobs, outbox, teams });
  const clocks = createClocks({ database: db, jobs, outbox, teams });
  const lifecycle = createLifecycle({
    jobs, store: createSqlLifecycleStore(), network: read, outbox,
    hasOwner: async (tx, id) => (await tx.query(`SELECT 1 FROM "QuestionOwner" WHERE "conversationId" = $1::text`, [id])).rows.length > 0,
  });
  const conversations = createSqlConversationLookups(db);
  const routes = createSqlRoutingStore(db);
  const scheduled: DeliveryStream[] = [];
  const knowledge = createKnowledgeBase({ database: db, jobs, network: read });
  const privacy = createPrivacy({ database: db, jobs, erasers: createErasers(knowledge), onChoicesChanged: (tx, person) => knowledge.consentChanged(tx, person), logger: createRecordingLogger().logger });
  const capabilities = { network: read, jobs, lifecycle, owners, clocks, outbox, privacy, knowledge, publicUrl: KB_PUBLIC_URL, schedule: async (streams: DeliveryStream[]) => void scheduled.push(...streams) };
  // The services the integration tests call directly; the port is the composition root's own wiring over the same capabilities.
  const services = createCommandServices({ ...capabilities, conversations, transcripts: createSqlTranscripts(db), routes, deadLetters: createSqlOutboxStore(db) });
  // The knowledge base's suggestions and the figures of `stats`, as the composition root wires them.
  const { logger } = createRecordingLogger();
  const suggestions = createSuggestions({ knowledge, store: createSqlSuggestionStore(db), jobs, lifecycle, outbox, network: read, logger });
  const stats = createStatsService({ network: read, suggestions, knowledge, searchLatency: createLatencyWindow(), questions: createSqlQuestionFigures(db), satisfaction: createSqlSatisfactionFigures(db) });
  // Issue 11: people, credits and tiers as the composition root wires them (no Discord here; tests write credits).
  const identity = createIdentity({ database: db, jobs, network: read, logger });
  const standings = createStandings({ database: db, identity, credits: (communityId) => read().communities.find((c) => c.id === communityId)?.credits });
  const credits = createCredits({ database: db, jobs, network: read, identity, transcripts: createSqlTranscripts(db), routes, standings, logger });
  const recognition = createRecognition({ database: db, jobs, network: read, credits, identity, delivery: () => undefined, logger });
  recognition.listen();
  const port = createCommands(db, capabilities, logger, { suggestions: { accept: (request) => suggestions.accept(request) }, stats, identity, credits, recognition });

  const seed: CommandBackend['seed'] = async (input) => {
    const relay = createSqlRelayStore(db);
    const { customer, card, answer } = input;
    const opened = await relay.openConversation({
      communityId: input.communityId, title: input.title, destination: input.destination,
      message: { platform: 'discord', channelId: customer.threadId, externalId: customer.messageId, author: { platform: 'discord', externalId: customer.askerId, displayName: 'Asker', isBot: false }, text: input.title, internal: false },
      links: [
        { platform: 'discord', side: 'customer', channelId: customer.channelId, threadId: customer.threadId, cardMessageId: null, url: customer.url ?? null },
        ...(card === undefined ? [] : [{ platform: input.destination.platform, side: 'employee' as const, channelId: card.channelId, threadId: card.threadId, cardMessageId: card.cardMessageId, url: null }]),
      ],
      deliveries: () => [],
    });
    if (!opened) throw new Error('seed: the question was stored already');
    const { conversationId } = opened;
    if (input.teamId !== null) await routes.save({ conversationId, communityId: input.communityId, teamId: input.teamId, rule: 'fallback', tierId: null, language: null, routedAt: new Date() });
    if (answer === undefined) return { conversationId, answerId: '' };
    const reply = await relay.appendMessage({
      conversationId, expectedStatus: 'open', deliveries: () => [],
      message: { platform: input.destination.platform, channelId: answer.channelId, externalId: answer.externalId, author: { platform: input.destination.platform, externalId: answer.authorId, displayName: 'Erin', isBot: false }, text: 'Try this.', internal: false },
    });
    if (reply.status !== 'stored') throw new Error('seed: the answer was not stored');
    for (const [part, copy] of (answer.copies ?? []).entries()) {
      await db.pool.query(
        `INSERT INTO "MessageCopy" ("id", "messageId", "platform", "channelId", "externalId", "part") VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::int)`,
        [`copy-${reply.messageId}-${part}`, reply.messageId, copy.platform, copy.channelId, copy.externalId, 0],
      );
    }
    return { conversationId, answerId: reply.messageId };
  };

  return { jobs, owners, clocks, privacy, knowledge, services, identity, port, scheduled, seed };
}
