import { describe, expect, it } from 'vitest';
import type { Destination } from '../../../core/domain/types.ts';
import { HeimoError } from '../../../core/errors.ts';
import { executeDelivery, type ExecuteContext } from '../../../core/outbox/execute-delivery.ts';
import type { PostedReviewCard, ReviewCards } from '../../../core/outbox/execute-review.ts';
import type { ClaimedEntry, OutboxStore } from '../../../core/outbox/port.ts';
import type { EmployeeDelivery, ReviewCardView } from '../../../core/ports/delivery.ts';

type Call = { op: 'post' | 'update'; channelId: string; messageId?: string; view: ReviewCardView };

const VIEW = (idempotencyKey: string, isRetry: boolean): ReviewCardView => ({ articleId: 'a1', title: 'T', question: 'Q', answer: 'A', stateLabel: 'Draft', facts: [], actions: [], idempotencyKey, isRetry });

function world(posted: PostedReviewCard | null, article = true) {
  const calls: Call[] = [];
  const recorded: Array<{ articleId: string; card: PostedReviewCard }> = [];
  const slack = {
    platform: 'slack',
    postReviewCard: async (destination: Destination, view: ReviewCardView) => {
      calls.push({ op: 'post', channelId: destination.channelId, view });
      return 'ts-1';
    },
    updateReviewCard: async (destination: Destination, messageId: string, view: ReviewCardView) => void calls.push({ op: 'update', channelId: destination.channelId, messageId, view }),
  } as unknown as EmployeeDelivery;
  const reviews: ReviewCards = {
    card: async (_id, delivery) => (article ? { view: VIEW(delivery.idempotencyKey, delivery.isRetry), posted } : null),
    posted: async (articleId, card) => void recorded.push({ articleId, card }),
  };
  const context: ExecuteContext = {
    store: new Proxy({} as OutboxStore, { get: (_target, name) => () => Promise.reject(new Error(`unexpected store.${String(name)}`)) }),
    deliveries: { slack },
    communityName: () => 'Acme',
    reviews,
  };
  return { calls, recorded, context };
}

const entry = (kind: 'review.post' | 'review.update', payload: Record<string, string>, attempts = 1): ClaimedEntry => ({
  entry: { id: 'e1', conversationId: 'c1', seq: 4, platform: 'slack', kind, payload, attempts, createdAtMs: 0 },
  link: null,
  message: null,
});

describe('review deliveries', () => {
  it('should post the card in the review channel and remember where when a draft is first delivered', async () => {
    const { calls, recorded, context } = world(null);
    expect(await executeDelivery(context, entry('review.post', { articleId: 'a1', channelId: 'C-review', teamId: '' }))).toEqual([]);
    expect(calls).toEqual([{ op: 'post', channelId: 'C-review', view: VIEW('e1', false) }]);
    expect(recorded).toEqual([{ articleId: 'a1', card: { destination: { platform: 'slack', channelId: 'C-review' }, messageId: 'ts-1' } }]);
  });

  it('should update the card in place and post nothing when the card is already up', async () => {
    const posted = { destination: { platform: 'slack' as const, channelId: 'C-old' }, messageId: 'ts-0' };
    for (const kind of ['review.post', 'review.update'] as const) {
      const { calls, recorded, context } = world(posted);
      await executeDelivery(context, entry(kind, { articleId: 'a1', channelId: 'C-review' }, 2));
      expect(calls).toEqual([{ op: 'update', channelId: 'C-old', messageId: 'ts-0', view: VIEW('e1', true) }]);
      expect(recorded).toEqual([]);
    }
  });

  it('should do nothing when the card was never posted or the article is gone', async () => {
    const never = world(null);
    await executeDelivery(never.context, entry('review.update', { articleId: 'a1' }));
    const gone = world(null, false);
    await executeDelivery(gone.context, entry('review.post', { articleId: 'a1', channelId: 'C-review' }));
    expect([...never.calls, ...gone.calls]).toEqual([]);
  });

  it('should refuse for good (a dead letter) when the knowledge base is not wired or the entry lacks its article', async () => {
    const { context } = world(null);
    const { reviews: _reviews, ...unwired } = context;
    await expect(executeDelivery(unwired, entry('review.post', { articleId: 'a1', channelId: 'C' }))).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(executeDelivery(context, entry('review.post', { channelId: 'C' }))).rejects.toBeInstanceOf(HeimoError);
  });
});
