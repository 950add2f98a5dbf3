import type { AmbassadorReport } from '../../../core/ambassadors/index.ts';

// The report as rows of one table (CSV): a person per row and section, so a spreadsheet filters
// by section; points and previous points are numbers where the section has them.

/** The CSV columns, in order. */
export const REPORT_COLUMNS = ['section', 'rank', 'name', 'points', 'previous', 'tier', 'why'] as const;

/** One row of the table. */
export type ReportRow = [section: 'top' | 'rising' | 'new-tier' | 'reference', rank: number, name: string, points: number | null, previous: number | null, tier: string, why: string];

/** The report's rows: top helpers, rising helpers, new tier holders, then reference candidates. */
export function reportRows(report: AmbassadorReport, tierName: (tierId: string) => string): ReportRow[] {
  const tier = (tierId: string | null): string => (tierId === null ? '' : tierName(tierId));
  return [
    ...report.top.map((row, i): ReportRow => ['top', i + 1, row.displayName, row.points, row.previousPoints, tier(row.tierId), '']),
    ...report.rising.map((row, i): ReportRow => ['rising', i + 1, row.displayName, row.points, row.previousPoints, tier(row.tierId), `gained ${row.points - row.previousPoints}`]),
    ...report.newTierHolders.map((holder, i): ReportRow => ['new-tier', i + 1, holder.displayName, null, null, tier(holder.tierId), `promoted ${holder.at.toISOString()}`]),
    ...report.referenceCandidates.map((candidate, i): ReportRow => ['reference', i + 1, candidate.displayName, null, null, '', `${candidate.why}: ${candidate.evidence}`]),
  ];
}
