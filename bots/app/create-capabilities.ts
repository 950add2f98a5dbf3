import type { NetworkConfig, TeamLookup, TierConfig } from '../../core/domain/network.ts';
import type { DeliveryStream } from '../../core/domain/outbox.ts';
import type { Deliveries } from '../../core/outbox/index.ts';
import type { Database } from '../../core/infra/db/create-database.ts';
import type { QueueFactory } from '../../core/infra/queue/create-queue-factory.ts';
import type { Logger } from '../../core/ports/logger.ts';
import { createJobs, type Jobs, type JobsConfig, type Tx } from '../../core/jobs/index.ts';
import { createLifecycle, createSqlLifecycleStore, createSqlQuestionFacts, type Lifecycle } from '../../core/lifecycle/index.ts';
import { createOwners, type Owners } from '../../core/owners/index.ts';
import { createClocks, type Clocks } from '../../core/clocks/index.ts';
import { createSqlRoutingStore, MOVED_RULE, routedTeam, type RoutingStore } from '../../core/routing/index.ts';
import { createSqlOutboxWriter, type CardSources, type OutboxWriter, type ReviewCards } from '../../core/outbox/index.ts';
import { createQuestionFlow, createSqlConversationLookups, createSqlTranscripts, type QuestionFlow } from '../../core/conversations/index.ts';
import {
  createKnowledgeBase,
  createLatencyWindow,
  createReviewCards,
  createSqlSuggestionStore,
  createSuggestions,
  listenForCapture,
  withSearchTiming,
  type KnowledgeReviews,
  type KnowledgeService,
  type LatencyWindow,
  type PublishedArticle,
  type Suggestions,
} from '../../core/knowledge/index.ts';
import { createPrivacy, type Privacy } from '../../core/privacy/index.ts';
import { createIdentity, listenForEmails, listenForStaffRoles, type IdentityService } from '../../core/identity/index.ts';
import { isThanks, isThanksEmoji } from '../../core/credits/index.ts';
import { createErasers } from './erasers.ts';
import { NOOP_METRICS, type Metrics } from '../../core/metrics/index.ts';
import { articleUrl as pageOf } from './kb-web/kb-urls.ts';
import { createCredits, createStandings, type CreditsService, type Standings } from '../../core/credits/index.ts';
import type { AmbassadorsService } from '../../core/ambassadors/index.ts';
import { createRecognition, type RecognitionService } from '../../core/recognition/index.ts';
import { recognitionDelivery } from './recognition-delivery.ts';
import { wireAmbassadors } from './ambassadors-wiring.ts';
import { createSatisfaction, type SatisfactionService } from '../../core/satisfaction/index.ts';

/** What the capabilities beside the relay need: the database, the queues, the network and the delivery worker's wake-up. */
export interface CapabilitiesConfig {
  database: Database;
  queues: QueueFactory;
  network: () => NetworkConfig;
  /** The delivery worker's `schedule` (the worker may be created after the capabilities: it is called late). */
  schedule: (streams: DeliveryStream[]) => Promise<void>;
  logger: Logger;
  /** Job system overrides (tests: short retries, no periodic sweep). */
  jobs?: Partial<Omit<JobsConfig, 'database' | 'queues' | 'logger'>>;
  /** Where knowledge-base search durations are counted (default: nowhere). */
  metrics?: Metrics;
  /** Heimo's public address (HEIMO_PUBLIC_URL): suggested public articles link to their page under it. */
  publicUrl?: string;
  /** The platform deliveries of this process (issue 11: Discord roles, announcements, the digest); absent in tests without bots. */
  deliveries?: Deliveries;
}

