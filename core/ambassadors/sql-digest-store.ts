import type { Tx } from '../jobs/index.ts';

// The digests posted (AmbassadorDigest): one row per community and ISO week, written in the timer
// handler's transaction before the post, so a timer fired twice for a week posts once. The summary
// holds counts only: no person's id or name is kept here (nothing to erase).

/** What a posted digest records about itself. */
export interface DigestSummary {
  top: number;
  rising: number;
  newTierHolders: number;
  referenceCandidates: number;
}

const POSTED_SQL = `SELECT 1 FROM "AmbassadorDigest" WHERE "communityId" = $1::text AND "week" = $2::text`;

const RECORD_SQL = `INSERT INTO "AmbassadorDigest" ("communityId", "week", "postedAt", "summary")
VALUES ($1::text, $2::text, $3::timestamp, $4::text::jsonb) ON CONFLICT ("communityId", "week") DO NOTHING`;

/** Reads and records posted digests inside a transaction. */
export interface DigestStore {
  posted(tx: Tx, communityId: string, week: string): Promise<boolean>;
  /** Records the week's digest; false when it was already recorded (another firing got there first). */
  record(tx: Tx, communityId: string, week: string, at: Date, summary: DigestSummary): Promise<boolean>;
}

/** The SQL digest store. */
export function createSqlDigestStore(): DigestStore {
  return {
    async posted(tx, communityId, week) {
      return (await tx.query(POSTED_SQL, [communityId, week])).rows.length > 0;
    },
    async record(tx, communityId, week, at, summary) {
      return ((await tx.query(RECORD_SQL, [communityId, week, at.toISOString(), JSON.stringify(summary)])).rowCount ?? 0) > 0;
    },
  };
}
