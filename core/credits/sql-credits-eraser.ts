import { likePatterns, scrubText, type Eraser } from '../privacy/index.ts';

// Credits' part of forgetting a person: their ledger rows keep their points (everyone else's
// totals, and the community's, stay right) but name the tombstone instead of them, as receiver and
// as giver; source keys lose their id and notes (a moderator's reason) their names. Flags name
// identity ids only (identity's eraser forgets the person behind them).

const RECEIVER_SQL = `UPDATE "CreditEntry" SET "userId" = $3::text WHERE "platform" = $1::text AND "userId" = $2::text`;

const GIVER_SQL = `UPDATE "CreditEntry" SET "giverUserId" = $3::text WHERE "giverPlatform" = $1::text AND "giverUserId" = $2::text`;

const MENTIONS_SQL = `SELECT "id", "sourceKey", "note" FROM "CreditEntry"
WHERE "sourceKey" LIKE ANY(ARRAY(SELECT jsonb_array_elements_text($1::text::jsonb))) OR "note" LIKE ANY(ARRAY(SELECT jsonb_array_elements_text($1::text::jsonb)))`;

const REWRITE_SQL = `UPDATE "CreditEntry" SET "sourceKey" = $2::text, "note" = $3::text WHERE "id" = $1::text`;

/** The credits eraser (table "CreditEntry"). */
export function createCreditsEraser(): Eraser {
  return {
    name: 'credits',
    async erase(tx, target) {
      let rows = (await tx.query(RECEIVER_SQL, [target.platform, target.userId, target.tombstone])).rowCount ?? 0;
      rows += (await tx.query(GIVER_SQL, [target.platform, target.userId, target.tombstone])).rowCount ?? 0;
      // Source keys end in `<platform>:<userId>` segments; notes are free text.
      const found = await tx.query<{ id: string; sourceKey: string; note: string | null }>(MENTIONS_SQL, [likePatterns(target)]);
      for (const row of found.rows) {
        const key = row.sourceKey.split(':').map((part, index, parts) => (part === target.userId && parts[index - 1] === target.platform ? target.tombstone : part)).join(':');
        const note = row.note === null ? null : scrubText(row.note, target);
        if (key === row.sourceKey && note === row.note) continue;
        rows += (await tx.query(REWRITE_SQL, [row.id, key, note])).rowCount ?? 0;
      }
      return rows;
    },
  };
}
