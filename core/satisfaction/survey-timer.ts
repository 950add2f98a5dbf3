import type { CommunityConfig, CommunityLocale, NetworkConfig } from '../domain/network.ts';
import type { EmployeePlatform } from '../domain/types.ts';
import { translator } from '../i18n/index.ts';
import type { QuestionResolvedEvent } from '../domain/domain-events.ts';
import type { OutboxDraft } from '../domain/outbox.ts';
import type { FiredTimer, Jobs, Tx } from '../jobs/index.ts';
import type { Logger } from '../ports/logger.ts';
import type { QuestionFacts, SurveyedQuestion } from './port.ts';
import type { SatisfactionStore } from './sql-satisfaction-store.ts';
import { inCooldown, isSampled } from './survey-rules.ts';

// From a solution to the survey: the resolved listener decides (enabled, sampled, a Discord asker
// past their cooldown) and sets a timer `delay` after the solution; the timer posts the survey if
// the question is still solved, the asker still past the cooldown and it was not surveyed yet.
// A reopen needs no clearing: the firing finds the question no longer resolved.

/** The timer kind satisfaction handles (`jobs.onTimer`). */
export const SURVEY_TIMER = 'satisfaction.ask';

/** The key of a question's survey timer (setting it again, after a second solution, moves it). */
export const surveyKey = (conversationId: string): string => `${SURVEY_TIMER}:${conversationId}`;

/** What the listener and the timer share. */
export interface SurveyContext {
  jobs: Pick<Jobs, 'setTimer'>;
  store: SatisfactionStore;
  questions: QuestionFacts;
  outbox: { enqueue(tx: Tx, conversationId: string, drafts: OutboxDraft[]): Promise<void> };
  network: () => NetworkConfig;
  logger: Logger;
  now: () => Date;
}

/** The survey in the question's Discord thread: the outbox renders its text and five buttons in the community's language. */
export function surveyDelivery(): OutboxDraft {
  return { platform: 'discord', kind: 'prompt.post', payload: { prompt: 'survey' } };
}

/** The note in the card's thread that tells the team how the asker rated the help (in the community's language). */
export function ratingNotice(platform: EmployeePlatform, locale: CommunityLocale, score: number, previous: number | null): OutboxDraft {
  const t = translator(undefined, locale);
  const text = previous === null ? t('notice.rated', { score }) : t('notice.rated.changed', { score, previous });
  return { platform, kind: 'notice.post', payload: { text } };
}

/** The community's settings when it surveys its askers; undefined when unknown or switched off. */
export function surveyingCommunity(network: () => NetworkConfig, communityId: string): CommunityConfig | undefined {
  const community = network().communities.find((candidate) => candidate.id === communityId);
  return community?.satisfaction.enabled === true ? community : undefined;
}

// A question whose asker may be asked now: a person on Discord (where the buttons are), not asked
// in the community within the cooldown.
async function askable(ctx: SurveyContext, tx: Tx, conversationId: string, question: SurveyedQuestion, community: CommunityConfig): Promise<boolean> {
  if (question.asker.platform !== 'discord' || question.askerIsBot) return false;
  const last = await ctx.store.lastAskedAt(tx, community.id, question.asker, conversationId);
  return !inCooldown(last, ctx.now(), community.satisfaction.cooldownMs);
}

/** On `question.resolved`: sets the survey timer of a sampled question whose asker may be asked. */
export async function onResolved(ctx: SurveyContext, event: QuestionResolvedEvent, tx: Tx): Promise<void> {
  const community = surveyingCommunity(ctx.network, event.communityId);
  if (community === undefined || !isSampled(event.conversationId, community.satisfaction.sampleRate)) return;
  const question = await ctx.questions(tx, event.conversationId);
  if (question === null || !(await askable(ctx, tx, event.conversationId, question, community))) return;
  // From the solution's time: a redelivered event sets the same due time.
  const dueAt = new Date(new Date(event.at).getTime() + community.satisfaction.delayMs);
  await ctx.jobs.setTimer(tx, { key: surveyKey(event.conversationId), kind: SURVEY_TIMER, dueAt, payload: { conversationId: event.conversationId } });
}

/** Handles a fired survey timer: records the survey and queues its prompt, in the timer's transaction. */
export async function fireSurvey(ctx: SurveyContext, timer: FiredTimer, tx: Tx): Promise<void> {
  const conversationId = String(timer.payload['conversationId'] ?? '');
  const question = await ctx.questions(tx, conversationId);
  // Reopened (or gone) within the delay: no survey.
  if (question === null || question.status !== 'resolved') return;
  const community = surveyingCommunity(ctx.network, question.communityId);
  if (community === undefined) return;
  await ctx.store.lockAsker(tx, community.id, question.asker);
  if (!(await askable(ctx, tx, conversationId, question, community))) return;
  const asked = await ctx.store.insert(tx, { conversationId, communityId: community.id, asker: question.asker, askedAt: ctx.now() });
  if (!asked) return;
  await ctx.outbox.enqueue(tx, conversationId, [surveyDelivery()]);
  ctx.logger.info('satisfaction: survey posted', { conversationId, communityId: community.id });
}
