import type { ArticleVisibility, KnowledgeBase } from '../../../core/knowledge/index.ts';
import { QUERY_ROW, readJsonl } from './jsonl-rows.ts';

/** The operator sees every visibility. */
const EVERY_VISIBILITY: readonly ArticleVisibility[] = ['public', 'community', 'staff'];

/** Options of `heimo kb search --batch`. */
export interface SearchBatchOptions {
  top: number;
  /** Absent: every community. */
  communityId?: string;
}

/**
 * Runs one similar-question search per `{id, title, body}` row and prints one JSON line per row,
 * `{"id": <row id>, "results": [{"id": <source id, else article id>, "score": n}]}`, in file
 * order. A line that is not such a row goes to `printError` with its number; returns how many did.
 */
export async function searchBatch(knowledge: Pick<KnowledgeBase, 'search'>, path: string, options: SearchBatchOptions, print: (line: string) => void, printError: (line: string) => void): Promise<number> {
  let bad = 0;
  for await (const read of readJsonl(path, QUERY_ROW)) {
    const text = read.row === undefined ? '' : [read.row.title, read.row.body].filter((part) => part.trim() !== '').join('\n');
    if (read.error !== undefined || text === '') {
      bad += 1;
      printError(`line ${read.line}: ${read.error ?? 'title and body are both empty'}`);
      continue;
    }
    const hits = await knowledge.search({ text, visibility: EVERY_VISIBILITY, limit: options.top, ...(options.communityId === undefined ? {} : { communityId: options.communityId }) });
    print(JSON.stringify({ id: read.row?.id, results: hits.map((hit) => ({ id: hit.sourceId ?? hit.articleId, score: hit.score })) }));
  }
  return bad;
}
