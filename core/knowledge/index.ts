// The knowledge base's public entry: other capabilities and the app import from here, never from its files.
export type * from './port.ts';

// Suggestions before routing and "This solved it" (kb-suggest).
export { createSuggestions, type Suggestions, type SuggestionsConfig } from './suggestions/create-suggestions.ts';
export type { AcceptRequest } from './suggestions/accept-suggestion.ts';
export { keptHits, MEMBER_VISIBILITY, queryText } from './suggestions/suggest.ts';
export { excerptOf } from './suggestions/suggestion-views.ts';
export { createLatencyWindow, quantile, withSearchTiming, type LatencySummary, type LatencyWindow } from './suggestions/search-timing.ts';
export type { AcceptOutcome, SuggestionCounts, SuggestionHit, SuggestionRecord, SuggestionStore, TitledSuggestion } from './suggestions/suggestion-store.ts';
export { createSqlSuggestionStore } from './sql-suggestion-store.ts';
