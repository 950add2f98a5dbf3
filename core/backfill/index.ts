// The backfill capability: what bots read after downtime (the plan), and the note a message Heimo
// relays late carries. Its public surface is exported here.

export { createBackfillPlan, type BackfillPlanConfig } from './create-backfill-plan.ts';
export { DEFAULT_LATE_AFTER_MS, lateWrittenAt, withLateNote } from './late-note.ts';
export type { BackfillPlace, BackfillPlan, BackfillReport, BackfillStore, OpenThread } from './port.ts';
export { createSqlBackfillStore } from './sql-backfill-store.ts';
