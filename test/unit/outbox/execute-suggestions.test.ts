import { describe, expect, it } from 'vitest';
import { executeDelivery, type ExecuteContext } from '../../../core/outbox/execute-delivery.ts';
import type { KnowledgeSources, SuggestedArticle } from '../../../core/outbox/index.ts';
import type { CustomerDelivery, SuggestionsView } from '../../../core/ports/delivery.ts';
import type { ThreadRef } from '../../../core/domain/types.ts';
import type { ClaimedEntry, ConversationView, OutboxStore } from '../../../core/outbox/port.ts';
import { hasCode } from '../../../core/errors.ts';

const VIEW: ConversationView = {
  id: 'c1', communityId: 'fi-com', title: 'Tulostin', status: 'new', destination: { platform: 'slack', channelId: 'C1' },
  asker: { displayName: 'Asker' }, questionText: 'Tulostin kaatuu', customerThreadUrl: null,
};

const claimed = (payload: Record<string, string>): ClaimedEntry => ({
  entry: { id: 'e1', conversationId: 'c1', seq: 3, platform: 'discord', kind: 'suggestions.post', payload, attempts: 2, createdAtMs: 0 },
  link: { conversationId: 'c1', platform: 'discord', side: 'customer', channelId: 'T1', threadId: 'T1', cardMessageId: null, url: null },
  message: null,
});

function world(articles: SuggestedArticle[], options: { knowledge?: boolean; render?: boolean } = {}) {
  const posted: Array<{ thread: ThreadRef; view: SuggestionsView }> = [];
  const asked: string[][] = [];
  const chat = { maxFileBytes: 0, maxMessageFileBytes: 0, postMessage: async () => [], editMessage: async () => [], deleteMessage: async () => {}, react: async () => {}, fetchFile: async () => new Uint8Array() };
  const discord: CustomerDelivery = {
    ...chat, platform: 'discord', openThread: async () => ({ channelId: 't', threadId: 't' }),
    ...(options.render === false ? {} : { postSuggestions: async (thread: ThreadRef, view: SuggestionsView) => (posted.push({ thread, view }), 'm1') }),
  };
  const knowledge: KnowledgeSources = { suggestions: async (ids) => (asked.push([...ids]), articles) };
  const context: ExecuteContext = {
    store: { conversationView: async () => VIEW } as unknown as OutboxStore,
    deliveries: { discord },
    communityName: () => 'Acme',
    cards: { locale: () => 'fi', owner: async () => null, route: async () => null, clocks: async () => [] },
    ...(options.knowledge === false ? {} : { knowledge }),
  };
  return { posted, asked, context };
}

describe('suggestions delivery', () => {
  it('should post the articles still shown with numbered "This solved it" buttons carrying each article when it is delivered', async () => {
    const { posted, asked, context } = world([
      { articleId: 'a1', title: 'Ajuri kaatuu', excerpt: 'Asenna ajuri 4.2.', url: 'https://help.test/kb/articles/a1' },
      { articleId: 'a2', title: 'Paperi jumissa', excerpt: 'Avaa kansi.' },
    ]);

    expect(await executeDelivery(context, claimed({ suggestionIds: 's1,s2,s3' }))).toEqual([]);

    expect(asked).toEqual([['s1', 's2', 's3']]);
    expect(posted).toEqual([{
      thread: { channelId: 'T1', threadId: 'T1' },
      view: {
        conversationId: 'c1',
        intro: '**Nämä vastaukset voivat jo auttaa:**',
        suggestions: [
          { articleId: 'a1', title: 'Ajuri kaatuu', excerpt: 'Asenna ajuri 4.2.', url: 'https://help.test/kb/articles/a1', action: { command: 'kb-accept', label: 'Tämä ratkaisi sen (1)', style: 'primary', args: { article: 'a1' } } },
          { articleId: 'a2', title: 'Paperi jumissa', excerpt: 'Avaa kansi.', action: { command: 'kb-accept', label: 'Tämä ratkaisi sen (2)', style: 'primary', args: { article: 'a2' } } },
        ],
        idempotencyKey: 'e1',
        isRetry: true,
      },
    }]);
  });

  it('should post nothing when every suggested article was retired since', async () => {
    const { posted, context } = world([]);
    expect(await executeDelivery(context, claimed({ suggestionIds: 's1' }))).toEqual([]);
    expect(posted).toEqual([]);
  });

  it('should fail as a dead letter, not an outage, when no knowledge base or no renderer is wired', async () => {
    const unwired = await executeDelivery(world([], { knowledge: false }).context, claimed({ suggestionIds: 's1' })).catch((error: unknown) => error);
    expect(hasCode(unwired, 'BAD_INPUT')).toBe(true);
    const unrendered = await executeDelivery(world([], { render: false }).context, claimed({ suggestionIds: 's1' })).catch((error: unknown) => error);
    expect(hasCode(unrendered, 'BAD_INPUT')).toBe(true);
    const missing = await executeDelivery(world([]).context, claimed({})).catch((error: unknown) => error);
    expect(hasCode(missing, 'BAD_INPUT')).toBe(true);
  });
});
