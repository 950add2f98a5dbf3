import { DateTime } from 'luxon';
import { createSqlAuditStore, formatAuditLine } from '../../core/audit/index.ts';
import { HeimoError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { sqlRunner } from '../../core/infra/store/sql-support.ts';
import type { Env } from '../../config/env-read.ts';
import { parseDuration } from '../../config/env-schema.ts';
import { withDatabase } from './maintenance.ts';

/** What `heimo audit` was asked for. */
export interface AuditOptions {
  since?: Date;
  json: boolean;
}

/** `--since 24h` (a duration back from `now`) or `--since 2026-12-01T08:00Z` (an ISO date, UTC unless it says); `--json`. */
export function parseAuditArgs(args: string[], now: Date): AuditOptions {
  const options: AuditOptions = { json: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--since' || arg?.startsWith('--since=')) {
      const raw = arg === '--since' ? args[(i += 1)] : arg.slice('--since='.length);
      options.since = sinceOf(raw, now);
    } else throw new HeimoError('BAD_INPUT', `heimo audit: unknown argument "${arg}" (usage: heimo audit [--since 24h|ISO date] [--json])`);
  }
  return options;
}

function sinceOf(raw: string | undefined, now: Date): Date {
  const ms = raw === undefined ? Number.NaN : parseDuration(raw);
  if (Number.isFinite(ms)) return new Date(now.getTime() - ms);
  const date = raw === undefined ? undefined : DateTime.fromISO(raw, { zone: 'utc' });
  if (date?.isValid) return date.toJSDate();
  throw new HeimoError('BAD_INPUT', `heimo audit: --since takes a duration like 24h or an ISO date like 2026-12-01, got "${raw ?? ''}"`);
}

/** `heimo audit [--since 24h|ISO date] [--json]`: every command run, oldest first, one per line. */
export async function printAudit(env: Env, args: string[], print: (line: string) => void, now: Date = new Date()): Promise<number> {
  const options = parseAuditArgs(args, now);
  return withDatabase(env, createLogger({ level: 'warn' }), async (db) => {
    const records = await createSqlAuditStore(sqlRunner(db)).list(options.since === undefined ? {} : { since: options.since });
    if (records.length === 0 && !options.json) print(options.since === undefined ? 'no command runs' : `no command runs since ${options.since.toISOString()}`);
    for (const record of records) print(options.json ? JSON.stringify(record) : formatAuditLine(record));
    return 0;
  });
}
