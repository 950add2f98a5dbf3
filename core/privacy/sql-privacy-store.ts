import type { Database } from '../infra/db/create-database.ts';
import { nowParam, sqlRunner } from '../infra/store/sql-support.ts';
import type { Tx } from '../jobs/index.ts';
import type { Platform } from '../domain/types.ts';
import { DEFAULT_CHOICES, personKey, type Eraser, type PersonKey, type PrivacyChoices } from './port.ts';

// Privacy's own table, "PrivacyChoice": one row per person who ever chose (no row: the defaults).

/** The database privacy reads choices from outside transactions. */
export type PrivacyDatabase = Pick<Database, 'pool' | 'kind'>;

/** Privacy's statements: choices read and written, and its own part of forgetting a person. */
export interface PrivacyStore {
  choicesOf(people: readonly PersonKey[], tx?: Tx): Promise<Map<string, PrivacyChoices>>;
  /** Writes the changed choices (the others keep their value, or the default); answers all of them. */
  save(tx: Tx, person: PersonKey, changes: Partial<PrivacyChoices>): Promise<PrivacyChoices>;
  /** Deletes the person's choices: a forgotten person leaves no row behind. */
  eraser: Eraser;
}

type ChoiceRow = { platform: string; userId: string } & PrivacyChoices;

// People travel as one JSON text parameter (no driver's array encoding), as in every Heimo store.
const CHOICES_SQL = `
SELECT c."platform", c."userId", c."showName", c."indexable", c."showOnBoard"
FROM "PrivacyChoice" c
JOIN jsonb_to_recordset($1::text::jsonb) AS p("platform" text, "userId" text) ON p."platform" = c."platform" AND p."userId" = c."userId"`;

// A null change keeps the stored value (or the default for a first choice).
const SAVE_SQL = `
INSERT INTO "PrivacyChoice" ("platform", "userId", "showName", "indexable", "showOnBoard", "updatedAt")
VALUES ($1::text, $2::text, COALESCE($3::boolean, $5::boolean), COALESCE($4::boolean, $6::boolean), COALESCE($8::boolean, $9::boolean), $7::timestamp)
ON CONFLICT ("platform", "userId") DO UPDATE SET
  "showName" = COALESCE($3::boolean, "PrivacyChoice"."showName"),
  "indexable" = COALESCE($4::boolean, "PrivacyChoice"."indexable"),
  "showOnBoard" = COALESCE($8::boolean, "PrivacyChoice"."showOnBoard"),
  "updatedAt" = EXCLUDED."updatedAt"
RETURNING "showName", "indexable", "showOnBoard"`;

/** Creates privacy's store on the database's pool. */
export function createSqlPrivacyStore(database: PrivacyDatabase): PrivacyStore {
  const pool = sqlRunner(database);
  return {
    async choicesOf(people, tx) {
      const choices = new Map<string, PrivacyChoices>(people.map((person) => [personKey(person), { ...DEFAULT_CHOICES }]));
      if (people.length === 0) return choices;
      const wanted = JSON.stringify(people.map(({ platform, userId }) => ({ platform, userId })));
      const { rows } = await (tx ?? pool).query<ChoiceRow>(CHOICES_SQL, [wanted]);
      for (const row of rows) choices.set(personKey({ platform: row.platform as Platform, userId: row.userId }), { showName: row.showName, indexable: row.indexable, showOnBoard: row.showOnBoard });
      return choices;
    },
    async save(tx, person, changes) {
      const { rows } = await tx.query<PrivacyChoices>(SAVE_SQL, [
        person.platform, person.userId, changes.showName ?? null, changes.indexable ?? null, DEFAULT_CHOICES.showName, DEFAULT_CHOICES.indexable, nowParam(),
        changes.showOnBoard ?? null, DEFAULT_CHOICES.showOnBoard,
      ]);
      const row = rows[0];
      if (row === undefined) throw new Error('privacy choices were not written');
      return { showName: row.showName, indexable: row.indexable, showOnBoard: row.showOnBoard };
    },
    eraser: {
      name: 'privacy',
      async erase(tx, person) {
        const { rowCount } = await tx.query(`DELETE FROM "PrivacyChoice" WHERE "platform" = $1::text AND "userId" = $2::text`, [person.platform, person.userId]);
        return rowCount ?? 0;
      },
    },
  };
}
