// The knowledge base's public entry: other capabilities and the app import from here, never from its files.
export type * from './port.ts';
export { createSearchIndex, DEFAULT_SEARCH_CONFIG, type FieldWeights, type SearchIndexConfig } from './search/index.ts';
