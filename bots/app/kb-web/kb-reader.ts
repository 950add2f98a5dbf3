import type { ArticleVisibility, KnowledgeBase, PublishedArticle, SearchHit } from '../../../core/knowledge/index.ts';

/** The web only ever reads public articles. */
export const PUBLIC: readonly ArticleVisibility[] = ['public'];

/** What the pages and the API need of the knowledge base: reads of published content only. */
export type KbReads = Pick<KnowledgeBase, 'search' | 'published' | 'publishedList'>;

// Ids are uuids (or an operator's own import ids): anything longer is no article, and is not looked up.
const MAX_ID_CHARS = 200;

/** A published public article, or null for anything else (draft, rejected, retired, community or staff only, unknown). */
export async function publicArticle(kb: KbReads, id: string): Promise<PublishedArticle | null> {
  if (id === '' || id.length > MAX_ID_CHARS) return null;
  const article = await kb.published(id, PUBLIC);
  // The web's own check, whatever the service returns: never anything but published public content.
  return article !== null && article.visibility === 'public' ? article : null;
}

/** A search hit with the article it points at. */
export interface PublicHit {
  hit: SearchHit;
  article: PublishedArticle;
}

/**
 * Searches public articles across every community, best first. Each hit is read back as a
 * published public article, so one retired or hidden a moment ago (the index catching up) is dropped.
 */
export async function searchPublic(kb: KbReads, text: string, limit: number): Promise<PublicHit[]> {
  const hits = await kb.search({ text, visibility: PUBLIC, limit });
  const articles = await Promise.all(hits.map((hit) => publicArticle(kb, hit.articleId)));
  return hits.flatMap((hit, i) => {
    const article = articles[i];
    return article === null || article === undefined ? [] : [{ hit, article }];
  });
}

/** What the sitemap lists of an article. */
export type SitemapEntry = Pick<PublishedArticle, 'id' | 'updatedAt'>;

/**
 * Every published public article's id and last change, newest first, up to `max` (the sitemap).
 * Read in batches, keeping only what the sitemap needs, so 50,000 articles do not sit in memory.
 */
export async function publicEntries(kb: KbReads, max: number, batch = 1_000): Promise<SitemapEntry[]> {
  const out: SitemapEntry[] = [];
  for (let offset = 0; out.length < max; ) {
    const limit = Math.min(batch, max - out.length);
    const page = await kb.publishedList({ visibility: PUBLIC, limit, offset });
    for (const article of page) if (article.visibility === 'public') out.push({ id: article.id, updatedAt: article.updatedAt });
    offset += page.length;
    if (page.length < limit) break;
  }
  return out;
}
