import type { Actor } from '../domain/domain-events.ts';
import type { Platform } from '../domain/types.ts';
import type { Tx } from '../jobs/index.ts';
import type { PersonKey } from '../privacy/index.ts';
import type { Article, ArticleSource, ArticleVisibility, Contributor, KnowledgeBase } from './port.ts';

// The knowledge base's own types beyond the shared contract (port.ts): what capture hands it, and
// the internal calls capture, privacy and the app make that pages and commands never need.

/** Which part of an article a captured message becomes. */
export type PartRole = 'question' | 'answer' | 'context';

/** One message of a captured conversation, in the order the article shows it. */
export interface CapturedPart {
  role: PartRole;
  /** Heimo's message id (null for text not taken from a message). */
  messageId: string | null;
  author: { platform: Platform; userId: string; displayName: string };
  text: string;
}

/** A draft as capture builds it from a resolved question: the knowledge base renders question, answer and context from `parts`. */
export interface CapturedDraft {
  communityId: string;
  conversationId: string;
  title: string;
  parts: CapturedPart[];
  contributors: Contributor[];
  sources: ArticleSource[];
  tags?: string[];
  product?: string | null;
  version?: string | null;
  /** ISO 639-1; absent: detected from the text. */
  language?: string | null;
  visibility?: ArticleVisibility;
  /** Who resolved it (the revision's actor). */
  actor: Actor;
}

/** What saveDraft did: a new draft, an updated one (a re-capture that changed something), or nothing (a redelivered event). */
export interface SaveDraftResult {
  article: Article;
  outcome: 'created' | 'updated' | 'unchanged';
}

/** Where an article's review card was posted (capture posts and updates it). */
export interface ReviewCardRef {
  platform: Platform;
  channelId: string;
  teamId?: string;
  messageId: string;
}

/** Known reasons an article is flagged stale (`staleReason`); commands word them from the i18n catalogue. */
export const STALE_REASONS = {
  /** Not verified for the community's `reverifyAfterMs`. */
  age: 'age',
  /** The question it was built from was reopened. */
  reopened: 'reopened',
  /** A re-resolution changed a published article's text: someone should look at it again. */
  recaptured: 'recaptured',
} as const;

/** Names an article by its id or by the conversation it was captured from. */
export type ArticleTarget = { articleId: string } | { conversationId: string };

/**
 * What capture, privacy and the app call besides the KnowledgeBase contract. Calls taking a `tx`
 * run inside the caller's transaction (a listener's), so what they change commits with it.
 */
export interface KnowledgeInternals {
  /**
   * Creates the draft of a conversation, or re-captures it: fields a person edited stay as they
   * are, parts are replaced. A re-capture that changes nothing writes nothing (events are redelivered).
   * A rejected article becomes a draft again; a published one stays published, updated and flagged
   * stale ('recaptured'); a retired one stays retired. Publishes at once when the community auto-publishes.
   */
  saveDraft(tx: Tx, draft: CapturedDraft): Promise<SaveDraftResult>;
  /** Drops a deleted message from every article built from it (and from their revisions); returns the articles changed. */
  removeMessage(tx: Tx, messageId: string): Promise<Article[]>;
  /**
   * Forgets a person in every article: their parts, their contributor entries, their words in
   * revisions, their name as a revision's actor. Returns the rows changed (an Eraser's count).
   */
  removeAuthor(tx: Tx, person: PersonKey): Promise<number>;
  /** Flags a published article stale (a reopened source question); null when there is no published article to flag. */
  markStale(target: ArticleTarget, reason: string, tx?: Tx): Promise<Article | null>;
  /** A person changed their privacy choices: their articles are re-indexed (here at once, in other processes on their next refresh). */
  consentChanged(tx: Tx, person: PersonKey): Promise<void>;
  /** The article captured from a conversation, if any. */
  byConversation(conversationId: string, tx?: Tx): Promise<Article | null>;
  /** Where the article's review card is, if one was posted. */
  reviewCard(articleId: string, tx?: Tx): Promise<ReviewCardRef | null>;
  /** Records where the article's review card was posted. */
  setReviewCard(tx: Tx, articleId: string, card: ReviewCardRef): Promise<void>;
  /** Fills the search index from the published articles (the first search does it when nobody did). Returns the documents indexed. */
  load(): Promise<number>;
  /** Brings the index up to date with articles other processes changed; returns the articles re-read. */
  refresh(): Promise<number>;
}

/** The knowledge base with its internal calls: what createKnowledgeBase returns. */
export type KnowledgeService = KnowledgeBase & KnowledgeInternals;
