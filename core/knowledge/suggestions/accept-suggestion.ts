import type { Actor, ArticleContributorRef } from '../../domain/domain-events.ts';
import { HeimoError } from '../../errors.ts';
import type { Jobs } from '../../jobs/index.ts';
import { LifecycleError, type Lifecycle } from '../../lifecycle/index.ts';
import type { KnowledgeBase } from '../port.ts';
import type { SuggestionStore } from './suggestion-store.ts';

/** What accepting a suggestion needs: the article's contributors, the Suggestion table, the lifecycle, the job system. */
export interface AcceptConfig {
  knowledge: Pick<KnowledgeBase, 'get'>;
  store: Pick<SuggestionStore, 'accept'>;
  lifecycle: Pick<Lifecycle, 'apply'>;
  jobs: Pick<Jobs, 'transaction' | 'publish'>;
  clock: () => Date;
}

/** "This solved it" from the asker: which question, which article, who pressed it. */
export interface AcceptRequest {
  conversationId: string;
  articleId: string;
  /** The asker (the command allowed nobody else). */
  actor: Extract<Actor, { kind: 'person' }>;
}

/**
 * Accepts a suggested article as the question's answer, in one transaction: the suggestion is marked
 * accepted, the lifecycle resolves the question as deflected (no solution message, the article's id;
 * from `new` the card is never posted, as for any question solved inside its community window), and
 * `suggestion.accepted` carries the article's contributors (credits count it). Answers with the
 * article's title. NOT_FOUND: the article was not suggested to the question; CONFLICT: already
 * accepted, or the question is solved already.
 */
export function createAcceptSuggestion(config: AcceptConfig): (request: AcceptRequest) => Promise<{ title: string }> {
  const { knowledge, store, lifecycle, jobs } = config;
  return async ({ conversationId, articleId, actor }) => {
    // Read before the transaction: inside it only its own connection may be used (PGlite has one).
    const article = await knowledge.get(articleId);
    if (article === null) throw new HeimoError('NOT_FOUND', 'that article no longer exists', { context: { articleId } });
    const contributors: ArticleContributorRef[] = article.contributors.map(({ role, platform, userId }) => ({ role, platform, userId }));
    const at = config.clock();
    await jobs.transaction(async (tx) => {
      const outcome = await store.accept(tx, { conversationId, articleId, at });
      if (outcome === 'unknown') throw new HeimoError('NOT_FOUND', 'that article was not suggested to this question', { context: { conversationId, articleId } });
      if (outcome === 'already') throw new HeimoError('CONFLICT', 'this suggestion was accepted already', { context: { conversationId, articleId } });
      try {
        await lifecycle.apply(tx, { conversationId, actor, role: 'asker', action: { type: 'resolve', solution: null, articleId } });
      } catch (error) {
        if (error instanceof LifecycleError && error.code === 'LIFECYCLE_INVALID') {
          throw new HeimoError('CONFLICT', `the question is ${error.from} already`, { cause: error });
        }
        throw error;
      }
      await jobs.publish(tx, { type: 'suggestion.accepted', articleId, communityId: article.communityId, conversationId, contributors, acceptedBy: actor, at: at.toISOString() });
    });
    return { title: article.title };
  };
}
