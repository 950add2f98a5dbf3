import type { Tx } from '../../jobs/index.ts';

/** One article suggested to one question, and what became of it. */
export interface SuggestionRecord {
  id: string;
  conversationId: string;
  communityId: string;
  articleId: string;
  /** 1 for the closest article. */
  rank: number;
  score: number;
  outcome: 'shown' | 'accepted';
  suggestedAt: Date;
  acceptedAt: Date | null;
}

/** A suggestion with its article's current title (what the employee card shows). */
export interface TitledSuggestion extends SuggestionRecord {
  title: string;
}

/** A search hit to record as a suggestion. */
export interface SuggestionHit {
  articleId: string;
  score: number;
}

/** How marking a suggestion accepted went: done, done before, or the article was never suggested to the question. */
export type AcceptOutcome = 'accepted' | 'already' | 'unknown';

/** Suggestion figures of one community: what deflection rate and click-through are computed from. */
export interface SuggestionCounts {
  communityId: string;
  /** Questions that got at least one suggestion. */
  suggestedQuestions: number;
  /** Questions the asker resolved with a suggestion ("This solved it"). */
  deflectedQuestions: number;
  /** Suggestions shown (one per article per question). */
  shown: number;
  /** Suggestions accepted. */
  accepted: number;
}

/** The knowledge base's Suggestion table; the writes run in the caller's transaction. */
export interface SuggestionStore {
  /**
   * Records the hits as the question's suggestions, ranked in the order given, skipping articles
   * no longer published (one may be retired between the search and the write). Returns the new
   * rows' ids, best first; none when the question had them already.
   */
  record(tx: Tx, input: { conversationId: string; communityId: string; hits: readonly SuggestionHit[]; at: Date }): Promise<string[]>;
  /** Marks the article's suggestion to the question accepted. */
  accept(tx: Tx, input: { conversationId: string; articleId: string; at: Date }): Promise<AcceptOutcome>;
  /** The suggestions of these ids, best first (ids that do not exist are left out). */
  byIds(ids: readonly string[]): Promise<SuggestionRecord[]>;
  /** A question's suggestions with their articles' titles, best first. */
  ofConversation(conversationId: string): Promise<TitledSuggestion[]>;
  /** Figures per community (one community when given), of suggestions made since `since` when given. */
  counts(filter?: { communityId?: string; since?: Date }): Promise<SuggestionCounts[]>;
}
