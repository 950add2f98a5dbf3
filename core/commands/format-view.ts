import { DateTime } from 'luxon';
import type { MessageKey, Translator } from '../i18n/index.ts';
import type { QuestionClock, QuestionView } from './services.ts';

const CLOCK_KEYS: Record<QuestionClock['kind'], MessageKey> = {
  'first-response': 'card.clock.firstResponse',
  resolution: 'card.clock.resolution',
};

/** A moment relative to now in the person's language ("in 2 hours", "3 tuntia sitten"). */
export function relativeTime(at: Date, now: Date, t: Translator): string {
  return DateTime.fromJSDate(at).setLocale(t.locale).toRelative({ base: DateTime.fromJSDate(now) }) ?? at.toISOString();
}

/** A question's running clocks, comma separated (empty when none runs). */
export function formatClocks(view: QuestionView, now: Date, t: Translator): string {
  return view.clocks
    .map((clock) => t(clock.breached ? 'reply.clock.breached' : 'reply.clock', { clock: t(CLOCK_KEYS[clock.kind]), due: relativeTime(clock.dueAt, now, t) }))
    .join(', ');
}

/** Who owns a question, in words. */
export function formatOwner(view: QuestionView, t: Translator): string {
  return view.assignee === null ? t('reply.status.unowned') : t('reply.status.owner', { name: view.assignee.displayName ?? view.assignee.userId });
}

/** The `status` reply: title, status, owner, team, then the clocks. */
export function formatStatus(view: QuestionView, now: Date, t: Translator): string {
  const head = t('reply.status', { title: view.title, status: t(`status.${view.status}`), owner: formatOwner(view, t), team: view.team?.name ?? t('reply.status.noTeam') });
  const clocks = formatClocks(view, now, t);
  return clocks === '' ? head : `${head}\n${clocks}`;
}

/** One line of the `queue` reply. */
export function formatQueueLine(view: QuestionView, now: Date, t: Translator): string {
  const line = t('reply.queue.line', { status: t(`status.${view.status}`), asked: relativeTime(view.askedAt, now, t), title: view.title, owner: formatOwner(view, t), clocks: formatClocks(view, now, t) });
  return `- ${line.trimEnd()}`;
}
