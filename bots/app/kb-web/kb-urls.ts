/** The canonical address of an article under the public base address (no trailing slash). */
export const articleUrl = (base: string, id: string): string => `${base}/kb/articles/${encodeURIComponent(id)}`;

/** The results page of a search. */
export const searchUrl = (base: string, query: string): string => `${base}/kb/search?q=${encodeURIComponent(query)}`;

/** The index page `page` (1 is the index itself). */
export const indexUrl = (base: string, page: number): string => (page <= 1 ? `${base}/kb` : `${base}/kb?page=${page}`);
