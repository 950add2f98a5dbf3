import { randomUUID } from 'node:crypto';
import { nowParam, rewriteMatchingRows } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';
import { changedJson, likePatterns, REMOVED_TEXT, scrubJson, scrubText, type Eraser, type ForgetTarget } from '../privacy/index.ts';

// The knowledge base's part of forgetting a person: the parts they wrote leave every article, whose
// text is built again from the parts that remain (a field a person edited by hand loses their
// words where they appear verbatim); they leave the contributors; their words leave every
// revision's snapshot and their name its actor. An article left without a question or an answer
// can no longer be shown: a published one goes back to draft. Each changed article gets
// a `forget` revision by Heimo, and a new `updatedAt`, which search refreshes follow.

const TEXT_FIELDS = ['question', 'answer', 'context'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

type ArticleRow = {
  id: string; state: string; title: string; editedFields: unknown; revision: number; tags: unknown; product: string | null; version: string | null; visibility: string; credited: boolean;
} & Record<TextField, string>;
type PartRow = { id: string; role: string; text: string; authorPlatform: string; authorId: string };

const ARTICLES_SQL = `SELECT DISTINCT "articleId" AS "id" FROM "ArticlePart" WHERE "authorPlatform" = $1::text AND "authorId" = $2::text
UNION SELECT "id" FROM "Article" WHERE "contributors" @> $3::text::jsonb
UNION SELECT "articleId" FROM "ArticleRevision" WHERE "actor" @> $4::text::jsonb`;

// Text arrays travel as JSON (no driver's array parsing); `credited`: the person is among the contributors.
const ARTICLE_SQL = `SELECT "id", "state", "title", "question", "answer", "context", to_jsonb("editedFields") AS "editedFields", "revision", to_jsonb("tags") AS "tags",
  "product", "version", "visibility", "contributors" @> $2::text::jsonb AS "credited"
FROM "Article" WHERE "id" = $1::text FOR UPDATE`;

const PARTS_SQL = `SELECT "id", "role", "text", "authorPlatform", "authorId" FROM "ArticlePart" WHERE "articleId" = $1::text ORDER BY "position"`;

const UPDATE_SQL = `UPDATE "Article" SET "title" = $2::text, "question" = $3::text, "answer" = $4::text, "context" = $5::text, "state" = $6::text,
  "contributors" = (SELECT COALESCE(jsonb_agg(c), '[]'::jsonb) FROM jsonb_array_elements("contributors") c WHERE NOT (c @> $7::text::jsonb)),
  "stale" = "stale" AND $6::text <> 'draft', "staleReason" = CASE WHEN $6::text = 'draft' THEN NULL ELSE "staleReason" END, "revision" = $8::int, "updatedAt" = $9::timestamp
WHERE "id" = $1::text`;

const REVISION_SQL = `INSERT INTO "ArticleRevision" ("id", "articleId", "number", "action", "actor", "snapshot", "at")
VALUES ($1::text, $2::text, $3::int, 'forget', '{"kind":"heimo"}'::jsonb, $4::text::jsonb, $5::timestamp)`;

// Parts are paragraphs joined by a blank line (as the knowledge base renders them).
const render = (parts: readonly PartRow[], role: TextField): string =>
  parts.filter((part) => part.role === role).map((part) => part.text.trim()).filter((text) => text !== '').join('\n\n');

const withoutTexts = (field: string, texts: readonly string[]): string => {
  let result = field;
  for (const text of [...texts].map((t) => t.trim()).filter((t) => t !== '').sort((a, b) => b.length - a.length)) result = result.split(text).join('');
  return result === field ? field : result.replace(/\n{3,}/g, '\n\n').trim();
};

const textArray = (value: unknown): string[] => {
  const array = parsed(value);
  return Array.isArray(array) ? array.map(String) : [];
};

// A published article left without a question or an answer goes back to review, as a draft.
const stateWithout = (state: string, complete: boolean): string => (complete || state !== 'published' ? state : 'draft');

async function forgetInArticle(tx: Tx, articleId: string, target: ForgetTarget): Promise<number> {
  const person = JSON.stringify({ platform: target.platform, userId: target.userId });
  const article = (await tx.query<ArticleRow>(ARTICLE_SQL, [articleId, `[${person}]`])).rows[0];
  if (article === undefined) return 0;
  const parts = (await tx.query<PartRow>(PARTS_SQL, [articleId])).rows;
  const isTheirs = (part: PartRow): boolean => part.authorPlatform === target.platform && part.authorId === target.userId;
  const theirs = parts.filter(isTheirs);
  const kept = parts.filter((part) => !isTheirs(part));
  const edited = textArray(article.editedFields);
  const texts = theirs.map((part) => part.text);
  // Built again only where their parts were (and no editor rewrote the field): other articles keep their text as it is.
  const rebuilt = (field: TextField): string => (theirs.length === 0 || edited.includes(field) ? withoutTexts(article[field], texts) : render(kept, field));
  const content = Object.fromEntries(TEXT_FIELDS.map((field) => [field, scrubText(rebuilt(field), target)])) as Record<TextField, string>;
  // A title taken from their question (not typed by an editor) goes with it.
  const askedIt = theirs.some((part) => part.role === 'question') && !edited.includes('title');
  const title = askedIt ? REMOVED_TEXT : scrubText(withoutTexts(article.title, texts), target) || REMOVED_TEXT;
  const state = stateWithout(article.state, content.question !== '' && content.answer !== '');
  const changed = theirs.length > 0 || article.credited || title !== article.title || state !== article.state || TEXT_FIELDS.some((field) => content[field] !== article[field]);
  // An article they only edited keeps its text and number: only its history changes below.
  const revision = Number(article.revision) + (changed ? 1 : 0);
  if (changed) {
    const at = nowParam();
    if (theirs.length > 0) await tx.query(`DELETE FROM "ArticlePart" WHERE "id" IN (SELECT jsonb_array_elements_text($1::text::jsonb))`, [JSON.stringify(theirs.map((part) => part.id))]);
    await tx.query(UPDATE_SQL, [articleId, title, content.question, content.answer, content.context, state, person, revision, at]);
    const snapshot = { title, ...content, tags: textArray(article.tags), product: article.product, version: article.version, visibility: article.visibility, state };
    await tx.query(REVISION_SQL, [randomUUID(), articleId, revision, JSON.stringify(snapshot), at]);
  }
  // Older revisions: their words out of every snapshot (their title too, when it was theirs), their name and id out of every actor.
  const history = (await tx.query<{ id: string; snapshot: unknown; actor: unknown }>(`SELECT "id", "snapshot", "actor" FROM "ArticleRevision" WHERE "articleId" = $1::text AND "number" <= $2::int`, [articleId, Number(article.revision)])).rows;
  let rewritten = 0;
  for (const row of history) {
    const before = { snapshot: parsed(row.snapshot), actor: parsed(row.actor) };
    const after = { snapshot: scrubSnapshot(before.snapshot, texts, askedIt ? article.title : null, target), actor: scrubJson(before.actor, target) };
    if (!changedJson(before, after)) continue;
    await tx.query(`UPDATE "ArticleRevision" SET "snapshot" = $2::text::jsonb, "actor" = $3::text::jsonb WHERE "id" = $1::text`, [row.id, JSON.stringify(after.snapshot), JSON.stringify(after.actor)]);
    rewritten += 1;
  }
  return theirs.length + (changed ? 2 : 0) + rewritten;
}

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

function scrubSnapshot(snapshot: unknown, texts: readonly string[], theirTitle: string | null, target: ForgetTarget): unknown {
  if (typeof snapshot !== 'object' || snapshot === null) return snapshot;
  const fields = snapshot as Record<string, unknown>;
  const cut = (value: unknown): unknown => (typeof value === 'string' ? withoutTexts(value, texts) : value);
  const title = fields['title'] === theirTitle ? REMOVED_TEXT : cut(fields['title']) || REMOVED_TEXT;
  return scrubJson({ ...fields, title, ...Object.fromEntries(TEXT_FIELDS.map((field) => [field, cut(fields[field])])) }, target);
}

// Whatever else names the person: others' parts quoting their name, titles copied from their questions.
const SCRUBBED = [
  { table: 'Article', columns: ['title', 'question', 'answer', 'context', 'contributors'] },
  { table: 'ArticlePart', columns: ['text', 'authorName'] },
  { table: 'ArticleRevision', columns: ['snapshot', 'actor'] },
] as const;
const JSON_COLUMNS = new Set(['contributors', 'snapshot', 'actor']);

/** The knowledge base's eraser (tables "Article", "ArticlePart", "ArticleRevision"). */
export function createKnowledgeEraser(): Eraser {
  return {
    name: 'knowledge',
    async traces(tx, person) {
      const { rows } = await tx.query<{ authorName: string }>(`SELECT DISTINCT "authorName" FROM "ArticlePart" WHERE "authorPlatform" = $1::text AND "authorId" = $2::text`, [person.platform, person.userId]);
      return { names: rows.map((row) => row.authorName) };
    },
    async erase(tx, target) {
      const person = { platform: target.platform, userId: target.userId };
      const { rows } = await tx.query<{ id: string }>(ARTICLES_SQL, [target.platform, target.userId, JSON.stringify([person]), JSON.stringify(person)]);
      let changed = 0;
      for (const { id } of [...rows].sort((a, b) => a.id.localeCompare(b.id))) changed += await forgetInArticle(tx, id, target);
      const patterns = likePatterns(target);
      for (const { table, columns } of SCRUBBED) {
        const spec = { table, key: 'id', columns: columns.map((name) => ({ name, json: JSON_COLUMNS.has(name) })) };
        changed += await rewriteMatchingRows(tx, spec, patterns, (value) => (typeof value === 'string' ? scrubText(value, target) : scrubJson(value, target)));
      }
      return changed;
    },
  };
}
