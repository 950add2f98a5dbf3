import type { Destination, EmployeePlatform } from '../domain/types.ts';
import { HeimoError } from '../errors.ts';
import type { ReviewCardView } from '../ports/delivery.ts';
import { field, type ExecuteContext } from './execute-delivery.ts';
import type { ClaimedEntry, DeliveryEffect } from './port.ts';

/** Where a review card was posted: its channel and message, which later updates edit in place. */
export interface PostedReviewCard {
  destination: Destination;
  messageId: string;
}

/**
 * Where review cards come from (the app injects the knowledge base's): the card of an article as
 * it should look now, and a record of where it was posted. The outbox never reads articles itself.
 */
export interface ReviewCards {
  /** The article's card now and where it was posted (null: not yet); null when the article is gone. */
  card(articleId: string, delivery: { idempotencyKey: string; isRetry: boolean }): Promise<{ view: ReviewCardView; posted: PostedReviewCard | null } | null>;
  /** Remembers where the card was posted. */
  posted(articleId: string, card: PostedReviewCard): Promise<void>;
}

const unrendered = (claimed: ClaimedEntry, why: string): HeimoError =>
  new HeimoError('BAD_INPUT', `${claimed.entry.kind} cannot be delivered: ${why}`, { context: { entryId: claimed.entry.id } });

/**
 * Posts a draft article's review card in the review channel (`review.post`), or updates it in
 * place (`review.update`). The card is built when it is delivered, so it always shows the
 * article as it is; a post whose card is already up updates it instead, an update of a card never
 * posted has nothing to update (a revived post shows the latest anyway).
 */
export async function executeReview(context: ExecuteContext, claimed: ClaimedEntry, isRetry: boolean): Promise<DeliveryEffect[]> {
  const { entry } = claimed;
  const reviews = context.reviews;
  if (reviews === undefined) throw unrendered(claimed, 'the knowledge base is not wired to the outbox');
  if (entry.platform === 'discord') throw unrendered(claimed, 'review cards go to Slack or Teams');
  const adapter = context.deliveries[entry.platform];
  if (adapter === undefined) throw new HeimoError('NOT_CONNECTED', `${entry.platform} is not configured`, { context: { platform: entry.platform } });
  if (adapter.postReviewCard === undefined || adapter.updateReviewCard === undefined) throw unrendered(claimed, `no ${entry.platform} delivery renders review cards`);
  const articleId = field(entry, 'articleId');
  const found = await reviews.card(articleId, { idempotencyKey: entry.id, isRetry });
  if (found === null) return [];
  const { view, posted } = found;
  if (posted !== null) {
    await adapter.updateReviewCard(posted.destination, posted.messageId, view);
    return [];
  }
  if (entry.kind !== 'review.post') return [];
  const teamId = entry.payload['teamId'];
  const destination: Destination = { platform: entry.platform as EmployeePlatform, channelId: field(entry, 'channelId'), ...(teamId === undefined || teamId === '' ? {} : { teamId }) };
  const messageId = await adapter.postReviewCard(destination, view);
  // Recorded after the post: a failure here retries the delivery, and the adapter finds its earlier post.
  await reviews.posted(articleId, { destination, messageId });
  return [];
}
