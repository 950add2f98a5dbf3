/** The command audit: its port, the SQL store and the one-line format `heimo audit` prints. */
export type { AuditDraft, AuditLog, AuditOutcome, AuditQuery, AuditRecord } from './port.ts';
export { AUDIT_OUTCOMES } from './port.ts';
export { createSqlAuditStore, type AuditSql } from './sql-audit-store.ts';
export { formatAuditLine } from './format.ts';
export { createAuditEraser } from './sql-audit-eraser.ts';
