import type { CanonicalText } from '../domain/types.ts';

/** A suggested article as the question's Discord thread shows it. */
export interface SuggestedArticle {
  articleId: string;
  title: string;
  /** The start of the answer, short enough for a list of three. */
  excerpt: CanonicalText;
  /** The article's public page, when it has one. */
  url?: string;
}

/**
 * What knowledge deliveries read from the knowledge base, never from its tables: the app injects
 * the knowledge module's implementation (review cards add their reads here).
 */
export interface KnowledgeSources {
  /** The suggestions an entry names that may still be shown (published, visible to members), best first. */
  suggestions(suggestionIds: readonly string[]): Promise<SuggestedArticle[]>;
}