/** The job system and the capabilities on it, registered in every process; only the worker role starts the job system. */
export interface Capabilities {
  jobs: Jobs;
  lifecycle: Lifecycle;
  owners: Owners;
  clocks: Clocks;
  routes: RoutingStore;
  outbox: OutboxWriter;
  /** What the relay records with questions and replies (routing, window, lifecycle). */
  questions: QuestionFlow;
  /** What the delivery worker's cards show from these modules (owner, route, clocks, suggestions) and each community's language. */
  cards: CardSources;
  /** The knowledge base (issue 10): articles, review, search; it reads people's choices from privacy. */
  knowledge: KnowledgeService;
  /** Review cards of draft articles, for the delivery worker (review.post, review.update). */
  reviews: ReviewCards;
  /** Each person's choices (consents for the knowledge base) and forgetting a person through every capability's eraser. */
  privacy: Privacy;
  /** Suggestions before routing and "This solved it". */
  suggestions: Suggestions;
  /** Search durations of this process, for `/heimo stats`. */
  searchLatency: LatencyWindow;
  /** One person across platforms (issue 11): link codes, e-mail joins, staff. */
  identity: IdentityService;
  /** Issue 11 (standings): leaderboards and profiles from credits' ledger (commands, the public board). */
  standings: Standings;
  /** Issue 11 (credits): the ledger, its earning listeners, moderation and ring flags. */
  credits: CreditsService;
  /** Issue 11 (ambassadors): the report and the weekly digest to Slack or Teams. */
  ambassadors: AmbassadorsService;
  /** Issue 11 (recognition): ambassador tiers, their Discord roles and announcements; the worker reconciles at start. */
  recognition: RecognitionService;
  /** Satisfaction surveys: the survey after a solution (the lifecycle's facts, the outbox), `rate`, and their figures. */
  satisfaction: SatisfactionService;
}

/**
 * Creates the job system, the lifecycle, owners, clocks and routing's store, with one outbox
 * writer that wakes the delivery worker after each commit, and registers every listener and timer
 * handler: every process publishes to the same listener names, whether it runs them or not.
 */
