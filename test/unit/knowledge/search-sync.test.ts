import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSearchIndex } from '../../../core/knowledge/index.ts';
import { createSearchSync } from '../../../core/knowledge/search-sync.ts';
import type { IndexRow, SearchRowQueries } from '../../../core/knowledge/sql-search-rows.ts';
import type { StoredArticle } from '../../../core/knowledge/sql-article-store.ts';
import { DEFAULT_CHOICES, personKey } from '../../../core/privacy/index.ts';

const at = new Date('2026-12-03T09:00:00Z');
const stored = (id: string, state: StoredArticle['state'] = 'published', revision = 1): StoredArticle => ({
  id, communityId: 'acme', conversationId: null, sourceId: null, state, title: `Title ${id}`, question: `question about ${id}`, answer: 'answer', context: '',
  tags: [], product: null, version: null, visibility: 'public', language: null, editedFields: [], contributors: [], sources: [], stale: false,
  staleReason: null, lastVerifiedAt: at, publishedAt: at, revision, createdAt: at, updatedAt: at,
});

/** Rows as the statements would return them, with a count of each statement run. */
function rowsOf(table: Map<string, StoredArticle>) {
  const calls = { page: 0, changed: 0, byIds: [] as string[][] };
  const row = (article: StoredArticle): IndexRow => ({ article, parts: [], version: String(article.revision) });
  const rows: SearchRowQueries = {
    publishedPage: async (after, limit) => {
      calls.page += 1;
      return [...table.values()].filter((a) => a.state === 'published' && a.id > after).sort((a, b) => a.id.localeCompare(b.id)).slice(0, limit).map(row);
    },
    changedSince: async () => {
      calls.changed += 1;
      return [...table.values()].map((article) => ({ id: article.id, version: String(article.revision) }));
    },
    byIds: async (ids) => {
      calls.byIds.push([...ids]);
      return ids.flatMap((id) => (table.has(id) ? [row(table.get(id)!)] : []));
    },
  };
  return { rows, calls };
}

const consents = { choicesOf: async (people: readonly { platform: 'discord' | 'slack' | 'teams'; userId: string }[]) => new Map(people.map((p) => [personKey(p), DEFAULT_CHOICES])) };

describe('search index freshness', () => {
  afterEach(() => vi.restoreAllMocks());

  it('should load in pages, skip refreshes while fresh, refresh in the background when older, and wait when too old', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const table = new Map(['a', 'b', 'c'].map((id) => [id, stored(id)]));
    const { rows, calls } = rowsOf(table);
    const index = createSearchIndex();
    const sync = createSearchSync({ index, rows, consents, clock: () => at, freshMs: 2_000, maxLagMs: 60_000, pageSize: 2 });

    await sync.beforeSearch(); // never loaded: loads first
    expect(index.size).toBe(3);
    expect(calls.page).toBe(2);

    table.set('d', stored('d'));
    now += 1_000;
    await sync.beforeSearch();
    expect(calls.changed).toBe(0);

    now += 5_000; // stale but within the lag: searches at once, refreshes behind
    await sync.beforeSearch();
    await vi.waitFor(() => expect(index.size).toBe(4));
    expect(calls.changed).toBe(1);
    expect(calls.byIds).toEqual([['d']]); // only the row it did not hold

    table.set('a', stored('a', 'retired', 2));
    now += 120_000; // too old: the refresh comes first
    await sync.beforeSearch();
    expect(index.size).toBe(3);
    expect(calls.changed).toBe(2);
    expect(calls.byIds).toEqual([['d'], ['a']]);
  });

  it('should drop from the index an article gone or no longer published when this process syncs it', async () => {
    const table = new Map(['a', 'b'].map((id) => [id, stored(id)]));
    const { rows } = rowsOf(table);
    const index = createSearchIndex();
    const sync = createSearchSync({ index, rows, consents, clock: () => at });
    await sync.load();
    table.set('a', stored('a', 'draft', 2));
    table.delete('b');
    await sync.sync(['a', 'b']);
    expect(index.size).toBe(0);
  });
});
