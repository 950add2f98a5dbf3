import type { KnowledgeCommands } from '../../core/commands/index.ts';
import { HeimoError } from '../../core/errors.ts';
import type { Article, ArticleState } from '../../core/knowledge/index.ts';
import type { ServiceCall } from './command-fixtures.ts';

/** An article as the doubles keep it, with the defaults a test need not spell out. */
export function testArticle(overrides: Partial<Article> & Pick<Article, 'id' | 'title'>): Article {
  const at = new Date('2026-12-01T08:00:00Z');
  return {
    communityId: 'acme', conversationId: null, sourceId: null, state: 'published', language: 'en', contributors: [], sources: [],
    question: `${overrides.title}?`, answer: 'Do this.', context: '', tags: [], product: null, version: null, visibility: 'public',
    stale: false, staleReason: null, lastVerifiedAt: null, publishedAt: at, revision: 1, createdAt: at, updatedAt: at,
    ...overrides,
  };
}

/**
 * In-memory knowledge commands for tests of the registry alone: articles by id, a search that
 * matches any word of the title (score 0.9, then 0.5), state changes as the review rules allow
 * them, and every call recorded in `calls`. Pages live at https://heimo.example/kb/articles/<id>.
 */
export function createKnowledgeDouble(calls: ServiceCall[], articles: Article[] = []): KnowledgeCommands & { articles: Map<string, Article> } {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const record = (method: string, request: unknown): void => void calls.push({ method, request });
  const found = (id: string): Article => {
    const article = byId.get(id);
    if (article === undefined) throw new HeimoError('NOT_FOUND', `article ${id} does not exist`);
    return article;
  };
  const change = (id: string, changes: Partial<Article>, allowed: readonly ArticleState[]): Article => {
    const before = found(id);
    if (!allowed.includes(before.state)) throw new HeimoError('CONFLICT', `article ${id} is ${before.state}`);
    const after = { ...before, ...changes, revision: before.revision + 1 };
    byId.set(id, after);
    return after;
  };
  let added = 0;
  return {
    articles: byId,
    get: async (id) => byId.get(id) ?? null,
    list: async (filter) => (record('list', filter), [...byId.values()].filter((article) => (filter.stale === undefined || article.stale === filter.stale) && (filter.communityId === undefined || article.communityId === filter.communityId))),
    search: async (query) => {
      record('search', query);
      const words = query.text.toLowerCase().split(/\s+/);
      return [...byId.values()]
        .filter((article) => article.state === 'published' && (query.communityId === undefined || article.communityId === query.communityId))
        .filter((article) => query.visibility.includes(article.visibility) && words.some((word) => article.title.toLowerCase().includes(word)))
        .map((article, index) => ({ articleId: article.id, sourceId: null, title: article.title, score: index === 0 ? 0.9 : 0.5 }))
        .slice(0, query.limit);
    },
    add: async (request) => {
      record('add', request);
      const article = testArticle({ id: `added-${++added}`, state: 'draft', publishedAt: null, communityId: request.communityId, ...request.content });
      byId.set(article.id, article);
      return article;
    },
    addFromMessage: async (request) => {
      record('addFromMessage', request);
      const article = testArticle({ id: `captured-${++added}`, state: 'draft', publishedAt: null, conversationId: request.conversationId, title: 'Captured' });
      byId.set(article.id, article);
      return article;
    },
    edit: async (id, changes, actor) => (record('edit', { id, changes, actor }), change(id, changes, ['draft', 'published', 'rejected', 'retired'])),
    publish: async (id, actor) => (record('publish', { id, actor }), change(id, { state: 'published' }, ['draft', 'rejected', 'retired'])),
    reject: async (id, actor, reason) => (record('reject', { id, actor, reason }), change(id, { state: 'rejected' }, ['draft'])),
    retire: async (id, actor) => (record('retire', { id, actor }), change(id, { state: 'retired' }, ['published'])),
    verify: async (id, actor) => (record('verify', { id, actor }), change(id, { stale: false, staleReason: null }, ['published'])),
    rollback: async (id, revision, actor) => (record('rollback', { id, revision, actor }), change(id, {}, ['draft', 'published', 'rejected', 'retired'])),
    pageUrl: (article) => (article.state === 'published' && article.visibility === 'public' ? `https://heimo.example/kb/articles/${article.id}` : null),
  };
}
