// TEMPORARY: kb-core's capture types as announced (core/knowledge/knowledge-types.ts on branch
// kb-core), until that branch is merged; then this file goes and the imports point there.
import type { Actor } from '../domain/domain-events.ts';
import type { Platform } from '../domain/types.ts';
import type { Tx } from '../jobs/index.ts';
import type { Article, ArticleSource, ArticleVisibility, Contributor } from './port.ts';

export type PartRole = 'question' | 'answer' | 'context';

export interface CapturedPart {
  role: PartRole;
  messageId: string | null;
  author: { platform: Platform; userId: string; displayName: string };
  text: string;
}

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
  language?: string | null;
  visibility?: ArticleVisibility;
  actor: Actor;
}

export interface SaveDraftResult {
  article: Article;
  outcome: 'created' | 'updated' | 'unchanged';
}

export interface ReviewCardRef {
  platform: Platform;
  channelId: string;
  teamId?: string;
  messageId: string;
}

export const STALE_REASONS = { age: 'age', reopened: 'reopened', recaptured: 'recaptured' } as const;

export type ArticleTarget = { articleId: string } | { conversationId: string };

export interface KnowledgeInternals {
  saveDraft(tx: Tx, draft: CapturedDraft): Promise<SaveDraftResult>;
  removeMessage(tx: Tx, messageId: string): Promise<Article[]>;
  markStale(target: ArticleTarget, reason: string, tx?: Tx): Promise<Article | null>;
  byConversation(conversationId: string, tx?: Tx): Promise<Article | null>;
  reviewCard(articleId: string, tx?: Tx): Promise<ReviewCardRef | null>;
  setReviewCard(tx: Tx, articleId: string, card: ReviewCardRef): Promise<void>;
}
