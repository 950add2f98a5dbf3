import { FORGOTTEN_NAME, type Eraser } from '../privacy/index.ts';

// The owners' part of forgetting a person: they leave every rota (round robin must not pick, nor
// message, someone who is gone); the questions they own stay owned, by the tombstone, so no
// question changes status because its owner asked to be forgotten.

const ROTA_SQL = `DELETE FROM "TeamMember" WHERE "platform" = $1::text AND "userId" = $2::text`;

const OWNED_SQL = `UPDATE "QuestionOwner" SET "userId" = $3::text, "displayName" = $4::text WHERE "platform" = $1::text AND "userId" = $2::text`;

// `assignedBy` is `platform:userId` (or `heimo`).
const ASSIGNED_SQL = `UPDATE "QuestionOwner" SET "assignedBy" = $2::text WHERE "assignedBy" = $1::text`;

const NAMES_SQL = `SELECT "displayName" FROM "TeamMember" WHERE "platform" = $1::text AND "userId" = $2::text
UNION SELECT "displayName" FROM "QuestionOwner" WHERE "platform" = $1::text AND "userId" = $2::text`;

/** The owners' eraser (tables "TeamMember" and "QuestionOwner"). */
export function createOwnersEraser(): Eraser {
  return {
    name: 'owners',
    async traces(tx, person) {
      return { names: (await tx.query<{ displayName: string }>(NAMES_SQL, [person.platform, person.userId])).rows.map((row) => row.displayName) };
    },
    async erase(tx, target) {
      let rows = (await tx.query(ROTA_SQL, [target.platform, target.userId])).rowCount ?? 0;
      rows += (await tx.query(OWNED_SQL, [target.platform, target.userId, target.tombstone, FORGOTTEN_NAME])).rowCount ?? 0;
      rows += (await tx.query(ASSIGNED_SQL, [`${target.platform}:${target.userId}`, `${target.platform}:${target.tombstone}`])).rowCount ?? 0;
      return rows;
    },
  };
}
