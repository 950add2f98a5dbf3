import { likePatterns, scrubJson, scrubText, type Eraser } from '../privacy/index.ts';
import { rewriteMatchingRows } from '../infra/store/sql-support.ts';

// The outbox's part of forgetting a person: a private message still waiting for them is not sent;
// every other entry keeps its row (a stream's order needs it) with the person's id, name and
// words (a question's title, an assigner's name) taken out of its payload and its last error.

const UNSENT_DIRECT_SQL = `DELETE FROM "OutboxEntry" WHERE "kind" = 'dm.post' AND "status" <> 'sent' AND "platform" = $1::text AND "payload"->>'userId' = $2::text`;

/** The outbox's eraser (table "OutboxEntry"). */
export function createOutboxEraser(): Eraser {
  return {
    name: 'outbox',
    async erase(tx, target) {
      const dropped = (await tx.query(UNSENT_DIRECT_SQL, [target.platform, target.userId])).rowCount ?? 0;
      const columns = [{ name: 'payload', json: true }, { name: 'lastError', json: false }];
      const rewritten = await rewriteMatchingRows(tx, { table: 'OutboxEntry', key: 'id', columns }, likePatterns(target), (value, column) =>
        column === 'payload' ? scrubJson(value, target) : scrubText(String(value), target));
      return dropped + rewritten.length;
    },
  };
}
