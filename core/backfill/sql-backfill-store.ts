import type { Database } from '../infra/db/create-database.ts';
import type { BackfillStore, OpenThread } from './port.ts';
import { sqlRunner, toDate, type SqlDb } from '../infra/store/sql-support.ts';

// Platform message ids order by length, then as text: Discord snowflakes grow in digits, Slack ts
// are fixed-width seconds.microseconds. Only what Heimo received counts as seen, never its own
// posts: a worker delivering an answer into a thread before the catch-up reads it would otherwise
// move "seen" past what people wrote meanwhile (reading Heimo's posts again costs nothing: they are
// recognised and skipped).
const LAST_IN_CHANNEL_SQL = `
SELECT "externalId" FROM "Message" WHERE "platform" = $1::text AND "channelId" = $2::text
  AND ($3::timestamp IS NULL OR "createdAt" < $3::timestamp)
ORDER BY length("externalId") DESC, "externalId" DESC LIMIT 1`;

// A thread that is no channel of its own (Slack): what its conversation received on that platform, or the card.
const LAST_IN_THREAD_SQL = `
WITH l AS (SELECT "conversationId", "threadId" FROM "ThreadLink" WHERE "platform" = $1::text AND "channelId" = $2::text AND "threadId" = $3::text)
SELECT "externalId" FROM (
  SELECT m."externalId" FROM "Message" m JOIN l ON m."conversationId" = l."conversationId" WHERE m."platform" = $1::text AND m."channelId" = $2::text
    AND ($4::timestamp IS NULL OR m."createdAt" < $4::timestamp)
  UNION ALL
  SELECT "threadId" FROM l
) seen ORDER BY length("externalId") DESC, "externalId" DESC LIMIT 1`;

const WATCH_SQL = `
INSERT INTO "WatchedChannel" ("platform", "channelId", "since")
SELECT $1::text, id, $3::timestamp FROM jsonb_array_elements_text($2::text::jsonb) AS id
ON CONFLICT ("platform", "channelId") DO NOTHING`;

const OPEN_THREADS_SQL = `
SELECT l."channelId", l."threadId" FROM "ThreadLink" l JOIN "Conversation" c ON c."id" = l."conversationId"
WHERE l."platform" = $1::text AND l."side" = 'employee' AND c."status" <> 'resolved' AND c."updatedAt" >= $2::timestamp
ORDER BY c."updatedAt" ASC`;

/** Creates the backfill's store on raw SQL over the database's pool. */
export function createSqlBackfillStore(database: Pick<Database, 'pool' | 'kind'>): BackfillStore {
  const db: SqlDb = sqlRunner(database);
  return {
    lastSeen: async ({ platform, channelId, threadId, storedBefore }) => {
      const before = storedBefore?.toISOString() ?? null;
      const { rows } = threadId === undefined
        ? await db.query<{ externalId: string }>(LAST_IN_CHANNEL_SQL, [platform, channelId, before])
        : await db.query<{ externalId: string }>(LAST_IN_THREAD_SQL, [platform, channelId, threadId, before]);
      return rows[0]?.externalId ?? null;
    },
    watch: async (platform, channelIds, since) => {
      if (channelIds.length === 0) return;
      await db.query(WATCH_SQL, [platform, JSON.stringify(channelIds), since.toISOString()]);
    },
    watchedSince: async (platform, channelId) => {
      const { rows } = await db.query<{ since: unknown }>(`SELECT "since" FROM "WatchedChannel" WHERE "platform" = $1::text AND "channelId" = $2::text`, [platform, channelId]);
      return toDate(rows[0]?.since);
    },
    openThreads: async (platform, since) => {
      const { rows } = await db.query<OpenThread>(OPEN_THREADS_SQL, [platform, since.toISOString()]);
      return rows.map((row) => ({ channelId: row.channelId, threadId: row.threadId }));
    },
  };
}
