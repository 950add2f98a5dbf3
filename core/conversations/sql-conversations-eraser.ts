import { FORGOTTEN_NAME, likePatterns, REMOVED_TEXT, scrubText, type Eraser, type ForgetTarget } from '../privacy/index.ts';
import { nowParam, rewriteMatchingRows } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';

// The conversations' part of forgetting a person: their messages lose their words and files,
// their questions their titles, their reactions and account their id and name. Rows stay (copies,
// outbox entries and resolutions point at them); only what names the person goes.

const ACCOUNTS_SQL = `SELECT a."id", a."displayName", p."displayName" AS "personName"
FROM "PlatformAccount" a JOIN "Person" p ON p."id" = a."personId"
WHERE a."platform" = $1::text AND a."externalId" = $2::text`;

const TITLES_SQL = `SELECT DISTINCT c."title" FROM "Conversation" c JOIN "PlatformAccount" a ON a."id" = c."askerId"
WHERE a."platform" = $1::text AND a."externalId" = $2::text`;

// Their own words: copies of them (an article's context, a revision, a payload) are scrubbed by
// every eraser, even where the copy no longer points back at the message.
const TEXTS_SQL = `SELECT DISTINCT m."text" FROM "Message" m JOIN "PlatformAccount" a ON a."id" = m."authorId"
WHERE a."platform" = $1::text AND a."externalId" = $2::text AND m."text" <> ''`;

// A message keeps its row (its copies, outbox entries and a resolution may point at it); a
// forgotten person's message reads as deleted from now on.
const MESSAGES_SQL = `UPDATE "Message" SET "text" = '', "attachments" = NULL, "deletedAt" = COALESCE("deletedAt", $2::timestamp)
WHERE "authorId" IN (SELECT jsonb_array_elements_text($1::text::jsonb))`;

const QUESTIONS_SQL = `UPDATE "Conversation" SET "title" = $2::text WHERE "askerId" IN (SELECT jsonb_array_elements_text($1::text::jsonb))`;

// The tombstone keeps each emoji's tally true: the person still counts as one holder, so the
// mirror on the other side stays as it was rather than going out of step.
const REACTIONS_SQL = `UPDATE "Reaction" SET "userId" = $3::text WHERE "platform" = $1::text AND "userId" = $2::text`;

const ACCOUNT_SQL = `UPDATE "PlatformAccount" SET "displayName" = $2::text, "externalId" = $3::text, "avatarUrl" = NULL, "updatedAt" = $4::timestamp
WHERE "id" IN (SELECT jsonb_array_elements_text($1::text::jsonb))`;

const PERSON_SQL = `UPDATE "Person" SET "displayName" = $2::text
WHERE "id" IN (SELECT a."personId" FROM "PlatformAccount" a WHERE a."id" IN (SELECT jsonb_array_elements_text($1::text::jsonb)))`;

type AccountRow = { id: string; displayName: string; personName: string };

/** The conversations' eraser: messages, questions' titles, reactions, accounts and persons. */
export function createConversationsEraser(): Eraser {
  const accounts = async (tx: Tx, person: { platform: string; userId: string }): Promise<AccountRow[]> =>
    (await tx.query<AccountRow>(ACCOUNTS_SQL, [person.platform, person.userId])).rows;

  return {
    name: 'conversations',
    async traces(tx, person) {
      const names = (await accounts(tx, person)).flatMap((account) => [account.displayName, account.personName]);
      const titles = (await tx.query<{ title: string }>(TITLES_SQL, [person.platform, person.userId])).rows.map((row) => row.title);
      const words = (await tx.query<{ text: string }>(TEXTS_SQL, [person.platform, person.userId])).rows.map((row) => row.text);
      return { names, texts: [...titles, ...words] };
    },
    async erase(tx, target: ForgetTarget) {
      const found = await accounts(tx, target);
      const ids = JSON.stringify(found.map((account) => account.id));
      const at = nowParam();
      const count = async (sql: string, params: unknown[]): Promise<number> => (await tx.query(sql, params)).rowCount ?? 0;
      let rows = 0;
      rows += await count(MESSAGES_SQL, [ids, at]);
      rows += await count(QUESTIONS_SQL, [ids, REMOVED_TEXT]);
      rows += await count(REACTIONS_SQL, [target.platform, target.userId, target.tombstone]);
      // Others' words and titles: a mention (`@name`, as CanonicalText resolves them) or their name, a quoted title of theirs.
      const patterns = likePatterns(target);
      for (const [table, column] of [['Message', 'text'], ['Conversation', 'title']] as const) {
        rows += (await rewriteMatchingRows(tx, { table, key: 'id', columns: [{ name: column, json: false }] }, patterns, (text) => scrubText(String(text), target))).length;
      }
      rows += await count(PERSON_SQL, [ids, FORGOTTEN_NAME]);
      rows += await count(ACCOUNT_SQL, [ids, FORGOTTEN_NAME, target.tombstone, at]);
      return rows;
    },
  };
}
