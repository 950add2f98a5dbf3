import type { Translator } from '../i18n/index.ts';
import { localDate } from './digest-schedule.ts';
import type { AmbassadorReport } from './port.ts';

// The digest as one markdown text in the community's language: a section per list, a line per
// person; an empty list says so rather than vanishing, so a quiet week reads as quiet.

const MINUTE = 60_000;

/** A duration as people read it ("45 min", "2 h 5 min", "1 d 3 h"), in the translator's language. */
export function formatDuration(t: Translator, ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return t('ambassadors.duration.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('ambassadors.duration.hours', { hours, minutes: minutes % 60 });
  return t('ambassadors.duration.days', { days: Math.floor(hours / 24), hours: hours % 24 });
}

/** What the digest needs beside the report: the language, tier names and the community's time zone. */
export interface DigestTextConfig {
  t: Translator;
  tierName: (tierId: string) => string;
  timeZone: string;
}

/** The digest text of a report. */
export function digestText(report: AmbassadorReport, config: DigestTextConfig): string {
  const { t, tierName } = config;
  const section = (title: string, lines: string[]): string[] => ['', title, ...(lines.length === 0 ? [t('ambassadors.digest.none')] : lines)];
  // The period's last day is the day before `to` (the period ends at `to`, exclusive).
  const lastDay = new Date(report.to.getTime() - 1);
  return [
    t('ambassadors.digest.title', { community: report.communityName, from: localDate(report.from, config.timeZone), to: localDate(lastDay, config.timeZone) }),
    ...section(t('ambassadors.digest.top'), report.top.map((row, i) => {
      const values = { rank: i + 1, name: row.displayName, points: row.points };
      return row.tierId === null ? t('ambassadors.digest.topRow', values) : t('ambassadors.digest.topRowTier', { ...values, tier: tierName(row.tierId) });
    })),
    ...section(t('ambassadors.digest.rising'), report.rising.map((row, i) =>
      t('ambassadors.digest.risingRow', { rank: i + 1, name: row.displayName, gain: row.points - row.previousPoints, points: row.points, previous: row.previousPoints }))),
    ...section(t('ambassadors.digest.newTiers'), report.newTierHolders.map((holder) => t('ambassadors.digest.tierRow', { name: holder.displayName, tier: tierName(holder.tierId) }))),
    ...section(t('ambassadors.digest.references'), report.referenceCandidates.map((candidate) => t('ambassadors.digest.referenceRow', { name: candidate.displayName, evidence: candidate.evidence }))),
  ].join('\n');
}
