// ambassadors: reached by other modules only through this file.
export type * from './port.ts';
export { createAmbassadors, DIGEST_CATCH_UP_MS, REPORT_DAYS, type AmbassadorsConfig } from './create-ambassadors.ts';
export { DIGEST_TIMER, digestKey, isoWeekOf, nextDigestAt, previousDigestAt } from './digest-schedule.ts';
export { digestText, formatDuration } from './digest-text.ts';
export { REPORT_LIMITS, fastAndThankful, median, pointsBetween, ratedWell, risingHelpers, sustainedHelpers, topHelpers, type PointsRow, type RatedWell } from './report-ranking.ts';
export type { ReportSources } from './build-report.ts';
export type { DigestStore, DigestSummary } from './sql-digest-store.ts';
