import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { textToMarkdown } from '../../../core/index.ts';
import type { ArticleVisibility, KnowledgeBase, PublishedArticle } from '../../../core/knowledge/index.ts';

/** The formats of `heimo kb export`. */
export type ExportFormat = 'md' | 'json';

const EVERY_VISIBILITY: readonly ArticleVisibility[] = ['public', 'community', 'staff'];
const BATCH = 500;

/** A file name for an article id: ids are uuids or an importer's own, so anything odd becomes `_`. */
export const fileNameOf = (id: string, format: ExportFormat): string => `${id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_')}.${format}`;

/** An article as its JSON export file holds it (as readers see it: names only with consent). */
export function exportJson(article: PublishedArticle): Record<string, unknown> {
  return {
    ...article,
    contributors: article.contributors.map(({ role, name, staff }) => ({ role, name, staff })),
    publishedAt: article.publishedAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    lastVerifiedAt: article.lastVerifiedAt?.toISOString() ?? null,
  };
}

// Front matter values are JSON: a JSON string, array or null is also a YAML flow value.
const front = (fields: Record<string, unknown>): string => ['---', ...Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)}`), '---'].join('\n');

/** An article as a Markdown file: front matter, then question, answer, context, contributors and sources. */
export function exportMarkdown(article: PublishedArticle): string {
  const sections = [
    front({
      id: article.id,
      title: article.title,
      community: article.communityId,
      source_id: article.sourceId,
      visibility: article.visibility,
      language: article.language,
      tags: article.tags,
      product: article.product,
      version: article.version,
      published_at: article.publishedAt.toISOString(),
      updated_at: article.updatedAt.toISOString(),
      last_verified_at: article.lastVerifiedAt?.toISOString() ?? null,
    }),
    `# ${textToMarkdown(article.title, false)}`,
    `## Question\n\n${article.question}`,
    `## Answer\n\n${article.answer}`,
    ...(article.context.trim() === '' ? [] : [`## Context\n\n${article.context}`]),
    ...(article.contributors.length === 0 ? [] : [`## Contributors\n\n${article.contributors.map((c) => `- ${c.role}: ${c.name === null ? (c.staff ? 'a staff member' : 'a community member') : textToMarkdown(c.name, false)}`).join('\n')}`]),
    ...(article.sources.length === 0 ? [] : [`## Sources\n\n${article.sources.map((source) => `- ${source.platform}: <${source.url}>`).join('\n')}`]),
  ];
  return `${sections.join('\n\n')}\n`;
}

/**
 * Writes every published article (every visibility; `communityId` narrows it) to `dir`, one file
 * per article named by its id, plus `index.md` or `index.json`. Returns how many were written.
 */
export async function exportArticles(knowledge: Pick<KnowledgeBase, 'publishedList'>, dir: string, format: ExportFormat, communityId?: string, now: Date = new Date()): Promise<number> {
  await mkdir(dir, { recursive: true });
  const index: { id: string; title: string; sourceId: string | null; communityId: string; file: string }[] = [];
  for (let offset = 0; ; offset += BATCH) {
    const batch = await knowledge.publishedList({ visibility: EVERY_VISIBILITY, limit: BATCH, offset, ...(communityId === undefined ? {} : { communityId }) });
    for (const article of batch) {
      const file = fileNameOf(article.id, format);
      await writeFile(join(dir, file), format === 'json' ? `${JSON.stringify(exportJson(article), null, 2)}\n` : exportMarkdown(article));
      index.push({ id: article.id, title: article.title, sourceId: article.sourceId, communityId: article.communityId, file });
    }
    if (batch.length < BATCH) break;
  }
  const exportedAt = now.toISOString();
  if (format === 'json') await writeFile(join(dir, 'index.json'), `${JSON.stringify({ exportedAt, count: index.length, articles: index }, null, 2)}\n`);
  else {
    const lines = index.map((entry) => `- [${textToMarkdown(entry.title, false)}](${encodeURIComponent(entry.file)})${entry.sourceId === null ? '' : ` (source id ${textToMarkdown(entry.sourceId, false)})`}`);
    await writeFile(join(dir, 'index.md'), `# Knowledge base\n\n${index.length} published articles, exported ${exportedAt}.\n\n${lines.join('\n')}\n`);
  }
  return index.length;
}
