import type { AccountRef } from '../domain/domain-events.ts';
import type { ConversationStatus, EmployeePlatform, Platform } from '../domain/types.ts';
import { REACHED_STAFF_SQL } from './sql-lifecycle-store.ts';
import type { Tx } from '../jobs/index.ts';

// The lifecycle's answer to "what is this question now, and who asked it?" for capabilities that
// may not read "Conversation" themselves (satisfaction's surveys). Runs on the caller's
// transaction, so a survey's decision sees the status its own change would race with.

/** A question's status, community and asker (their platform account). */
export interface QuestionFactsRecord {
  communityId: string;
  status: ConversationStatus;
  asker: AccountRef;
  askerIsBot: boolean;
  /** The platform of the question's card; null when the card was never posted (solved inside the community-first window). */
  employeePlatform: EmployeePlatform | null;
}

const FACTS_SQL = `
SELECT c."communityId", c."status", a."platform", a."externalId" AS "userId", a."isBot", c."destinationPlatform", (${REACHED_STAFF_SQL}) AS "reached"
FROM "Conversation" c JOIN "PlatformAccount" a ON a."id" = c."askerId"
WHERE c."id" = $1::text`;

type FactsRow = { communityId: string; status: string; platform: string; userId: string; isBot: boolean; destinationPlatform: string; reached: boolean };

/** Reads a question's facts in `tx`; null when there is no such question. */
export function createSqlQuestionFacts(): (tx: Pick<Tx, 'query'>, conversationId: string) => Promise<QuestionFactsRecord | null> {
  return async (tx, conversationId) => {
    const row = (await tx.query<FactsRow>(FACTS_SQL, [conversationId])).rows[0];
    if (row === undefined) return null;
    return {
      communityId: row.communityId, status: row.status as ConversationStatus, asker: { platform: row.platform as Platform, userId: row.userId }, askerIsBot: row.isBot === true,
      employeePlatform: row.reached === true ? (row.destinationPlatform as EmployeePlatform) : null,
    };
  };
}
