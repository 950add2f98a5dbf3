import { describe, expect, it } from 'vitest';
import { executeDelivery, type ExecuteContext } from '../../../core/outbox/execute-delivery.ts';
import { classifyFailure } from '../../../core/outbox/classify-failure.ts';
import type { CustomerDelivery, EmployeeDelivery, OutboundMessage } from '../../../core/ports/delivery.ts';
import { HeimoError, PlatformRejectedError } from '../../../core/errors.ts';
import type { Attachment } from '../../../core/domain/types.ts';
import type { ClaimedEntry, OutboxStore } from '../../../core/outbox/port.ts';

// A recording customer adapter: what executeDelivery asked the platform to do.
function recordingDiscord(posted: OutboundMessage[], reacted: string[] = []): CustomerDelivery {
  return {
    platform: 'discord',
    maxFileBytes: 100,
    maxMessageFileBytes: 250,
    fetchFile: async () => {
      throw new Error('Discord files are not fetched in these tests');
    },
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
  entry: { id: 'e1', conversationId: 'c1', seq: 1, platform: 'discord', kind: 'message.post', payload: { messageId: 'm1' }, attempts, createdAtMs: 0 },
  link: { conversationId: 'c1', platform: 'discord', side: 'customer', channelId: 'T1', threadId: 'T1', cardMessageId: null, url: null },
  message: { id: 'm1', conversationId: 'c1', platform: 'slack', channelId: 'S1', externalId: 'x', text: 'hi', internal: false, deleted: false, isQuestion: false, author: { displayName: 'Eve' }, attachments: [] },
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

  it('should fail for good with BAD_INPUT when a private message or escalation waits for adapters that do not post them yet', async () => {
    // Slack's adapter without postDirect and postNotice (both optional in the port).
    const slack = { ...recordingDiscord([]), platform: 'slack', postCard: async () => ({ channelId: 'C', threadId: 'T', cardMessageId: 'T' }), updateCard: async () => {} } as unknown as EmployeeDelivery;
    for (const kind of ['dm.post', 'escalation.post'] as const) {
      const entry = { id: 'e3', conversationId: 'c1', seq: 3, platform: 'slack' as const, kind, payload: { userId: 'U1', channelId: 'ESC', text: 'x' }, attempts: 1, createdAtMs: 0 };
      await expect(executeDelivery({ ...context([]), deliveries: { slack } }, claimed(1, { entry }))).rejects.toMatchObject({ code: 'BAD_INPUT' });
    }
  });

  describe('reactions', () => {
    const reaction = (kind: 'reaction.add' | 'reaction.remove', onto: 'source' | 'copy', overrides: Partial<ClaimedEntry> = {}): ClaimedEntry =>
      claimed(1, { entry: { id: 'e2', conversationId: 'c1', seq: 2, platform: 'discord', kind, payload: { messageId: 'm1', emoji: '👍', onto }, attempts: 1, createdAtMs: 0 }, ...overrides });
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

  describe('files', () => {
    // A Slack source that serves each file by name: 'gone' is refused, 'huge' is too large, 'flaky' is down.
    const slackSource = (fetched: string[]): EmployeeDelivery => ({
      platform: 'slack',
      maxFileBytes: 0,
      fetchFile: async (attachment: Attachment) => {
        fetched.push(attachment.name);
        if (attachment.name === 'gone') throw new PlatformRejectedError('slack', 'file_not_found');
        if (attachment.name === 'huge') throw new HeimoError('TOO_LARGE', 'over the limit');
        if (attachment.name === 'flaky') throw new HeimoError('PLATFORM_UNAVAILABLE', 'socket hang up');
        if (attachment.size !== undefined) return new Uint8Array(attachment.size);
        return new TextEncoder().encode(`bytes of ${attachment.name}`);
      },
    }) as unknown as EmployeeDelivery;
    const withFiles = (names: Array<string | { name: string; size: number }>): ClaimedEntry => {
      const base = claimed(1);
      const attachments = names.map((item) => (typeof item === 'string' ? { name: item, url: `https://files.slack.com/${item}`, mimeType: 'image/png' } : { ...item, url: 'https://files.slack.com/big' }));
      return { ...base, message: { ...base.message!, attachments } };
    };
    const run = async (names: Array<string | { name: string; size: number }>) => {
      const posted: OutboundMessage[] = [];
      const fetched: string[] = [];
      const ctx: ExecuteContext = { ...context(posted), deliveries: { discord: recordingDiscord(posted), slack: slackSource(fetched) } };
      await executeDelivery(ctx, withFiles(names));
      return { message: posted[0], fetched };
    };

    it('should fetch each file from the source platform and post it with the message when the message has files', async () => {
      const { message, fetched } = await run(['a.png', 'b.png']);
      expect(fetched).toEqual(['a.png', 'b.png']);
      expect(message?.files?.map((file) => [file.name, new TextDecoder().decode(file.data), file.mimeType])).toEqual([
        ['a.png', 'bytes of a.png', 'image/png'],
        ['b.png', 'bytes of b.png', 'image/png'],
      ]);
      expect(message?.unfetched).toBeUndefined();
    });

    it('should name instead of post a file when it is too large or gone at the source', async () => {
      const { message, fetched } = await run(['ok.png', 'gone', 'huge', { name: 'known-big.zip', size: 101 }]);
      expect(fetched).toEqual(['ok.png', 'gone', 'huge']);
      expect(message?.files?.map((file) => file.name)).toEqual(['ok.png']);
      expect(message?.unfetched?.map((file) => file.name)).toEqual(['gone', 'huge', 'known-big.zip']);
    });

    it('should name the files past the message total when together they exceed what one post carries', async () => {
      // Per file at most 100 bytes, per message 250: the third 90-byte file would pass 250.
      const { message, fetched } = await run([{ name: 'v1', size: 90 }, { name: 'v2', size: 90 }, { name: 'v3', size: 90 }, 'small']);
      expect(message?.files?.map((file) => [file.name, file.data.byteLength])).toEqual([['v1', 90], ['v2', 90], ['small', 14]]);
      expect(message?.unfetched?.map((file) => file.name)).toEqual(['v3']);
      expect(fetched).toEqual(['v1', 'v2', 'small']);
    });

    it('should fail the delivery for a retry when the source platform is down', async () => {
      await expect(run(['ok.png', 'flaky'])).rejects.toMatchObject({ code: 'PLATFORM_UNAVAILABLE' });
    });
  });

  it('should dead-letter status and prompt deliveries without pausing Discord when no bot renders them yet', async () => {
    for (const kind of ['status.update', 'prompt.post'] as const) {
      const entry = { ...claimed(1).entry, kind, payload: { status: 'resolved' } };
      const error = await executeDelivery(context([]), claimed(1, { entry })).catch((caught: unknown) => caught);
      expect(classifyFailure(error)).toBe('permanent');
    }
  });
});

describe('executeDelivery of a moved card\'s note', () => {
  const note = (teamId?: string): ClaimedEntry => ({
    entry: {
      id: 'n1', conversationId: 'c1', seq: 4, platform: 'teams', kind: 'notice.post', attempts: 2, createdAtMs: 0,
      payload: { channelId: '19:old', threadId: 'card-1', cardMessageId: 'card-1', text: 'Ann moved this question to Billing.', ...(teamId === undefined ? {} : { teamId }) },
    },
    // The old card's link is gone by then: the payload names its thread.
    link: null,
    message: null,
  });
  const teams = (notices: unknown[], withNotice = true): EmployeeDelivery => ({
    platform: 'teams', maxFileBytes: 0, maxMessageFileBytes: 0,
    fetchFile: async () => new Uint8Array(), postMessage: async () => [], editMessage: async () => [], deleteMessage: async () => undefined, react: async () => undefined,
    postCard: async () => ({ channelId: 'x', threadId: 'x', cardMessageId: 'x' }), updateCard: async () => undefined,
    ...(withNotice ? { postNotice: async (...args: unknown[]) => (notices.push(args), 'notice-1') } : {}),
  });
  const contextWith = (adapter: EmployeeDelivery): ExecuteContext => ({ store: {} as OutboxStore, deliveries: { teams: adapter }, communityName: () => 'Acme' });

  it('should post the note in the old card\'s thread, with its team, when a question moved away', async () => {
    const notices: unknown[] = [];
    expect(await executeDelivery(contextWith(teams(notices)), note('team-1'))).toEqual([]);
    expect(notices).toEqual([[
      { platform: 'teams', channelId: '19:old', teamId: 'team-1' },
      { text: 'Ann moved this question to Billing.', idempotencyKey: 'n1', isRetry: true },
      { channelId: '19:old', threadId: 'card-1' },
    ]]);
  });

  it('should dead-letter the note with BAD_INPUT when the adapter posts no notices', async () => {
    await expect(executeDelivery(contextWith(teams([], false)), note())).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
