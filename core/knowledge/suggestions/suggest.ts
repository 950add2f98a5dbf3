import type { ArrivingQuestion, QuestionExtra } from '../../conversations/index.ts';
import { DEFAULT_KNOWLEDGE, type KnowledgeConfig } from '../../domain/network.ts';
import type { OutboxWriter } from '../../outbox/index.ts';
import type { Logger } from '../../ports/logger.ts';
import type { ArticleVisibility, KnowledgeBase, SearchHit } from '../port.ts';
import type { SuggestionStore } from './suggestion-store.ts';

/** What Discord members may be shown: suggestions never reach staff-only articles. */
export const MEMBER_VISIBILITY: readonly ArticleVisibility[] = ['public', 'community'];

/** What finding suggestions needs: search, the Suggestion table, the outbox, each community's settings. */
export interface SuggestConfig {
  knowledge: Pick<KnowledgeBase, 'search'>;
  store: Pick<SuggestionStore, 'record'>;
  outbox: OutboxWriter;
  knowledgeOf: (communityId: string) => KnowledgeConfig | undefined;
  logger: Logger;
  clock: () => Date;
}

/** The text searched for a question: its title and text (a title taken from the text is not repeated). */
export function queryText(question: Pick<ArrivingQuestion, 'title' | 'text'>): string {
  const title = question.title.trim();
  const text = question.text.trim();
  return title === '' || text.startsWith(title) ? text : `${title}\n${text}`;
}

/** The hits worth suggesting: at or above the threshold, best first, at most `max`. */
export function keptHits(hits: readonly SearchHit[], config: Pick<KnowledgeConfig, 'maxSuggestions' | 'suggestThreshold'>): SearchHit[] {
  return hits
    .filter((hit) => hit.score >= config.suggestThreshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, config.maxSuggestions);
}

/**
 * The question flow's preparer: searches the community's member-visible published articles with the
 * question before its transaction, and returns the write that records the close ones as suggestions
 * with their `suggestions.post` delivery (in the question's Discord thread). Nothing close, nothing
 * written; a failed search is logged and the question goes on without suggestions.
 */
export function createSuggestPreparer(config: SuggestConfig): (question: ArrivingQuestion) => Promise<QuestionExtra | null> {
  const { knowledge, store, outbox, logger } = config;
  return async (question) => {
    const settings = config.knowledgeOf(question.communityId) ?? DEFAULT_KNOWLEDGE;
    const text = queryText(question);
    if (settings.maxSuggestions === 0 || text === '') return null;
    let hits: SearchHit[];
    try {
      hits = await knowledge.search({ text, communityId: question.communityId, visibility: MEMBER_VISIBILITY, limit: settings.maxSuggestions, minScore: settings.suggestThreshold });
    } catch (error) {
      logger.warn('knowledge: suggestion search failed; the question goes on without suggestions', { communityId: question.communityId, error });
      return null;
    }
    const kept = keptHits(hits, settings);
    if (kept.length === 0) return null;
    return async (tx, conversationId) => {
      const ids = await store.record(tx, { conversationId, communityId: question.communityId, hits: kept, at: config.clock() });
      if (ids.length === 0) return;
      await outbox.enqueue(tx, conversationId, [{ platform: 'discord', kind: 'suggestions.post', payload: { suggestionIds: ids.join(',') } }]);
    };
  };
}
