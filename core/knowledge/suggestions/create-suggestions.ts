import type { QuestionPreparer } from '../../conversations/index.ts';
import type { NetworkConfig } from '../../domain/network.ts';
import type { Jobs } from '../../jobs/index.ts';
import type { Lifecycle } from '../../lifecycle/index.ts';
import type { CardSuggestion, KnowledgeSources, OutboxWriter } from '../../outbox/index.ts';
import type { Logger } from '../../ports/logger.ts';
import type { KnowledgeBase, PublishedArticle } from '../port.ts';
import { createAcceptSuggestion, type AcceptRequest } from './accept-suggestion.ts';
import { createSuggestPreparer } from './suggest.ts';
import type { SuggestionCounts, SuggestionStore } from './suggestion-store.ts';
import { createSuggestionViews } from './suggestion-views.ts';

/** What suggestions are built from: the knowledge base, its Suggestion table, the job system, the lifecycle and the outbox. */
export interface SuggestionsConfig {
  knowledge: Pick<KnowledgeBase, 'search' | 'get' | 'published'>;
  store: SuggestionStore;
  jobs: Pick<Jobs, 'transaction' | 'publish'>;
  lifecycle: Pick<Lifecycle, 'apply'>;
  /** Writes the `suggestions.post` delivery in the question's transaction (the app's writer wakes the worker). */
  outbox: OutboxWriter;
  /** The network now applied (each community's `knowledge` settings). */
  network: () => NetworkConfig;
  logger: Logger;
  /** The page of a public article, when Heimo serves pages at a public address. */
  articleUrl?: (article: PublishedArticle) => string | undefined;
  clock?: () => Date;
}

/** Suggestions before routing, "This solved it", and what cards, deliveries and figures read of them. */
export interface Suggestions {
  /** The question flow's preparer: search before the question's transaction, suggestions written in it. */
  prepare: QuestionPreparer;
  /** The asker accepts a suggested article: the question is resolved as deflected. */
  accept(request: AcceptRequest): Promise<{ title: string }>;
  /** What the delivery worker reads to post suggestions. */
  sources: KnowledgeSources;
  /** A question's suggestions as its employee card names them. */
  onCard(conversationId: string): Promise<CardSuggestion[]>;
  /** Deflection and click-through figures per community. */
  counts(filter?: { communityId?: string; since?: Date }): Promise<SuggestionCounts[]>;
}

/** Creates the knowledge base's suggestions (the app wires `prepare` into the question flow, `sources` into the delivery worker). */
export function createSuggestions(config: SuggestionsConfig): Suggestions {
  const { knowledge, store, logger } = config;
  const clock = config.clock ?? (() => new Date());
  const knowledgeOf = (communityId: string) => config.network().communities.find((community) => community.id === communityId)?.knowledge;
  const views = createSuggestionViews({ knowledge, store, ...(config.articleUrl === undefined ? {} : { articleUrl: config.articleUrl }) });
  return {
    prepare: createSuggestPreparer({ knowledge, store, outbox: config.outbox, knowledgeOf, logger, clock }),
    accept: createAcceptSuggestion({ knowledge, store, lifecycle: config.lifecycle, jobs: config.jobs, clock }),
    sources: { suggestions: (ids) => views.suggestions(ids) },
    onCard: (conversationId) => views.onCard(conversationId),
    counts: (filter) => store.counts(filter),
  };
}
