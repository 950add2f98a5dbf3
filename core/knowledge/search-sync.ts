import type { Logger } from '../ports/logger.ts';
import type { Consents } from '../privacy/index.ts';
import type { SearchIndex } from './port.ts';
import { peopleOf, toSearchDocument } from './published-view.ts';
import type { IndexRow, SearchRowQueries } from './sql-search-rows.ts';

// Keeps the in-memory search index in step with the Article table. This process updates it right
// after each of its own commits (`sync`). Other processes change articles too (the worker captures,
// the web process serves search): every change bumps Article.updatedAt, and a refresh re-reads the
// rows changed since the last one (minus a margin for clock skew and transactions that committed
// late); rows whose version the index already holds are skipped by a light first statement, so
// a refresh after another process imported thousands of rows reads each of them once. The refresh is driven by searches, so an idle process costs nothing: a search on an index
// refreshed less than `freshMs` ago just searches; an older one searches at once and refreshes in
// the background; one older than `maxLagMs` (or never loaded) refreshes first. Hard-deleted rows
// are not seen by a refresh: the knowledge base never deletes an article (forgetting scrubs it).

/** What the index keeper needs. */
export interface SearchSyncConfig {
  index: SearchIndex;
  rows: SearchRowQueries;
  consents: Consents;
  /** The clock articles' updatedAt are written with. */
  clock: () => Date;
  logger?: Logger;
  /** Younger than this, a search does not refresh (default 2 s). */
  freshMs?: number;
  /** Older than this, a search waits for the refresh (default 60 s). */
  maxLagMs?: number;
  /** Rows changed this long before the last refresh are read again (default 10 s). */
  marginMs?: number;
  /** Articles per statement when loading or re-reading (default 2,000). */
  pageSize?: number;
}

/** The index keeper: load, refresh, sync after a commit, and the freshness check before a search. */
export interface SearchSync {
  load(): Promise<number>;
  refresh(): Promise<number>;
  sync(ids: readonly string[]): Promise<void>;
  beforeSearch(): Promise<void>;
}

/** Creates the index keeper (see the file comment for the refresh policy). */
export function createSearchSync(config: SearchSyncConfig): SearchSync {
  const { index, rows, consents, clock } = config;
  const freshMs = config.freshMs ?? 2_000;
  const maxLagMs = config.maxLagMs ?? 60_000;
  const marginMs = config.marginMs ?? 10_000;
  const pageSize = config.pageSize ?? 2_000;
  // When the last load or refresh started: the database clock for `since`, the real one for its age.
  let since: Date | null = null;
  let refreshedAt = Number.NEGATIVE_INFINITY;
  // One load or refresh at a time; a search waiting for one shares it.
  let running: Promise<number> | null = null;
  // The row version each article was last applied from (published or not).
  const versions = new Map<string, string>();

  const apply = async (found: IndexRow[], expected: readonly string[] = []): Promise<void> => {
    const choices = await consents.choicesOf(peopleOf([], found.flatMap((row) => row.parts)));
    for (const { article, parts, version } of found) {
      if (article.state === 'published') index.upsert(toSearchDocument(article, parts, choices));
      else index.remove(article.id);
      versions.set(article.id, version);
    }
    const seen = new Set(found.map((row) => row.article.id));
    for (const id of expected) {
      if (seen.has(id)) continue;
      index.remove(id);
      versions.delete(id);
    }
  };

  const reread = async (ids: readonly string[]): Promise<void> => {
    for (let i = 0; i < ids.length; i += pageSize) {
      const chunk = ids.slice(i, i + pageSize);
      await apply(await rows.byIds(chunk), chunk);
    }
  };

  const exclusive = (work: () => Promise<number>): Promise<number> => {
    running ??= work().finally(() => (running = null));
    return running;
  };

  const load = (): Promise<number> =>
    exclusive(async () => {
      const startedAt = clock();
      const started = Date.now();
      let count = 0;
      for (let after = ''; ; ) {
        const page = await rows.publishedPage(after, pageSize);
        await apply(page);
        count += page.length;
        const last = page.at(-1);
        if (last === undefined || page.length < pageSize) break;
        after = last.article.id;
      }
      since = startedAt;
      refreshedAt = started;
      return count;
    });

  const refresh = async (): Promise<number> => {
    if (since === null) return load();
    const from = since;
    return exclusive(async () => {
      const startedAt = clock();
      const started = Date.now();
      const changed = (await rows.changedSince(new Date(from.getTime() - marginMs))).filter((row) => versions.get(row.id) !== row.version).map((row) => row.id);
      await reread(changed);
      since = startedAt;
      refreshedAt = started;
      return changed.length;
    });
  };

  return {
    load,
    refresh,
    async sync(ids) {
      if (ids.length === 0 || since === null) return; // not loaded yet: the load will read them
      await reread(ids);
    },
    async beforeSearch() {
      const age = Date.now() - refreshedAt;
      if (since === null || age >= maxLagMs) await refresh();
      else if (age >= freshMs && running === null) {
        refresh().catch((error: unknown) => config.logger?.warn('could not refresh the knowledge search index', { error }));
      }
    },
  };
}
