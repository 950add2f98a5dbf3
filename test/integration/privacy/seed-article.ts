import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../core/domain/domain-events.ts';
import type { Database } from '../../../core/infra/db/create-database.ts';
import type { Contributor } from '../../../core/knowledge/index.ts';

/** A message an article was built from, as the knowledge base keeps it. */
export interface SeedPart {
  role: 'question' | 'answer' | 'context';
  messageId: string;
  author: { platform: Contributor['platform']; userId: string; displayName: string };
  text: string;
}

/** What to store: the question it came from, its parts, contributors and who published it. */
export interface SeedArticle {
  communityId: string;
  conversationId: string;
  title: string;
  parts: SeedPart[];
  contributors: Contributor[];
  sourceUrl: string;
  publishedBy: Actor;
}

const render = (parts: readonly SeedPart[], role: SeedPart['role']): string => parts.filter((part) => part.role === role).map((part) => part.text).join('\n\n');

/**
 * Stores a published article as capture and review leave it (the article, its parts, a capture
 * and a publish revision), in the knowledge base's tables: these tests prove what forgetting
 * removes from them, not how articles are made. Answers its id.
 */
export async function seedPublishedArticle(db: Pick<Database, 'pool'>, input: SeedArticle): Promise<string> {
  const id = randomUUID();
  const content = { title: input.title, question: render(input.parts, 'question'), answer: render(input.parts, 'answer'), context: render(input.parts, 'context'), tags: ['billing'], product: null, version: null, visibility: 'public' };
  const at = new Date().toISOString();
  await db.pool.query(
    `INSERT INTO "Article" ("id", "communityId", "conversationId", "state", "title", "question", "answer", "context", "tags", "editedFields", "contributors", "sources", "publishedAt", "revision", "createdAt", "updatedAt")
     VALUES ($1::text, $2::text, $3::text, 'published', $4::text, $5::text, $6::text, $7::text, ARRAY['billing']::text[], ARRAY[]::text[], $8::text::jsonb, $9::text::jsonb, $10::timestamp, 2, $10::timestamp, $10::timestamp)`,
    [id, input.communityId, input.conversationId, content.title, content.question, content.answer, content.context, JSON.stringify(input.contributors), JSON.stringify([{ platform: 'discord', url: input.sourceUrl }]), at],
  );
  for (const [position, part] of input.parts.entries()) {
    await db.pool.query(
      `INSERT INTO "ArticlePart" ("id", "articleId", "messageId", "role", "position", "authorPlatform", "authorId", "authorName", "text")
       VALUES ($1::text, $2::text, $3::text, $4::text, $5::int, $6::text, $7::text, $8::text, $9::text)`,
      [randomUUID(), id, part.messageId, part.role, position, part.author.platform, part.author.userId, part.author.displayName, part.text],
    );
  }
  const revisions: Array<{ action: string; actor: Actor; state: string }> = [
    { action: 'capture', actor: { kind: 'heimo' }, state: 'draft' },
    { action: 'publish', actor: input.publishedBy, state: 'published' },
  ];
  for (const [i, revision] of revisions.entries()) {
    await db.pool.query(
      `INSERT INTO "ArticleRevision" ("id", "articleId", "number", "action", "actor", "snapshot", "at") VALUES ($1::text, $2::text, $3::int, $4::text, $5::text::jsonb, $6::text::jsonb, $7::timestamp)`,
      [randomUUID(), id, i + 1, revision.action, JSON.stringify(revision.actor), JSON.stringify({ ...content, state: revision.state }), at],
    );
  }
  return id;
}
