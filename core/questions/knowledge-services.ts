import type { KnowledgeCommands } from '../commands/index.ts';
import type { KnowledgeBase } from '../knowledge/index.ts';

/** What the knowledge commands run on: the knowledge base, and Heimo's public address for article links. */
export interface KnowledgeServicesConfig {
  knowledge: Pick<KnowledgeBase, 'get' | 'list' | 'search' | 'add' | 'edit' | 'publish' | 'reject' | 'retire' | 'verify' | 'rollback'>;
  /** HEIMO_PUBLIC_URL: article pages are `<publicUrl>/kb/articles/<id>`; without it replies give ids. */
  publicUrl?: string;
}

/**
 * The knowledge base as commands call it. Each call goes to the service as it is (so an object with
 * methods on its prototype works too); links are only given to pages a reader can open.
 */
export function createKnowledgeCommands(config: KnowledgeServicesConfig): KnowledgeCommands {
  const kb = config.knowledge;
  const base = config.publicUrl?.replace(/\/+$/, '');
  return {
    get: (id) => kb.get(id),
    list: (filter) => kb.list(filter),
    search: (query) => kb.search(query),
    add: (request) => kb.add(request),
    edit: (id, changes, actor) => kb.edit(id, changes, actor),
    publish: (id, actor) => kb.publish(id, actor),
    reject: (id, actor, reason) => (reason === undefined ? kb.reject(id, actor) : kb.reject(id, actor, reason)),
    retire: (id, actor) => kb.retire(id, actor),
    verify: (id, actor) => kb.verify(id, actor),
    rollback: (id, revision, actor) => kb.rollback(id, revision, actor),
    // The web pages show only published, public articles: any other link would be a dead end.
    pageUrl: (article) =>
      base === undefined || article.state !== 'published' || article.visibility !== 'public' ? null : `${base}/kb/articles/${encodeURIComponent(article.id)}`,
  };
}
