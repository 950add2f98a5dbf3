import { FORGOTTEN_NAME, likePatterns, scrubJson, scrubText, type Eraser } from '../privacy/index.ts';
import { rewriteMatchingRows } from '../infra/store/sql-support.ts';

// The audit's part of forgetting a person. A run stays recorded (that a command ran, when, with
// what outcome) but is no longer theirs: the tombstone and FORGOTTEN_NAME stand in as its actor, and
// what they typed goes. Runs by others keep their arguments without the person (`assign user=…`).

const OWN_RUNS_SQL = `UPDATE "CommandAudit" SET "actorId" = $3::text, "actorName" = $4::text, "args" = '{}'::jsonb, "detail" = NULL
WHERE "platform" = $1::text AND "actorId" = $2::text`;

/** The audit's eraser (table "CommandAudit"). */
export function createAuditEraser(): Eraser {
  return {
    name: 'audit',
    async traces(tx, person) {
      const { rows } = await tx.query<{ actorName: string }>(`SELECT DISTINCT "actorName" FROM "CommandAudit" WHERE "platform" = $1::text AND "actorId" = $2::text`, [person.platform, person.userId]);
      return { names: rows.map((row) => row.actorName) };
    },
    async erase(tx, target) {
      const own = (await tx.query(OWN_RUNS_SQL, [target.platform, target.userId, target.tombstone, FORGOTTEN_NAME])).rowCount ?? 0;
      const columns = [{ name: 'args', json: true }, { name: 'detail', json: false }];
      const others = await rewriteMatchingRows(tx, { table: 'CommandAudit', key: 'id', columns }, likePatterns(target), (value, column) =>
        column === 'args' ? scrubJson(value, target) : scrubText(String(value), target));
      return own + others.length;
    },
  };
}
