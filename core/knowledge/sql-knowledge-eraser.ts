import { nowParam, rewriteMatchingRows } from '../infra/store/sql-support.ts';
import { likePatterns, scrubJson, scrubText, type Eraser } from '../privacy/index.ts';
import type { KnowledgeInternals } from './knowledge-types.ts';

// The knowledge base's part of forgetting a person. The knowledge base itself takes their parts,
// contributor entries and words in revisions out of every article (removeAuthor: a `forget`
// revision, the search index told); this adds what others' rows copied of them: their name in
// someone else's words or on a revision, the title of a question they asked (a forum post's name
// is not in its text), their id anywhere in the JSON.

const SCRUBBED = [
  { table: 'Article', columns: [{ name: 'title', json: false }, { name: 'question', json: false }, { name: 'answer', json: false }, { name: 'context', json: false }, { name: 'contributors', json: true }] },
  // A part's author name is its author's (removeAuthor took the person's own parts).
  { table: 'ArticlePart', columns: [{ name: 'text', json: false }] },
  { table: 'ArticleRevision', columns: [{ name: 'snapshot', json: true }, { name: 'actor', json: true }] },
] as const;

// Search refreshes in every process re-read articles by `updatedAt`.
const TOUCH_SQL = `UPDATE "Article" SET "updatedAt" = $2::timestamp WHERE "id" IN (SELECT jsonb_array_elements_text($1::text::jsonb))`;

/** The knowledge base's eraser (tables "Article", "ArticlePart", "ArticleRevision"), over the running knowledge base. */
export function createKnowledgeEraser(knowledge: Pick<KnowledgeInternals, 'removeAuthor'>): Eraser {
  return {
    name: 'knowledge',
    async traces(tx, person) {
      // Their parts' words as stored (a context reply may be cut): older revisions may hold them
      // after a re-capture left the part out of the article.
      const { rows } = await tx.query<{ authorName: string; text: string }>(`SELECT DISTINCT "authorName", "text" FROM "ArticlePart" WHERE "authorPlatform" = $1::text AND "authorId" = $2::text`, [person.platform, person.userId]);
      return { names: [...new Set(rows.map((row) => row.authorName))], texts: rows.map((row) => row.text).filter((text) => text !== '') };
    },
    async erase(tx, target) {
      let rows = await knowledge.removeAuthor(tx, target);
      const patterns = likePatterns(target);
      for (const spec of SCRUBBED) {
        const written = await rewriteMatchingRows(tx, { table: spec.table, key: 'id', columns: spec.columns }, patterns, (value) => (typeof value === 'string' ? scrubText(value, target) : scrubJson(value, target)));
        if (spec.table === 'Article' && written.length > 0) await tx.query(TOUCH_SQL, [JSON.stringify(written), nowParam()]);
        rows += written.length;
      }
      return rows;
    },
  };
}
