// The knowledge base's public entry: other capabilities and the app import from here, never from its files.
export type * from './port.ts';
export { buildDraft, CAPTURE_LIMITS, type CaptureLimits, type NoDraft } from './capture-draft.ts';
export { CAPTURE_LISTENERS, listenForCapture, type CaptureConfig } from './capture-listeners.ts';
export { deriveTags, MAX_TAGS } from './capture-tags.ts';
export { createReviewCards, type ArticleChanged, type KnowledgeReviews, type ReviewCardsConfig } from './review-cards.ts';
export { REVIEW_COMMANDS, reviewActions, reviewCardView } from './review-card-view.ts';
