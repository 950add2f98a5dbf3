// The knowledge base's public entry: other capabilities and the app import from here, never from its files.
export type * from './port.ts';
export { createKnowledgeBase, type KnowledgeBaseConfig } from './create-knowledge-base.ts';
export type { ArticleChangeHook } from './article-writer.ts';
export {
  STALE_REASONS,
  type ArticleTarget,
  type CapturedDraft,
  type CapturedPart,
  type KnowledgeInternals,
  type KnowledgeService,
  type PartRole,
  type ReviewCardRef,
  type SaveDraftResult,
} from './knowledge-types.ts';
export type { MessageInfo, MessageLookup } from './add-article.ts';
export type { KnowledgeDatabase } from './sql-article-store.ts';
export { REVERIFY_TIMER, reverifyKey } from './reverify-timer.ts';
export { nextState, renderParts, type ReviewAction } from './article-rules.ts';
export { isStaff, showContributor } from './published-view.ts';
export { createSearchIndex, DEFAULT_SEARCH_CONFIG, type FieldWeights, type SearchIndexConfig } from './search/index.ts';
export { IMPORT_BATCH } from './knowledge-import.ts';
// Capture: drafts from resolved questions, review cards.
export { buildDraft, CAPTURE_LIMITS, type CaptureLimits, type NoDraft } from './capture-from-transcript.ts';
export { CAPTURE_LISTENERS, listenForCapture, type CaptureConfig } from './capture-listeners.ts';
export { deriveTags, MAX_TAGS } from './capture-tags.ts';
export { createReviewCards, type ArticleChanged, type KnowledgeReviews, type ReviewCardsConfig } from './review-cards.ts';
export { REVIEW_COMMANDS, reviewActions, reviewCardView } from './review-card-view.ts';
export { createKnowledgeEraser } from './sql-knowledge-eraser.ts';

// Suggestions before routing and "This solved it" (kb-suggest).
export { createSuggestions, type Suggestions, type SuggestionsConfig } from './suggestions/create-suggestions.ts';
export type { AcceptRequest } from './suggestions/accept-suggestion.ts';
export { keptHits, MEMBER_VISIBILITY, queryText } from './suggestions/suggest.ts';
export { excerptOf } from './suggestions/suggestion-views.ts';
export { createLatencyWindow, quantile, withSearchTiming, type LatencySummary, type LatencyWindow } from './suggestions/search-timing.ts';
export type { AcceptOutcome, SuggestionCounts, SuggestionHit, SuggestionRecord, SuggestionStore, TitledSuggestion } from './suggestions/suggestion-store.ts';
export { createSqlSuggestionStore } from './sql-suggestion-store.ts';
