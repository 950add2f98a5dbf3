import type { Eraser } from '../privacy/index.ts';

// Satisfaction's part of forgetting a person: their surveys stay, scores and all (the community's
// figures and the ratings counted stay right), but name the tombstone instead of their account.

const ASKER_SQL = `UPDATE "SatisfactionSurvey" SET "askerUserId" = $3::text WHERE "askerPlatform" = $1::text AND "askerUserId" = $2::text`;

/** The satisfaction eraser (table "SatisfactionSurvey"). */
export function createSatisfactionEraser(): Eraser {
  return {
    name: 'satisfaction',
    async erase(tx, target) {
      return (await tx.query(ASKER_SQL, [target.platform, target.userId, target.tombstone])).rowCount ?? 0;
    },
  };
}
