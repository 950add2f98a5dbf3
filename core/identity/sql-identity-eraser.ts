import { nowParam } from '../infra/store/sql-support.ts';
import { FORGOTTEN_NAME, type Eraser } from '../privacy/index.ts';

// Identity's part of forgetting a person: their account keeps its place in its person (credits name
// accounts, and the ledger's tombstone must still group with the others), under the tombstone id,
// without e-mail; the person's name goes; their link codes are deleted.

const PERSON = `(SELECT "identityId" FROM "IdentityAccount" WHERE "platform" = $1::text AND "userId" = $2::text)`;

const NAMES_SQL = `SELECT "displayName" FROM "Identity" WHERE "id" IN ${PERSON}`;

const NAME_SQL = `UPDATE "Identity" SET "displayName" = $3::text, "updatedAt" = $4::timestamp WHERE "id" IN ${PERSON}`;

const ACCOUNT_SQL = `UPDATE "IdentityAccount" SET "userId" = $3::text, "email" = NULL WHERE "platform" = $1::text AND "userId" = $2::text`;

const CODES_SQL = `DELETE FROM "LinkCode" WHERE "platform" = $1::text AND "userId" = $2::text`;

/** Identity's eraser (tables "Identity", "IdentityAccount", "LinkCode"). */
export function createIdentityEraser(): Eraser {
  return {
    name: 'identity',
    async traces(tx, person) {
      return { names: (await tx.query<{ displayName: string }>(NAMES_SQL, [person.platform, person.userId])).rows.map((row) => row.displayName) };
    },
    async erase(tx, target) {
      let rows = (await tx.query(NAME_SQL, [target.platform, target.userId, FORGOTTEN_NAME, nowParam()])).rowCount ?? 0;
      rows += (await tx.query(ACCOUNT_SQL, [target.platform, target.userId, target.tombstone])).rowCount ?? 0;
      rows += (await tx.query(CODES_SQL, [target.platform, target.userId])).rowCount ?? 0;
      return rows;
    },
  };
}
