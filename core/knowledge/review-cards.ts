import type { NetworkConfig } from '../domain/network.ts';
import type { OutboxDraft } from '../domain/outbox.ts';
import { isEmployeePlatform } from '../domain/types.ts';
import { translator } from '../i18n/index.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import type { OutboxWriter, ReviewCards } from '../outbox/index.ts';
import type { KnowledgeInternals } from './knowledge-types.ts';
import type { Article, KnowledgeBase, RevisionAction } from './port.ts';
import { reviewCardView } from './review-card-view.ts';

/** What review cards need: the knowledge base, the outbox writer, the network (review channels) and transactions. */
export interface ReviewCardsConfig {
  knowledge: Pick<KnowledgeBase, 'get' | 'revisions'> & Pick<KnowledgeInternals, 'reviewCard' | 'setReviewCard'>;
  outbox: OutboxWriter;
  network: () => NetworkConfig;
  transaction: Jobs['transaction'];
}

/** One written change of an article, as the knowledge base reports it to its hook. */
export interface ArticleChanged {
  article: Article;
  action: RevisionAction;
}

/** Review cards: what the outbox renders them from (ReviewCards), and the hook that queues them. */
export interface KnowledgeReviews extends ReviewCards {
  /**
   * Called in the transaction of every article change: a captured draft's card is posted in its
   * community's review channel (unless it publishes drafts itself); a card already up is updated.
   */
  changed(tx: Tx, change: ArticleChanged): Promise<void>;
}

// Who made the decision the card shows (publish, reject): the latest revision of that action.
const DECISION: Partial<Record<Article['state'], RevisionAction>> = { published: 'publish', rejected: 'reject' };

/** Creates the review cards of a knowledge base. */
export function createReviewCards(config: ReviewCardsConfig): KnowledgeReviews {
  const { knowledge, outbox } = config;
  const communityOf = (id: string) => config.network().communities.find((community) => community.id === id);

  const decidedBy = async (article: Article): Promise<string | undefined> => {
    const action = DECISION[article.state];
    if (action === undefined) return undefined;
    const decision = (await knowledge.revisions(article.id)).filter((revision) => revision.action === action).at(-1);
    return decision?.actor.kind === 'person' ? (decision.actor.displayName ?? decision.actor.userId) : undefined;
  };

  return {
    async card(articleId, delivery) {
      const article = await knowledge.get(articleId);
      if (article === null) return null;
      const t = translator(undefined, communityOf(article.communityId)?.locale);
      const ref = await knowledge.reviewCard(articleId);
      const by = await decidedBy(article);
      const view = reviewCardView(article, t, { ...delivery, ...(by === undefined ? {} : { decidedBy: by }) });
      const posted = ref === null || !isEmployeePlatform(ref.platform) ? null : { destination: { platform: ref.platform, channelId: ref.channelId, ...(ref.teamId === undefined ? {} : { teamId: ref.teamId }) }, messageId: ref.messageId };
      return { view, posted };
    },

    posted: (articleId, card) =>
      config.transaction((tx) =>
        knowledge.setReviewCard(tx, articleId, {
          platform: card.destination.platform,
          channelId: card.destination.channelId,
          ...(card.destination.teamId === undefined ? {} : { teamId: card.destination.teamId }),
          messageId: card.messageId,
        })),

    async changed(tx, { article, action }) {
      // Deliveries live in a conversation's stream: an article added by hand has no card to post.
      if (article.conversationId === null) return;
      const ref = await knowledge.reviewCard(article.id, tx);
      let draft: OutboxDraft | null = null;
      if (ref !== null) draft = { platform: ref.platform, kind: 'review.update', payload: { articleId: article.id } };
      else if ((action === 'capture' || action === 'recapture') && article.state === 'draft') {
        const knowledgeConfig = communityOf(article.communityId)?.knowledge;
        const channel = knowledgeConfig?.reviewChannel;
        if (channel !== undefined && knowledgeConfig?.autoPublish !== true) {
          draft = { platform: channel.platform, kind: 'review.post', payload: { articleId: article.id, channelId: channel.channelId, ...(channel.teamId === undefined ? {} : { teamId: channel.teamId }) } };
        }
      }
      if (draft !== null) await outbox.enqueue(tx, article.conversationId, [draft]);
    },
  };
}
