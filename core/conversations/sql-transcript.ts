import type { ConversationStatus, Platform, Side } from '../domain/types.ts';
import { isEmployeePlatform } from '../domain/types.ts';
import type { Database } from '../infra/db/create-database.ts';
import { sqlRunner, toDate } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';

/** Who wrote a transcript message. */
export interface TranscriptAuthor {
  platform: Platform;
  /** The platform's user id. */
  userId: string;
  displayName: string;
  isBot: boolean;
  /** Customer side (Discord) or employee side (Slack, Teams). */
  side: Side;
  /** The author asked the question (the asker's account, or another account of the same person). */
  isAsker: boolean;
}

/** One message of a conversation as written, in the order people wrote them. */
export interface TranscriptMessage {
  /** Heimo's message id. */
  id: string;
  platform: Platform;
  author: TranscriptAuthor;
  text: string;
  /** An employee's internal note: never shown to customers, never in an article. */
  internal: boolean;
  deleted: boolean;
  /** The conversation's first message (the question). */
  isQuestion: boolean;
  writtenAt: Date;
}

/** The conversation's thread on one platform, with a link people can open. */
export interface TranscriptLink {
  platform: Platform;
  side: Side;
  /** The Discord thread's URL, or the Slack/Teams card's message link; null when none can be made. */
  url: string | null;
}

/** A conversation's whole record, for what is built from it (articles). */
export interface Transcript {
  conversationId: string;
  communityId: string;
  title: string;
  status: ConversationStatus;
  messages: TranscriptMessage[];
  links: TranscriptLink[];
}

const CONVERSATION_SQL = `SELECT "id", "communityId", "title", "status", "askerId" FROM "Conversation" WHERE "id" = $1::text`;

// Ordered as written: the order key is each message's platform time (a reply never sorts before
// its question); the store time and id break ties the same way every read. The question is the
// first message stored, as everywhere else (sql-support's MESSAGE_SELECT).
const MESSAGES_SQL = `
SELECT m."id", m."platform", m."text", m."internal", m."deletedAt" IS NOT NULL AS "deleted",
       COALESCE(m."writtenAt", m."createdAt") AS "writtenAt",
       a."externalId" AS "userId", a."displayName", a."isBot",
       (a."id" = asker."id" OR a."personId" = asker."personId") AS "isAsker",
       m."id" = (SELECT f."id" FROM "Message" f WHERE f."conversationId" = $1::text ORDER BY f."createdAt" ASC, f."id" ASC LIMIT 1) AS "isQuestion"
FROM "Message" m
JOIN "PlatformAccount" a ON a."id" = m."authorId"
JOIN "Conversation" c ON c."id" = m."conversationId"
JOIN "PlatformAccount" asker ON asker."id" = c."askerId"
WHERE m."conversationId" = $1::text
ORDER BY m."orderKey", m."createdAt", m."id"`;

const LINKS_SQL = `SELECT "platform", "side", "channelId", "threadId", "cardMessageId", "url" FROM "ThreadLink" WHERE "conversationId" = $1::text ORDER BY "side", "platform"`;

type MessageRow = { id: string; platform: string; text: string; internal: boolean; deleted: boolean; writtenAt: unknown; userId: string; displayName: string; isBot: boolean; isAsker: boolean; isQuestion: boolean };
type LinkRow = { platform: string; side: string; channelId: string; threadId: string; cardMessageId: string | null; url: string | null };

/**
 * The link of a thread: the stored one (Discord's), else the card's message link in the form
 * Slack and Teams open (and `/heimo` commands read back: core/questions parse-question-text).
 */
export function threadUrl(link: Omit<LinkRow, 'side'>): string | null {
  if (link.url !== null && link.url !== '') return link.url;
  const message = link.cardMessageId ?? link.threadId;
  if (link.platform === 'slack' && /^\d+\.\d+$/.test(message)) return `https://slack.com/archives/${encodeURIComponent(link.channelId)}/p${message.replace('.', '')}`;
  if (link.platform === 'teams') return `https://teams.microsoft.com/l/message/${encodeURIComponent(link.channelId)}/${encodeURIComponent(message)}`;
  return null;
}

/** Reads conversations' transcripts (the knowledge base builds articles from them). */
export interface TranscriptReader {
  /** The conversation's messages in order (deleted and internal ones flagged, not left out) and links; null when unknown. In `tx` when given. */
  transcript(conversationId: string, tx?: Tx): Promise<Transcript | null>;
}

/** Creates the transcript reader on the conversations' tables. */
export function createSqlTranscripts(database: Pick<Database, 'pool' | 'kind'>): TranscriptReader {
  const db = sqlRunner(database);
  return {
    async transcript(conversationId, tx) {
      const run = tx ?? db;
      const { rows } = await run.query<{ id: string; communityId: string; title: string; status: string }>(CONVERSATION_SQL, [conversationId]);
      const conversation = rows[0];
      if (conversation === undefined) return null;
      const messages = (await run.query<MessageRow>(MESSAGES_SQL, [conversationId])).rows;
      const links = (await run.query<LinkRow>(LINKS_SQL, [conversationId])).rows;
      return {
        conversationId,
        communityId: conversation.communityId,
        title: conversation.title,
        status: conversation.status as ConversationStatus,
        messages: messages.map((row) => {
          const platform = row.platform as Platform;
          return {
            id: row.id,
            platform,
            author: { platform, userId: row.userId, displayName: row.displayName, isBot: row.isBot, side: isEmployeePlatform(platform) ? 'employee' : 'customer', isAsker: row.isAsker },
            text: row.text,
            internal: row.internal,
            deleted: row.deleted,
            isQuestion: row.isQuestion,
            writtenAt: toDate(row.writtenAt) ?? new Date(0),
          };
        }),
        links: links.map((row) => ({ platform: row.platform as Platform, side: row.side as Side, url: threadUrl(row) })),
      };
    },
  };
}
