import { Duration } from 'luxon';
import type { Translator } from '../i18n/index.ts';
import type { CommunityStats } from './services.ts';

/** A share as a whole percentage ("42%"), or the catalogue's "n/a" when there is nothing to divide. */
export function percent(part: number, whole: number, t: Translator): string {
  return whole === 0 ? t('reply.stats.none') : `${Math.round((part / whole) * 100)}%`;
}

/** A duration in the person's language, in its two largest units ("2 hours, 5 minutes"). */
export function durationText(ms: number | null, t: Translator): string {
  if (ms === null || !Number.isFinite(ms)) return t('reply.stats.none');
  const parts = Duration.fromMillis(Math.max(0, Math.round(ms / 60_000) * 60_000)).shiftTo('days', 'hours', 'minutes').toObject();
  const units = (['days', 'hours', 'minutes'] as const).filter((unit) => (parts[unit] ?? 0) > 0).slice(0, 2);
  if (units.length === 0) return Duration.fromObject({ minutes: 0 }, { locale: t.locale }).toHuman();
  return Duration.fromObject(Object.fromEntries(units.map((unit) => [unit, parts[unit] ?? 0])), { locale: t.locale }).toHuman();
}

// Search durations are shown to a tenth of a millisecond: an in-memory search takes a few.
const ms = (value: number): string => (Math.round(value * 10) / 10).toString();

// A mean score to one decimal in the person's language ("4.3", "4,3"); a whole mean stays whole ("4").
const score = (value: number, t: Translator): string => new Intl.NumberFormat(t.locale, { maximumFractionDigits: 1 }).format(value);

/** The `stats` reply: deflection, click-through, search latency, articles, the question figures, then satisfaction, each when known. */
export function formatStats(community: string, stats: CommunityStats, t: Translator): string {
  const lines = [t('reply.stats.title', { community })];
  const { suggestions, search, articles, questions, satisfaction } = stats;
  if (suggestions !== null) {
    const { suggestedQuestions, deflectedQuestions, shown, accepted } = suggestions;
    lines.push(`- ${t('reply.stats.deflection', { deflected: deflectedQuestions, suggested: suggestedQuestions, rate: percent(deflectedQuestions, suggestedQuestions, t) })}`);
    lines.push(`- ${t('reply.stats.clickThrough', { accepted, shown, rate: percent(accepted, shown, t) })}`);
  }
  lines.push(`- ${search === null ? t('reply.stats.search.none') : t('reply.stats.search', { p50: ms(search.p50Ms), p95: ms(search.p95Ms), count: search.count })}`);
  if (articles !== null) lines.push(`- ${t('reply.stats.articles', articles)}`);
  if (questions !== null) {
    lines.push(`- ${t('reply.stats.questions', { days: questions.days, asked: questions.asked, resolved: questions.resolved, closed: questions.closed })}`);
    lines.push(`- ${t('reply.stats.times', { firstResponse: durationText(questions.medianFirstResponseMs, t), resolution: durationText(questions.medianResolutionMs, t) })}`);
  }
  if (satisfaction !== null) {
    const { asked, rated, average, satisfied } = satisfaction;
    lines.push(`- ${rated === 0 || average === null
      ? t('reply.stats.satisfaction.none', { asked })
      : t('reply.stats.satisfaction', { average: score(average, t), rated, rate: percent(satisfied, rated, t), asked })}`);
  }
  return lines.join('\n');
}
