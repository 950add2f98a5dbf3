import { parseArgs } from 'node:util';
import { HeimoError } from '../../../core/errors.ts';

/** What `heimo report ambassadors …` was asked for. */
export interface ReportRequest {
  format: 'csv' | 'json';
  days: number;
  community?: string;
}

/** How `heimo report` is used; shown with every argument mistake. */
export const REPORT_USAGE = 'usage: heimo report ambassadors [--community ID] [--days 7] --format csv|json';

/** Days a report may cover. */
export const REPORT_DAY_RANGE = { default: 7, min: 1, max: 366 } as const;

const bad = (message: string): HeimoError => new HeimoError('BAD_INPUT', `heimo report: ${message}\n${REPORT_USAGE}`);

/** Reads `heimo report <sub> …`'s arguments; a mistake is a BAD_INPUT naming it, with the usage. */
export function parseReportArgs(sub: string | undefined, args: string[]): ReportRequest {
  if (sub !== 'ambassadors') throw bad(sub === undefined ? 'which report? (ambassadors)' : `unknown report "${sub}" (ambassadors)`);
  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({ args, options: { format: { type: 'string' }, days: { type: 'string' }, community: { type: 'string' } }, allowPositionals: false, strict: true });
    values = parsed.values;
  } catch (error) {
    throw bad(error instanceof Error ? error.message : String(error));
  }
  const format = values['format'];
  if (format !== 'csv' && format !== 'json') throw bad(`--format must be csv or json, got "${String(format ?? '')}"`);
  const rawDays = values['days'];
  const days = rawDays === undefined ? REPORT_DAY_RANGE.default : typeof rawDays === 'string' && /^\d{1,3}$/.test(rawDays) ? Number(rawDays) : Number.NaN;
  if (!(days >= REPORT_DAY_RANGE.min && days <= REPORT_DAY_RANGE.max)) throw bad(`--days must be a whole number from ${REPORT_DAY_RANGE.min} to ${REPORT_DAY_RANGE.max}, got "${String(rawDays)}"`);
  const community = values['community'];
  if (community !== undefined && (typeof community !== 'string' || community.trim() === '')) throw bad('--community needs a community id');
  return { format, days, ...(typeof community === 'string' ? { community: community.trim() } : {}) };
}
