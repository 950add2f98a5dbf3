// The routing module's public entry: other modules import from here, never from its files.
export { routeQuestion, routedTeam, tierOf, languageCandidates } from './route-question.ts';
export { createSqlRoutingStore } from './sql-routing-store.ts';
export { detectLanguage, MIN_LANGUAGE_SAMPLE } from './detect-language.ts';
export { PATTERN_INPUT_LIMIT, type RouteDecision, type RoutingQuestion } from './types.ts';
export { CHANNEL_ROUTE_RULE, FALLBACK_RULE, MOVED_RULE } from '../domain/network.ts';
export type { QuestionRouteRecord, RoutingStore } from './routing-store.ts';
