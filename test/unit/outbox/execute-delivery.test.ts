import { describe, expect, it } from 'vitest';
import { executeDelivery, type ExecuteContext } from '../../../core/outbox/execute-delivery.ts';
import type { CustomerDelivery, OutboundMessage } from '../../../core/ports/delivery.ts';
import type { ClaimedEntry, OutboxStore } from '../../../core/ports/store.ts';

// A recording customer adapter: what executeDelivery asked the platform to do.
function recordingDiscord(posted: OutboundMessage[], reacted: string[] = []): CustomerDelivery {
  return {
    platform: 'discord',
    postMessage: async (_thread, message) => {
      posted.push(message);
      return [`part-${posted.length}`];
    },
    editMessage: async () => [],
    deleteMessage: async () => undefined,
    react: async (target, emoji, added) => {
      reacted.push(`${added ? '+' : '-'}${emoji} ${target.channelId}/${target.messageId}`);
    },
    openThread: async () => ({ channelId: 't', threadId: 't' }),
  };
}

const claimed = (attempts: number, overrides: Partial<ClaimedEntry> = {}): ClaimedEntry => ({
  entry: { id: 'e1', conversationId: 'c1', seq: 1, platform: 'discord', kind: 'message.post', payload: { messageId: 'm1' }, attempts },
  link: { conversationId: 'c1', platform: 'discord', side: 'customer', channelId: 'T1', threadId: 'T1', cardMessageId: null, url: null },
  message: { id: 'm1', conversationId: 'c1', platform: 'slack', channelId: 'S1', externalId: 'x', text: 'hi', internal: false, deleted: false, isQuestion: false, author: { displayName: 'Eve' } },
  ...overrides,
});

const context = (posted: OutboundMessage[]): ExecuteContext => ({
  // message.post reads everything from the claim: any store call would be a regression.
  store: new Proxy({} as OutboxStore, { get: (_target, name) => () => Promise.reject(new Error(`unexpected store.${String(name)}`)) }),
  deliveries: { discord: recordingDiscord(posted) },
  communityName: () => 'Acme',
});

describe('executeDelivery', () => {
  it('should post from the claim alone and record the copies when a message is delivered first time', async () => {
    const posted: OutboundMessage[] = [];
    const effects = await executeDelivery(context(posted), claimed(1));
    expect(posted).toEqual([{ author: { displayName: 'Eve' }, text: 'hi', internal: false, idempotencyKey: 'e1', isRetry: false }]);
    expect(effects).toEqual([{ type: 'copies', messageId: 'm1', platform: 'discord', channelId: 'T1', partIds: ['part-1'] }]);
  });

  it('should mark the post a retry when the entry was attempted before', async () => {
    const posted: OutboundMessage[] = [];
    await executeDelivery(context(posted), claimed(2));
    expect(posted[0]?.isRetry).toBe(true);
  });

  it('should mark the post a retry when the drain job ran before even though the count says first attempt', async () => {
    const posted: OutboundMessage[] = [];
    await executeDelivery(context(posted), claimed(1), true);
    expect(posted[0]?.isRetry).toBe(true);
  });

  it('should post nothing when the message was deleted before delivery', async () => {
    const posted: OutboundMessage[] = [];
    const base = claimed(1);
    expect(await executeDelivery(context(posted), { ...base, message: { ...base.message!, deleted: true } })).toEqual([]);
    expect(posted).toEqual([]);
  });

  it('should fail with NOT_FOUND when the thread does not exist yet', async () => {
    await expect(executeDelivery(context([]), claimed(1, { link: null }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  describe('reactions', () => {
    const reaction = (kind: 'reaction.add' | 'reaction.remove', onto: 'source' | 'copy', overrides: Partial<ClaimedEntry> = {}): ClaimedEntry =>
      claimed(1, { entry: { id: 'e2', conversationId: 'c1', seq: 2, platform: 'discord', kind, payload: { messageId: 'm1', emoji: '👍', onto }, attempts: 1 }, ...overrides });
    const withCopies = (reacted: string[], partIds: string[]): ExecuteContext => ({
      store: { copies: async () => ({ channelId: 'T1', partIds }) } as unknown as OutboxStore,
      deliveries: { discord: recordingDiscord([], reacted) },
      communityName: () => 'Acme',
    });

    it('should react on the message as written when the mirror goes onto the source', async () => {
      const reacted: string[] = [];
      const base = reaction('reaction.add', 'source');
      const written = { ...base.message!, platform: 'discord' as const, channelId: 'T9', externalId: 'd-42' };
      expect(await executeDelivery(withCopies(reacted, []), { ...base, message: written })).toEqual([]);
      expect(reacted).toEqual(['+👍 T9/d-42']);
    });

    it('should react on the first part of the copy when the mirror goes onto a copy', async () => {
      const reacted: string[] = [];
      await executeDelivery(withCopies(reacted, ['p1', 'p2']), reaction('reaction.remove', 'copy'));
      expect(reacted).toEqual(['-👍 T1/p1']);
    });

    it('should do nothing when the message has no copy or was deleted', async () => {
      const reacted: string[] = [];
      expect(await executeDelivery(withCopies(reacted, []), reaction('reaction.add', 'copy'))).toEqual([]);
      const base = reaction('reaction.add', 'source');
      await executeDelivery(withCopies(reacted, ['p1']), { ...base, message: { ...base.message!, deleted: true } });
      expect(reacted).toEqual([]);
    });
  });
});
