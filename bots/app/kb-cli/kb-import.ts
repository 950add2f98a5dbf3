import type { ImportRow, KnowledgeBase } from '../../../core/knowledge/index.ts';
import { countLines, IMPORT_ROW, readJsonl } from './jsonl-rows.ts';
import { createProgress, type ProgressOutput } from './progress.ts';

/** What `heimo kb import` did, per file line. */
export interface ImportOutcome {
  created: number;
  updated: number;
  rejected: { line: number; error: string }[];
}

/**
 * Imports a JSONL file of `{id, title, body, answer}` rows into `communityId` as published
 * articles (`id` becomes the source id; a row whose id was imported before updates that article).
 * Lines that are not such rows are rejected here, the others by the knowledge base; every
 * rejection carries its line number in the file.
 */
export async function importJsonl(knowledge: Pick<KnowledgeBase, 'import'>, path: string, communityId: string, progressOutput: ProgressOutput): Promise<ImportOutcome> {
  const total = await countLines(path);
  const progress = createProgress({ total, label: 'lines', output: progressOutput });
  const rejected: ImportOutcome['rejected'] = [];
  // The knowledge base numbers the rows it is given (1-based); this maps them back to file lines.
  const lineOfRow: number[] = [];
  let lastLine = 0;
  async function* rows(): AsyncGenerator<ImportRow> {
    for await (const read of readJsonl(path, IMPORT_ROW)) {
      lastLine = read.line;
      if (read.error !== undefined) rejected.push({ line: read.line, error: read.error });
      else {
        lineOfRow.push(read.line);
        yield read.row;
      }
    }
  }
  const report = await knowledge.import(rows(), {
    communityId,
    actor: { kind: 'heimo' },
    onProgress: () => progress.update(lastLine),
  });
  progress.finish(total);
  for (const refusal of report.rejected) rejected.push({ line: lineOfRow[refusal.line - 1] ?? refusal.line, error: refusal.error });
  rejected.sort((a, b) => a.line - b.line);
  return { created: report.created, updated: report.updated, rejected };
}

/** The report `heimo kb import` prints: a summary, then one line per rejected row. */
export function formatImport(path: string, outcome: ImportOutcome): string[] {
  return [
    `${path}: ${outcome.created} created, ${outcome.updated} updated, ${outcome.rejected.length} rejected`,
    ...outcome.rejected.map((refusal) => `line ${refusal.line}: ${refusal.error}`),
  ];
}
