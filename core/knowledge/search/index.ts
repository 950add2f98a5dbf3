// The similar-question index's entry (TEMPORARY implementation until branch kb-search lands).
export { createSearchIndex } from './create-search-index.ts';
