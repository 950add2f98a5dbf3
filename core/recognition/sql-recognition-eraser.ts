import type { Eraser } from '../privacy/index.ts';

// Recognition's part of forgetting a person: the tier they hold, recorded with their Discord
// account, is removed (their profile shows no tier, and no reconcile touches their roles again).
// TierChange rows name identity ids only, which identity's eraser leaves pointing at nobody: the
// digest's counts of promotions stay right without saying whose they were.

const HOLDING_SQL = `DELETE FROM "TierHolding" WHERE $1::text = 'discord' AND "discordUserId" = $2::text`;

/** The recognition eraser (table "TierHolding"). */
export function createRecognitionEraser(): Eraser {
  return {
    name: 'recognition',
    async erase(tx, target) {
      return (await tx.query(HOLDING_SQL, [target.platform, target.userId])).rowCount ?? 0;
    },
  };
}
