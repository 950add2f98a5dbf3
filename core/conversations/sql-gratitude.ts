import type { AccountRef } from '../domain/domain-events.ts';
import type { Platform } from '../domain/types.ts';
import type { Tx } from '../jobs/index.ts';

// Whom a thanks is for, read inside the thanking write's transaction: the conversation's community,
// and the author of the message replied to or reacted on. A reply can name the message as written
// or the copy Heimo posted of it (a Discord reply to a relayed Slack answer thanks the Slack author).
const CONTEXT_SQL = `
SELECT c."communityId",
  (SELECT jsonb_build_object('platform', a."platform", 'userId', a."externalId", 'isBot', a."isBot")
   FROM (
     SELECT m."authorId", 1 AS "rank" FROM "Message" m
     WHERE m."id" = $2::text AND m."conversationId" = c."id"
     UNION ALL
     SELECT m."authorId", 2 FROM "Message" m
     WHERE m."platform" = $3::text AND m."channelId" = $4::text AND m."externalId" = $5::text AND m."conversationId" = c."id"
     UNION ALL
     SELECT m."authorId", 3 FROM "MessageCopy" k JOIN "Message" m ON m."id" = k."messageId"
     WHERE k."platform" = $3::text AND k."channelId" = $4::text AND k."externalId" = $5::text AND m."conversationId" = c."id"
   ) h JOIN "PlatformAccount" a ON a."id" = h."authorId"
   ORDER BY h."rank" LIMIT 1) AS "author"
FROM "Conversation" c WHERE c."id" = $1::text`;

/** The message whose author a thanks goes to: by Heimo's id (a reaction), or by the platform's id (a reply). */
export type ThankedMessage = { messageId: string } | { platform: Platform; channelId: string; externalId: string };

/** A conversation's community and the (non-bot) author of the thanked message, if it is the conversation's. */
export interface GratitudeContext {
  communityId: string;
  author: AccountRef | null;
}

type ContextRow = { communityId: string; author: { platform: string; userId: string; isBot: boolean } | null };

/** Reads whom a thanks is for inside `tx`; null when the conversation is gone. */
export async function readGratitudeContext(tx: Tx, conversationId: string, thanked: ThankedMessage | null): Promise<GratitudeContext | null> {
  const byId = thanked !== null && 'messageId' in thanked ? thanked.messageId : null;
  const ref = thanked !== null && 'externalId' in thanked ? thanked : null;
  const { rows } = await tx.query<ContextRow>(CONTEXT_SQL, [conversationId, byId, ref?.platform ?? null, ref?.channelId ?? null, ref?.externalId ?? null]);
  const row = rows[0];
  if (!row) return null;
  const author = row.author === null || row.author.isBot ? null : { platform: row.author.platform as Platform, userId: row.author.userId };
  return { communityId: row.communityId, author };
}
