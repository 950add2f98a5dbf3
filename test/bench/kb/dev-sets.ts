import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SearchDocument } from '../../../core/knowledge/port.ts';

/** An already-answered question of a dev set's corpus. */
export interface CorpusRow {
  id: string;
  title: string;
  body?: string;
  answer?: string;
}

/** A new question of a dev set and the corpus ids that answer it. */
export interface QueryRow {
  id: string;
  title: string;
  body?: string;
  duplicate_ids: string[];
}

/** One evaluation: a corpus and questions asked against it. */
export interface DevSet {
  name: string;
  corpus: CorpusRow[];
  queries: QueryRow[];
}

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The dev data folder: KB_DEV_DIR, else `shared/data/kb-dev` beside the repository (../shared from
 * a checkout of main, ../../shared from a worktree under wt/); null when there is none.
 */
export function devDataDir(): string | null {
  const fromEnv = process.env['KB_DEV_DIR'];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  for (const up of ['..', '../..']) {
    const candidate = path.resolve(REPO, up, 'shared/data/kb-dev');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Every `<name>-corpus.jsonl` with its `<name>-*queries.jsonl` files, sorted by name. */
export function loadDevSets(dir: string): DevSet[] {
  const files = readdirSync(dir).sort();
  return files
    .filter((file) => file.endsWith('-corpus.jsonl'))
    .flatMap((corpusFile) => {
      const name = corpusFile.slice(0, -'-corpus.jsonl'.length);
      const corpus = readJsonl<CorpusRow>(path.join(dir, corpusFile));
      return files
        .filter((file) => file.startsWith(`${name}-`) && file.endsWith('queries.jsonl'))
        .map((queryFile) => ({ name, corpus, queries: readJsonl<QueryRow>(path.join(dir, queryFile)) }));
    });
}

/** A corpus row as the knowledge base would index it once imported (`heimo kb import`). */
export function toSearchDocument(row: CorpusRow, communityId = 'dev'): SearchDocument {
  return {
    id: row.id,
    communityId,
    sourceId: row.id,
    title: row.title,
    question: row.body ?? '',
    answer: row.answer ?? '',
    tags: [],
    language: null,
    visibility: 'public',
  };
}

/** A dev question as one search text: its title, then its body. */
export function queryText(row: QueryRow): string {
  return row.body ? `${row.title}\n${row.body}` : row.title;
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
