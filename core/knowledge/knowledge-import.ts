import type { Actor } from '../domain/domain-events.ts';
import type { Tx } from '../jobs/index.ts';
import { changedFields, contentOf, mergeCapture } from './article-rules.ts';
import { parseImportRow } from './content-schema.ts';
import { asPublished, newArticle, type KnowledgeContext } from './knowledge-context.ts';
import type { ArticleChange } from './article-writer.ts';
import type { ArticleContent, ImportReport, ImportRow } from './port.ts';

// `heimo kb import`: rows of already-answered questions become published articles, a batch per
// transaction (one statement per table for the whole batch). A row whose id was imported before
// updates that article, except fields a person edited since and the decision of a person who
// rejected or retired it. Bad rows are reported by line and never stop the import.

/** Rows per transaction. */
export const IMPORT_BATCH = 500;

type Numbered = { line: number; row: ImportRow };

const contentOfRow = (row: ImportRow): ArticleContent => ({ title: row.title, question: row.body, answer: row.answer, context: '', tags: [], product: null, version: null, visibility: 'public' });

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Creates the importer of one knowledge base. */
export function createImporter(ctx: KnowledgeContext, batchSize = IMPORT_BATCH) {
  const { articles, writer, clock } = ctx;

  const writeBatch = async (tx: Tx, rows: readonly Numbered[], communityId: string, actor: Actor): Promise<{ created: number; updated: number }> => {
    const existing = new Map((await articles.bySourceIds(tx, communityId, rows.map(({ row }) => row.id))).map((article) => [article.sourceId, article]));
    const now = clock();
    const changes: ArticleChange[] = [];
    let updated = 0;
    for (const { row } of rows) {
      const content = contentOfRow(row);
      const language = ctx.detectLanguage(`${row.title}\n${row.body}\n${row.answer}`);
      const before = existing.get(row.id);
      if (!before) {
        changes.push({ before: null, after: newArticle({ communityId, content, state: 'published', sourceId: row.id, language }, now), action: 'import', actor });
        continue;
      }
      updated += 1;
      const merged = mergeCapture(contentOf(before), content, before.editedFields);
      const textChanged = changedFields(before, merged).length > 0;
      if (!textChanged && before.state !== 'draft') continue; // imported again as it was
      let after = { ...before, ...merged, language: textChanged ? language : before.language };
      if (before.state === 'draft') after = asPublished(after, now);
      changes.push({ before, after, action: 'import', actor });
    }
    // Imported articles have no contributors to credit: no article.published event per row.
    await writer.write(tx, changes, { announce: false });
    return { created: rows.length - updated, updated };
  };

  return async function importRows(
    rows: AsyncIterable<ImportRow> | Iterable<ImportRow>,
    options: { communityId: string; actor: Actor; onProgress?: (done: number) => void },
  ): Promise<ImportReport> {
    const report: ImportReport = { created: 0, updated: 0, rejected: [] };
    let line = 0;
    let batch: Numbered[] = [];
    let reported = 0;
    const ids = new Set<string>();
    const progress = (): void => {
      if (line > reported) options.onProgress?.((reported = line));
    };

    const add = (result: { created: number; updated: number }): void => {
      report.created += result.created;
      report.updated += result.updated;
    };
    const flush = async (): Promise<void> => {
      const pending = batch;
      batch = [];
      ids.clear();
      if (pending.length === 0) return;
      try {
        add(await ctx.jobs.transaction((tx) => writeBatch(tx, pending, options.communityId, options.actor)));
      } catch {
        // One row the database refuses must not sink its batch: the rows go one by one, and only
        // the refused ones are reported.
        for (const item of pending) {
          try {
            add(await ctx.jobs.transaction((tx) => writeBatch(tx, [item], options.communityId, options.actor)));
          } catch (error) {
            report.rejected.push({ line: item.line, error: errorText(error) });
          }
        }
      }
      progress();
    };

    for await (const raw of rows) {
      line += 1;
      const parsed = parseImportRow(raw);
      if ('error' in parsed) {
        report.rejected.push({ line, error: parsed.error });
        continue;
      }
      // The same id twice in one batch: the first is written before the second updates it.
      if (ids.has(parsed.row.id)) await flush();
      batch.push({ line, row: parsed.row });
      ids.add(parsed.row.id);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    progress();
    return report;
  };
}
