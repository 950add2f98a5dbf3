// The similar-question index's entry: the knowledge service builds one and keeps it current.
export { createSearchIndex } from './search-index.ts';
export { DEFAULT_SEARCH_CONFIG, type FieldWeights, type SearchIndexConfig } from './config.ts';
