import { HeimoError } from '../errors.ts';
import type { SuggestedArticleView } from '../ports/delivery.ts';
import { communityTranslator } from './card-details.ts';
import { field, threadOf, type ExecuteContext } from './execute-delivery.ts';
import type { ClaimedEntry, DeliveryEffect } from './port.ts';

/** The registry command a "This solved it" button runs (core/commands, hidden from help and registration). */
export const ACCEPT_SUGGESTION_COMMAND = 'kb-accept';

// A kind this Heimo cannot render (no knowledge base wired, a bot without the method): a dead
// letter, revivable once it can, not an outage that would pause Discord.
const unrendered = (claimed: ClaimedEntry, why: string): HeimoError =>
  new HeimoError('BAD_INPUT', `${claimed.entry.kind} cannot be delivered: ${why}`, { context: { entryId: claimed.entry.id } });

/**
 * Posts the articles suggested to a new question in its Discord thread, each with a "This solved it"
 * button carrying the question and the article. Articles retired (or hidden) since they were
 * suggested are left out; when none is left nothing is posted.
 */
export async function executeSuggestions(context: ExecuteContext, claimed: ClaimedEntry, isRetry: boolean): Promise<DeliveryEffect[]> {
  const { entry } = claimed;
  if (entry.platform !== 'discord') throw new HeimoError('BAD_INPUT', `${entry.kind} goes to Discord only`, { context: { entryId: entry.id } });
  const discord = context.deliveries.discord;
  if (!discord) throw new HeimoError('NOT_CONNECTED', 'discord is not configured');
  if (!discord.postSuggestions) throw unrendered(claimed, 'the Discord delivery does not render suggestions');
  if (!context.knowledge) throw unrendered(claimed, 'no knowledge base is wired to the deliveries');
  const ids = field(entry, 'suggestionIds').split(',').filter((id) => id !== '');
  const articles = await context.knowledge.suggestions(ids);
  if (articles.length === 0) return [];
  const view = await context.store.conversationView(entry.conversationId);
  const t = communityTranslator(context.cards, view.communityId);
  const link = threadOf(claimed);
  const suggestions: SuggestedArticleView[] = articles.map((article, index) => ({
    articleId: article.articleId,
    title: article.title,
    excerpt: article.excerpt,
    ...(article.url === undefined ? {} : { url: article.url }),
    action: { command: ACCEPT_SUGGESTION_COMMAND, label: t('suggestions.accept', { rank: index + 1 }), style: 'primary', args: { article: article.articleId } },
  }));
  await discord.postSuggestions(
    { channelId: link.channelId, threadId: link.threadId },
    { conversationId: entry.conversationId, intro: t('suggestions.intro'), suggestions, idempotencyKey: entry.id, isRetry },
  );
  return [];
}
