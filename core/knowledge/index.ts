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
