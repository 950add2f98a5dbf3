// The report's rankings as pure functions over points per person, so they are tested without a
// database: who helped most, who rose most, who helped every week, and which askers were solved
// fast and thanked or rated their help well. Staff are filtered out before these run.

/** How many people each section lists at most, and the least gain that counts as rising. */
export const REPORT_LIMITS = { top: 10, rising: 5, references: 10, minRisingGain: 5, sustainedWeeks: 4, minSolved: 2, goodScore: 4 } as const;

/** A person's points now and in the previous period. */
export interface PointsRow {
  personId: string;
  points: number;
  previousPoints: number;
}

const byPointsThenId = (a: PointsRow, b: PointsRow): number => b.points - a.points || a.personId.localeCompare(b.personId);

/** Points in [from, to) per person from running totals since `from` and since `to` (totals since a moment include everything after it). */
export function pointsBetween(sinceFrom: ReadonlyMap<string, number>, sinceTo: ReadonlyMap<string, number>): Map<string, number> {
  const points = new Map<string, number>();
  for (const [personId, total] of sinceFrom) points.set(personId, total - (sinceTo.get(personId) ?? 0));
  return points;
}

/** The people with the most points in the period (positive only), most first; ties by id so the order is stable. */
export function topHelpers(rows: readonly PointsRow[], limit: number = REPORT_LIMITS.top): PointsRow[] {
  return rows.filter((row) => row.points > 0).sort(byPointsThenId).slice(0, limit);
}

/** The people whose points grew most over the previous period, by at least `minGain`; biggest gain first. */
export function risingHelpers(rows: readonly PointsRow[], minGain: number = REPORT_LIMITS.minRisingGain, limit: number = REPORT_LIMITS.rising): PointsRow[] {
  const gain = (row: PointsRow): number => row.points - row.previousPoints;
  return rows
    .filter((row) => gain(row) >= minGain)
    .sort((a, b) => gain(b) - gain(a) || byPointsThenId(a, b))
    .slice(0, limit);
}

/** People with points in every one of the weeks given (oldest first), with their total over them; most first. */
export function sustainedHelpers(weeks: readonly ReadonlyMap<string, number>[]): { personId: string; points: number }[] {
  const [first, ...rest] = weeks;
  if (first === undefined) return [];
  const steady: { personId: string; points: number }[] = [];
  for (const [personId, points] of first) {
    if (points <= 0 || rest.some((week) => (week.get(personId) ?? 0) <= 0)) continue;
    steady.push({ personId, points: rest.reduce((sum, week) => sum + (week.get(personId) ?? 0), points) });
  }
  return steady.sort((a, b) => b.points - a.points || a.personId.localeCompare(b.personId));
}

/** The median of some numbers; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const high = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? high : ((sorted[middle - 1] ?? 0) + high) / 2;
}

/** An asker whose questions were solved faster than the community's median and who thanked. */
export interface FastAndThankful {
  personId: string;
  solved: number;
  medianMs: number;
  communityMedianMs: number;
  thanks: number;
}

/**
 * Askers with at least `minSolved` questions solved in the period, their median time below the
 * community's median (over every solved question of the period), and at least one thanks given;
 * most solved first, then fastest.
 */
export function fastAndThankful(solvedMs: ReadonlyMap<string, readonly number[]>, allSolvedMs: readonly number[], thanks: ReadonlyMap<string, number>, minSolved: number = REPORT_LIMITS.minSolved): FastAndThankful[] {
  const communityMedianMs = median(allSolvedMs);
  if (communityMedianMs === null) return [];
  const found: FastAndThankful[] = [];
  for (const [personId, durations] of solvedMs) {
    const medianMs = median(durations);
    const thanked = thanks.get(personId) ?? 0;
    if (durations.length < minSolved || medianMs === null || medianMs >= communityMedianMs || thanked < 1) continue;
    found.push({ personId, solved: durations.length, medianMs, communityMedianMs, thanks: thanked });
  }
  return found.sort((a, b) => b.solved - a.solved || a.medianMs - b.medianMs || a.personId.localeCompare(b.personId));
}

/** An asker whose survey ratings of the period were all good, with them (best first). */
export interface RatedWell {
  personId: string;
  scores: number[];
}

/**
 * Askers who rated at least once in the period and never below `goodScore` (a 4 or a 5: one poor
 * rating of the period makes a poor reference); most ratings first, then highest mean.
 */
export function ratedWell(scores: ReadonlyMap<string, readonly number[]>, goodScore: number = REPORT_LIMITS.goodScore): RatedWell[] {
  const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  const found: RatedWell[] = [];
  for (const [personId, given] of scores) {
    if (given.length === 0 || given.some((score) => score < goodScore)) continue;
    found.push({ personId, scores: [...given].sort((a, b) => b - a) });
  }
  return found.sort((a, b) => b.scores.length - a.scores.length || mean(b.scores) - mean(a.scores) || a.personId.localeCompare(b.personId));
}
