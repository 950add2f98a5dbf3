import { DateTime } from 'luxon';
import type { ConversationStatus } from '../domain/types.ts';
import { translator, type Translator } from '../i18n/index.ts';
import type { CardAction, CardFact, CardView } from '../ports/delivery.ts';

/** One SLA clock as a card shows it. */
export interface CardClock {
  clock: 'first-response' | 'resolution';
  dueAt: Date;
  stopped: boolean;
  breached: boolean;
}

/**
 * Where cards read what other modules own (the app injects owners.owner, routing's store with the
 * network's team names, clocks.clockView): never by reading their tables from the outbox SQL.
 */
export interface CardSources {
  /** The community's default language (`en`, `fi`, `sk`). */
  locale(communityId: string): string | undefined;
  owner(conversationId: string): Promise<{ displayName: string } | null>;
  /** The team the question was routed to (its name), by which rule, and whether someone moved it there. */
  route(conversationId: string): Promise<{ teamName: string; rule: string; moved: boolean } | null>;
  clocks(conversationId: string): Promise<CardClock[]>;
  /** The articles suggested to the question and whether the asker accepted one (the knowledge base); absent: none are shown. */
  suggestions?(conversationId: string): Promise<CardSuggestion[]>;
}

/** An article suggested to the question, as its card names it. */
export interface CardSuggestion {
  title: string;
  accepted: boolean;
}

// A card lists up to three titles on one line: each is kept short.
const SUGGESTION_TITLE_MAX = 60;
const shortTitle = (title: string): string => {
  const flat = title.replace(/\s+/g, ' ').trim();
  return flat.length <= SUGGESTION_TITLE_MAX ? flat : `${flat.slice(0, SUGGESTION_TITLE_MAX - 1).trimEnd()}…`;
};

/** The card's fact about suggestions: "A, B; solved by A" (null when there were none). */
export function suggestionsFact(suggestions: readonly CardSuggestion[], t: Translator): CardFact | null {
  if (suggestions.length === 0) return null;
  const titles = suggestions.map((suggestion) => shortTitle(suggestion.title)).join(', ');
  const solved = suggestions.filter((suggestion) => suggestion.accepted).map((suggestion) => shortTitle(suggestion.title));
  const value = solved.length === 0 ? titles : t('card.suggested.solvedBy', { titles, solved: solved.join(', ') });
  return { label: t('card.fact.suggested'), value };
}

/** The translator of a community's language (English when unknown). */
export const communityTranslator = (sources: CardSources | undefined, communityId: string): Translator => translator(undefined, sources?.locale(communityId));

const CLOCK_LABEL = { 'first-response': 'card.clock.firstResponse', resolution: 'card.clock.resolution' } as const;
const BREACHED = { 'first-response': 'sla.firstResponse.breached', resolution: 'sla.resolution.breached' } as const;

// Due times in UTC, written the community's way ("3 Dec 14:00 UTC"): a card is read in many time zones.
const when = (date: Date, t: Translator): string => `${DateTime.fromJSDate(date, { zone: 'UTC' }).setLocale(t.locale).toFormat('d LLL HH:mm')} UTC`;

/** The buttons a card offers in a status: claim while nobody owns it, resolve while it is not done, reopen once it is. */
export function cardActions(status: ConversationStatus, owned: boolean, t: Translator): CardAction[] {
  if (status === 'resolved' || status === 'closed') return [{ command: 'reopen', label: t('card.action.reopen'), style: 'default' }];
  if (status === 'new') return [];
  const resolve: CardAction = { command: 'resolve', label: t('card.action.resolve'), style: 'primary' };
  return owned ? [resolve] : [{ command: 'claim', label: t('card.action.claim'), style: 'primary' }, { ...resolve, style: 'default' }];
}

/** The card's worded status, facts (owner, team and rule or move, clocks) and actions, from the injected sources. */
export async function cardDetails(sources: CardSources, view: { id: string; communityId: string; status: ConversationStatus }): Promise<Pick<CardView, 'statusLabel' | 'facts' | 'actions'>> {
  const t = communityTranslator(sources, view.communityId);
  const [owner, route, clocks, suggestions] = await Promise.all([sources.owner(view.id), sources.route(view.id), sources.clocks(view.id), sources.suggestions?.(view.id) ?? []]);
  const facts: CardFact[] = [{ label: t('card.fact.owner'), value: owner?.displayName ?? t('card.fact.unowned') }];
  if (route !== null) {
    const how = route.moved ? t('card.movedTo', { team: route.teamName }) : t('card.routedBy', { rule: route.rule });
    facts.push({ label: t('card.fact.team'), value: `${route.teamName} (${how})` });
  }
  for (const clock of clocks) {
    const label = t(CLOCK_LABEL[clock.clock]);
    if (clock.breached) facts.push({ label, value: t(BREACHED[clock.clock], { due: when(clock.dueAt, t) }), alert: true });
    else facts.push({ label, value: clock.stopped ? t('card.fact.met') : t('card.fact.due', { due: when(clock.dueAt, t) }) });
  }
  const suggested = suggestionsFact(suggestions, t);
  if (suggested !== null) facts.push(suggested);
  return { statusLabel: t(`status.${view.status}`), facts, actions: cardActions(view.status, owner !== null, t) };
}
