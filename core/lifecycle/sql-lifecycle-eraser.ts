import { FORGOTTEN_NAME, likePatterns, scrubText, type Eraser } from '../privacy/index.ts';
import { rewriteMatchingRows } from '../infra/store/sql-support.ts';

// The lifecycle's part of forgetting a person: the history keeps every change and solution (what
// happened, and when), with the tombstone as the person who did it. A reason they typed goes.

const CHANGES_SQL = `UPDATE "StatusChange" SET "actorUserId" = $3::text, "actorDisplayName" = $4::text, "reason" = NULL
WHERE "actorPlatform" = $1::text AND "actorUserId" = $2::text`;

const ACCEPTED_SQL = `UPDATE "Resolution" SET "acceptedByUserId" = $3::text, "acceptedByDisplayName" = $4::text
WHERE "acceptedByPlatform" = $1::text AND "acceptedByUserId" = $2::text`;

const AUTHORED_SQL = `UPDATE "Resolution" SET "solutionAuthorId" = $3::text WHERE "solutionPlatform" = $1::text AND "solutionAuthorId" = $2::text`;

const NAMES_SQL = `SELECT "actorDisplayName" AS "name" FROM "StatusChange" WHERE "actorPlatform" = $1::text AND "actorUserId" = $2::text AND "actorDisplayName" IS NOT NULL
UNION SELECT "acceptedByDisplayName" FROM "Resolution" WHERE "acceptedByPlatform" = $1::text AND "acceptedByUserId" = $2::text AND "acceptedByDisplayName" IS NOT NULL`;

/** The lifecycle's eraser (tables "StatusChange" and "Resolution"). */
export function createLifecycleEraser(): Eraser {
  return {
    name: 'lifecycle',
    async traces(tx, person) {
      return { names: (await tx.query<{ name: string }>(NAMES_SQL, [person.platform, person.userId])).rows.map((row) => row.name) };
    },
    async erase(tx, target) {
      const params = [target.platform, target.userId, target.tombstone, FORGOTTEN_NAME];
      let rows = 0;
      for (const sql of [CHANGES_SQL, ACCEPTED_SQL]) rows += (await tx.query(sql, params)).rowCount ?? 0;
      rows += (await tx.query(AUTHORED_SQL, params.slice(0, 3))).rowCount ?? 0;
      // Others' reasons may quote the person ("duplicate of Ann's question").
      rows += (await rewriteMatchingRows(tx, { table: 'StatusChange', key: 'id', columns: [{ name: 'reason', json: false }] }, likePatterns(target), (reason) => scrubText(String(reason), target))).length;
      return rows;
    },
  };
}