export function createCapabilities(config: CapabilitiesConfig): Capabilities {
  const { database, network } = config;
  const jobs = createJobs({ database, queues: config.queues, logger: config.logger.child({ component: 'jobs' }), ...config.jobs });
  const outbox = createSqlOutboxWriter({ afterCommit: jobs.afterCommit, schedule: (streams) => config.schedule(streams) });
  const communityOf = (communityId: string) => network().communities.find((community) => community.id === communityId);
  const teams: TeamLookup = (communityId, teamId) => {
    const community = communityOf(communityId);
    return community === undefined ? undefined : routedTeam(community, teamId);
  };
  const tiers = (communityId: string, tierId: string): TierConfig | undefined => communityOf(communityId)?.tiers.find((tier) => tier.id === tierId);
  const routes = createSqlRoutingStore(database);
  // Round robin claims for the assignee: only an open question (an answered or new one keeps its status).
  const claimed = async (tx: Tx, conversationId: string): Promise<void> => {
    await lifecycle.apply(tx, { conversationId, actor: { kind: 'heimo' }, role: 'heimo', action: { type: 'claim' }, expected: 'open' });
  };
  const owners = createOwners({ database, jobs, outbox, teams, routes, claimed });
  const clocks = createClocks({ database, jobs, outbox, teams, routes, tiers });
  const lifecycle = createLifecycle({
    jobs,
    store: createSqlLifecycleStore(),
    network,
    outbox,
    hasOwner: async (tx, conversationId) => (await owners.owner(conversationId, tx)) !== null,
  });
  owners.listen();
  clocks.listen();
  // The one knowledge base (its searches timed), created before the question flow so that new
  // questions are searched. It reads choices from privacy; privacy tells it when they change and
  // forgets a person through every capability's eraser (the knowledge base's own included). Every
  // article change reaches the review cards (created next: they read the knowledge base).
  const metrics = config.metrics ?? NOOP_METRICS;
  const searchLatency = createLatencyWindow();
  let reviews: KnowledgeReviews | undefined;
  const base = createKnowledgeBase({
    database, jobs, network, logger: config.logger.child({ component: 'knowledge' }),
    consents: { choicesOf: (people) => privacy.consents.choicesOf(people) },
    onChanged: (tx, change) => reviews?.changed(tx, change) ?? Promise.resolve(),
  });
  const knowledge = withSearchTiming(base, (seconds) => {
    metrics.knowledgeSearch(seconds);
    searchLatency.record(seconds * 1000);
  });
  reviews = createReviewCards({ knowledge, outbox, network, transaction: jobs.transaction });
  const privacy = createPrivacy({
    database, jobs, erasers: createErasers(knowledge), onChoicesChanged: (tx, person) => knowledge.consentChanged(tx, person), logger: config.logger.child({ component: 'privacy' }),
  });
  // The same page address the knowledge base's web pages use.
  const publicUrl = config.publicUrl?.replace(/\/+$/, '');
  const articleUrl = publicUrl === undefined ? undefined : (article: PublishedArticle) => pageOf(publicUrl, article.id);
  const suggestions = createSuggestions({
    knowledge,
    store: createSqlSuggestionStore(database),
    jobs,
    lifecycle,
    outbox,
    network,
    logger: config.logger.child({ component: 'suggestions' }),
    ...(articleUrl === undefined ? {} : { articleUrl }),
  });
  // Issue 11, gratitude: the relay publishes `gratitude.expressed` with a thanks, told by credits' detection.
  const gratitude = { isThanks: (text: string) => isThanks(text), isThanksEmoji: (emoji: string) => isThanksEmoji(emoji) };
  const questions = createQuestionFlow({ jobs, routes, lifecycle, prepare: suggestions.prepare, gratitude });
  const cards: CardSources = {
    locale: (communityId) => communityOf(communityId)?.locale,
    owner: (conversationId) => owners.owner(conversationId),
    route: async (conversationId) => {
      const route = await routes.find(conversationId);
      if (route === null) return null;
      const teamName = teams(route.communityId, route.teamId)?.name ?? route.teamId;
      return { teamName, rule: route.rule, moved: route.rule === MOVED_RULE };
    },
    clocks: async (conversationId) => (await clocks.clockView(conversationId)).map(({ clock, dueAt, stopped, breached }) => ({ clock, dueAt, stopped, breached })),
    suggestions: (conversationId) => suggestions.onCard(conversationId),
  };
  // Resolved questions become drafts; deletes and reopens reach the articles built from them.
  listenForCapture({ jobs, knowledge, transcripts: createSqlTranscripts(database), network, logger: config.logger.child({ component: 'capture' }) });
  // Issue 11, identity: people across platforms; credited employees' e-mails come from their platform's directory.
  const identityLogger = config.logger.child({ component: 'identity' });
  const employees = config.deliveries;
  const directory = { emailOf: async (account: { platform: string; userId: string }) => (account.platform === 'slack' || account.platform === 'teams' ? employees?.[account.platform]?.emailOf?.(account.userId) : undefined) };
  const identity = createIdentity({ database, jobs, network, directory, logger: identityLogger });
  listenForEmails({ database, jobs, identity, logger: identityLogger });
  // Issue 11: a Discord staff role seen on a message marks the person staff (the relay says so).
  listenForStaffRoles({ jobs, identity });
  // Issue 11 (standings): read-only over credits' ledger, accounts grouped into people by identity,
  // tiers from recognition's holdings (created below: read late).
  const standings = createStandings({
    database, identity, credits: (communityId) => communityOf(communityId)?.credits,
    tierOf: async (communityId) => new Map([...(await recognition.holdings(communityId))].map(([personId, holding]) => [personId, holding.tierId])),
  });
  // Issue 11 (credits): credits earned from resolutions, articles, suggestions and thanks under the
  // fairness rules, reversed by deletes; the read side is the standings above.
  const credits = createCredits({ database, jobs, network, identity, transcripts: createSqlTranscripts(database), routes, standings, logger: config.logger.child({ component: 'credits' }) });
  credits.listen();
  // Issue 11 (recognition): tiers from credits' standings, promoted on credit.recorded, demoted on
  // each community's schedule, the Discord role and the announcement through this process' Discord delivery.
  const recognition = createRecognition({
    database, jobs, network, credits, identity, delivery: recognitionDelivery(config.deliveries), logger: config.logger.child({ component: 'recognition' }),
  });
  recognition.listen();
  // Satisfaction surveys: a sampled asker is asked to rate a solved question in its Discord thread;
  // the question's status and asker are the lifecycle's, linked accounts count as the asker.
  const lookups = createSqlConversationLookups(database);
  const satisfaction = createSatisfaction({
    database, jobs, network, outbox, questions: createSqlQuestionFacts(), isAsker: (conversationId, account) => lookups.isAsker(conversationId, account),
    logger: config.logger.child({ component: 'satisfaction' }),
  });
  satisfaction.listen();
  // Issue 11 (ambassadors): the report and the weekly digest over standings, recognition and identity.
  const ambassadors = wireAmbassadors({ database, jobs, network, credits: standings, recognition, identity, satisfaction, ...(config.deliveries === undefined ? {} : { deliveries: config.deliveries }), logger: config.logger.child({ component: 'ambassadors' }) });
  return { jobs, lifecycle, owners, clocks, routes, outbox, questions, cards, knowledge, reviews, privacy, suggestions, searchLatency, identity, standings, credits, recognition, ambassadors, satisfaction };
}
