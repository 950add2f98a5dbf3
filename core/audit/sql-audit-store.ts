import { randomUUID } from 'node:crypto';
import type { Platform } from '../domain/types.ts';
import type { AuditDraft, AuditLog, AuditOutcome, AuditQuery, AuditRecord } from './port.ts';

/**
 * What the audit store runs statements on: `sqlRunner(database)` or `database.pool` from core/infra
 * (declared here, not imported: only core/infra may depend on the database layer).
 */
export interface AuditSql {
  query<R = any>(text: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
}

// "at" is TIMESTAMP(3) holding UTC wall time, as every Heimo table: written from an ISO text (the
// cast drops the zone) and read back as epoch milliseconds, so no driver's time zone handling matters.
const INSERT_SQL = `
INSERT INTO "CommandAudit" ("id", "at", "communityId", "platform", "actorId", "actorName", "command", "args", "conversationId", "outcome", "detail")
VALUES ($1::text, $2::timestamp, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text::jsonb, $9::text, $10::text, $11::text)`;

const LIST_SQL = `
SELECT "id", (EXTRACT(EPOCH FROM "at") * 1000)::float8 AS "atMs", "communityId", "platform", "actorId", "actorName", "command",
       "args", "conversationId", "outcome", "detail"
FROM "CommandAudit"
WHERE "at" >= $1::timestamp
ORDER BY "at" ASC, "id" ASC
LIMIT $2::int`;

type AuditRow = Omit<AuditRecord, 'at' | 'args' | 'platform' | 'outcome'> & { atMs: number | string; args: unknown; platform: string; outcome: string };

const toRecord = (row: AuditRow): AuditRecord => ({
  id: row.id,
  at: new Date(Number(row.atMs)),
  communityId: row.communityId,
  platform: row.platform as Platform,
  actorId: row.actorId,
  actorName: row.actorName,
  command: row.command,
  // pg parses jsonb; PGlite too, but a text form is read the same way.
  args: (typeof row.args === 'string' ? JSON.parse(row.args) : row.args) as Record<string, unknown>,
  conversationId: row.conversationId,
  outcome: row.outcome as AuditOutcome,
  detail: row.detail,
});

/** The command audit in PostgreSQL (table "CommandAudit"). */
export function createSqlAuditStore(db: AuditSql): AuditLog {
  return {
    async record(draft: AuditDraft): Promise<void> {
      await db.query(INSERT_SQL, [
        randomUUID(),
        draft.at.toISOString(),
        draft.communityId,
        draft.platform,
        draft.actorId,
        draft.actorName,
        draft.command,
        JSON.stringify(draft.args),
        draft.conversationId,
        draft.outcome,
        draft.detail,
      ]);
    },
    async list(query: AuditQuery = {}): Promise<AuditRecord[]> {
      const since = query.since ?? new Date(0);
      const { rows } = await db.query<AuditRow>(LIST_SQL, [since.toISOString(), query.limit ?? 10_000]);
      return rows.map(toRecord);
    },
  };
}
