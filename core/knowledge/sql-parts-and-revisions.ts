import { randomUUID } from 'node:crypto';
import { toDate, type SqlDb } from '../infra/store/sql-support.ts';
import type { Actor } from '../domain/domain-events.ts';
import type { Platform } from '../domain/types.ts';
import type { Tx } from '../jobs/index.ts';
import type { ArticleRevision, RevisionAction } from './port.ts';
import type { CapturedPart, PartRole } from './knowledge-types.ts';

// An article's parts (the messages it was built from) and its revisions (every change, with the
// content after it). Both belong to Article (ON DELETE CASCADE) and are written in its transactions.

/** A part as stored: which article, where in it, and the message it came from. */
export interface StoredPart extends CapturedPart {
  articleId: string;
  position: number;
}

/** A revision to write (the article's new number, its action, actor and snapshot). */
export interface RevisionDraft extends ArticleRevision {
  articleId: string;
}

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

type PartRow = { articleId: string; messageId: string | null; role: string; position: number; authorPlatform: string; authorId: string; authorName: string; text: string };
const PART_COLUMNS = `"articleId", "messageId", "role", "position", "authorPlatform", "authorId", "authorName", "text"`;
const toPart = (row: PartRow): StoredPart => ({
  articleId: row.articleId,
  messageId: row.messageId,
  role: row.role as PartRole,
  position: Number(row.position),
  author: { platform: row.authorPlatform as Platform, userId: row.authorId, displayName: row.authorName },
  text: row.text,
});

type RevisionRow = { articleId: string; number: number; action: string; actor: unknown; snapshot: unknown; at: unknown };
// The table has no reason column: a revision's reason travels in its snapshot's JSON.
const toRevision = (row: RevisionRow): RevisionDraft => {
  const { reason, ...snapshot } = parsed(row.snapshot) as ArticleRevision['snapshot'] & { reason?: unknown };
  return {
    articleId: row.articleId,
    number: Number(row.number),
    action: row.action as RevisionAction,
    actor: parsed(row.actor) as Actor,
    at: toDate(row.at) ?? new Date(0),
    snapshot,
    ...(typeof reason === 'string' ? { reason } : {}),
  };
};
const snapshotJson = (revision: RevisionDraft): ArticleRevision['snapshot'] & { reason?: string } =>
  revision.reason === undefined ? revision.snapshot : { ...revision.snapshot, reason: revision.reason };

/** The statements on ArticlePart and ArticleRevision. */
export function createPartAndRevisionQueries(pool: SqlDb) {
  return {
    /** The parts of articles, in order. */
    async parts(db: Tx, articleIds: readonly string[]): Promise<StoredPart[]> {
      if (articleIds.length === 0) return [];
      const { rows } = await db.query<PartRow>(
        `SELECT ${PART_COLUMNS} FROM "ArticlePart" WHERE "articleId" IN (SELECT jsonb_array_elements_text($1::text::jsonb)) ORDER BY "articleId", "position"`,
        [JSON.stringify(articleIds)],
      );
      return rows.map(toPart);
    },
    /** Replaces an article's parts with `parts`, numbered in order. */
    async replaceParts(tx: Tx, articleId: string, parts: readonly CapturedPart[]): Promise<void> {
      await tx.query(`DELETE FROM "ArticlePart" WHERE "articleId" = $1::text`, [articleId]);
      if (parts.length === 0) return;
      const rows = parts.map((part, position) => ({
        id: randomUUID(), articleId, messageId: part.messageId, role: part.role, position,
        authorPlatform: part.author.platform, authorId: part.author.userId, authorName: part.author.displayName, text: part.text,
      }));
      await tx.query(
        `INSERT INTO "ArticlePart" ("id", ${PART_COLUMNS})
         SELECT d."id", ${PART_COLUMNS.split(', ').map((c) => `d.${c}`).join(', ')}
         FROM jsonb_to_recordset($1::text::jsonb) AS d("id" text, "articleId" text, "messageId" text, "role" text, "position" int,
           "authorPlatform" text, "authorId" text, "authorName" text, "text" text)`,
        [JSON.stringify(rows)],
      );
    },
    /** The articles holding a message, locked for the change (deleting the message from them). */
    async articlesWithMessage(tx: Tx, messageId: string): Promise<string[]> {
      const { rows } = await tx.query<{ articleId: string }>(`SELECT DISTINCT "articleId" FROM "ArticlePart" WHERE "messageId" = $1::text ORDER BY "articleId"`, [messageId]);
      return rows.map((row) => row.articleId);
    },
    /** The articles holding parts a person wrote. */
    async articlesByAuthor(tx: Tx, person: { platform: string; userId: string }): Promise<string[]> {
      const { rows } = await tx.query<{ articleId: string }>(
        `SELECT DISTINCT "articleId" FROM "ArticlePart" WHERE "authorPlatform" = $1::text AND "authorId" = $2::text ORDER BY "articleId"`,
        [person.platform, person.userId],
      );
      return rows.map((row) => row.articleId);
    },
    /** The articles with a revision the person made (their name is in its actor). */
    async articlesByActor(tx: Tx, person: { platform: string; userId: string }): Promise<string[]> {
      const { rows } = await tx.query<{ articleId: string }>(`SELECT DISTINCT "articleId" FROM "ArticleRevision" WHERE "actor" @> $1::text::jsonb ORDER BY "articleId"`, [
        JSON.stringify({ kind: 'person', platform: person.platform, userId: person.userId }),
      ]);
      return rows.map((row) => row.articleId);
    },
    /** Records revisions (one statement for any number). */
    async insertRevisions(tx: Tx, revisions: readonly RevisionDraft[]): Promise<void> {
      if (revisions.length === 0) return;
      const rows = revisions.map((r) => ({ id: randomUUID(), articleId: r.articleId, number: r.number, action: r.action, actor: r.actor, snapshot: snapshotJson(r), at: r.at.toISOString() }));
      await tx.query(
        `INSERT INTO "ArticleRevision" ("id", "articleId", "number", "action", "actor", "snapshot", "at")
         SELECT d."id", d."articleId", d."number", d."action", d."actor", d."snapshot", d."at"::timestamp
         FROM jsonb_to_recordset($1::text::jsonb) AS d("id" text, "articleId" text, "number" int, "action" text, "actor" jsonb, "snapshot" jsonb, "at" text)`,
        [JSON.stringify(rows)],
      );
    },
    /** An article's revisions, oldest first. */
    async revisions(articleId: string, db: Tx = pool): Promise<RevisionDraft[]> {
      const { rows } = await db.query<RevisionRow>(
        `SELECT "articleId", "number", "action", "actor", "snapshot", "at" FROM "ArticleRevision" WHERE "articleId" = $1::text ORDER BY "number"`,
        [articleId],
      );
      return rows.map(toRevision);
    },
    /** Rewrites a revision's actor and snapshot (a forgotten person's words and name leave history too). */
    async rewriteRevision(tx: Tx, revision: RevisionDraft): Promise<void> {
      await tx.query(`UPDATE "ArticleRevision" SET "actor" = $3::text::jsonb, "snapshot" = $4::text::jsonb WHERE "articleId" = $1::text AND "number" = $2::int`, [
        revision.articleId, revision.number, JSON.stringify(revision.actor), JSON.stringify(snapshotJson(revision)),
      ]);
    },
  };
}

/** The part and revision statements (see createPartAndRevisionQueries). */
export type PartAndRevisionQueries = ReturnType<typeof createPartAndRevisionQueries>;
