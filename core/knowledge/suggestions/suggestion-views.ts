import { clampTitle, parseCanonical, plainText, textToMarkdown } from '../../format/index.ts';
import type { CardSuggestion, KnowledgeSources, SuggestedArticle } from '../../outbox/index.ts';
import type { KnowledgeBase, PublishedArticle } from '../port.ts';
import { MEMBER_VISIBILITY } from './suggest.ts';
import type { SuggestionStore } from './suggestion-store.ts';

/** How long an excerpt of an answer is: three of them and their titles read at a glance. */
export const EXCERPT_MAX = 180;

/** What the views read: published articles (consented content only), the Suggestion table, and where a public article's page is. */
export interface SuggestionViewsConfig {
  knowledge: Pick<KnowledgeBase, 'published'>;
  store: Pick<SuggestionStore, 'byIds' | 'ofConversation'>;
  /** The page of a public article (absent: no public pages, no links). */
  articleUrl?: (article: PublishedArticle) => string | undefined;
}

/** The start of an answer as plain words on one line (markup dropped, so a cut never leaves it open), as canonical text. */
export function excerptOf(answer: string): string {
  let words: string;
  try {
    words = parseCanonical(answer).children.map((node) => plainText(node)).join(' ');
  } catch {
    words = answer;
  }
  return textToMarkdown(clampTitle(words, EXCERPT_MAX), false);
}

/**
 * What the outbox and the cards read of suggestions: the articles a `suggestions.post` names as the
 * thread shows them (each still published and visible to members, else left out), and a question's
 * suggestions with what the asker accepted, for its employee card.
 */
export function createSuggestionViews(config: SuggestionViewsConfig): KnowledgeSources & { onCard(conversationId: string): Promise<CardSuggestion[]> } {
  const { knowledge, store } = config;
  return {
    async suggestions(suggestionIds): Promise<SuggestedArticle[]> {
      const shown: SuggestedArticle[] = [];
      for (const suggestion of await store.byIds(suggestionIds)) {
        const article = await knowledge.published(suggestion.articleId, MEMBER_VISIBILITY);
        if (article === null) continue;
        const url = article.visibility === 'public' ? config.articleUrl?.(article) : undefined;
        shown.push({ articleId: article.id, title: article.title, excerpt: excerptOf(article.answer), ...(url === undefined ? {} : { url }) });
      }
      return shown;
    },
    async onCard(conversationId) {
      return (await store.ofConversation(conversationId)).map((suggestion) => ({ title: suggestion.title, accepted: suggestion.outcome === 'accepted' }));
    },
  };
}
