import type { AccountRef } from '../domain/domain-events.ts';
import type { NetworkConfig } from '../domain/network.ts';
import { HeimoError } from '../errors.ts';
import type { Jobs } from '../jobs/index.ts';
import type { Logger } from '../ports/logger.ts';
import type { RateOutcome, SatisfactionDeps, SatisfactionService } from './port.ts';
import { createSqlSatisfactionFigures } from './sql-satisfaction-figures.ts';
import { createSqlSatisfactionStore } from './sql-satisfaction-store.ts';
import { checkScore } from './survey-rules.ts';
import { fireSurvey, onResolved, ratingNotice, SURVEY_TIMER, surveyingCommunity, type SurveyContext } from './survey-timer.ts';

/** What satisfaction is built from: its deps (the lifecycle's facts, the outbox), its table, the job system and the network. */
export interface SatisfactionSetup extends SatisfactionDeps {
  /** The database the figures are read from (the survey's own writes run on the job system's transactions). */
  database: Parameters<typeof createSqlSatisfactionFigures>[0];
  jobs: Pick<Jobs, 'transaction' | 'publish' | 'setTimer' | 'on' | 'onTimer'>;
  network: () => NetworkConfig;
  /** True when the account (or another linked account of the same person) asked the question; without it, only the asker's own account. */
  isAsker?: (conversationId: string, account: AccountRef) => Promise<boolean>;
  logger: Logger;
  now?: () => Date;
}

/** The listener name satisfaction registers for `question.resolved`. */
export const SATISFACTION_LISTENER = 'satisfaction.schedule';

const sameAccount = (a: AccountRef, b: AccountRef): boolean => a.platform === b.platform && a.userId === b.userId;

/** Creates satisfaction surveys: the survey after a solution, the asker's rating, and the figures read from them. */
export function createSatisfaction(setup: SatisfactionSetup): SatisfactionService {
  const { jobs, network, questions } = setup;
  const now = setup.now ?? (() => new Date());
  const store = createSqlSatisfactionStore();
  const reader = createSqlSatisfactionFigures(setup.database);
  const ctx: SurveyContext = { jobs, store, questions, outbox: setup.outbox, network, logger: setup.logger, now };

  return {
    listen() {
      jobs.on('question.resolved', SATISFACTION_LISTENER, (event, tx) => onResolved(ctx, event, tx));
      jobs.onTimer(SURVEY_TIMER, (timer, tx) => fireSurvey(ctx, timer, tx));
    },
    async rate({ conversationId, rater, score: given }): Promise<RateOutcome> {
      const score = checkScore(given);
      // Linked accounts are identity's: asked outside the rating's transaction (only reads).
      const linked = setup.isAsker === undefined ? undefined : await setup.isAsker(conversationId, rater);
      return jobs.transaction(async (tx) => {
        const question = await questions(tx, conversationId);
        if (question === null) throw new HeimoError('NOT_FOUND', `question ${conversationId} does not exist`, { context: { conversationId } });
        const community = surveyingCommunity(network, question.communityId);
        if (community === undefined) {
          throw new HeimoError('CONFLICT', 'satisfaction surveys are off in this community', { context: { conversationId, communityId: question.communityId } });
        }
        if (!(linked ?? sameAccount(rater, question.asker))) throw new HeimoError('UNAUTHORIZED', 'only the person who asked may rate the question', { context: { conversationId } });
        if (question.status !== 'resolved') throw new HeimoError('LIFECYCLE_INVALID', 'only a solved question can be rated', { context: { conversationId, status: question.status } });
        const at = now();
        // Typed without a survey: the rating is its own survey, asked now.
        await store.insert(tx, { conversationId, communityId: question.communityId, asker: question.asker, askedAt: at });
        const { previous } = (await store.setScore(tx, conversationId, score, at)) ?? { previous: null };
        if (previous === score) return { kind: 'unchanged', score };
        await jobs.publish(tx, { type: 'satisfaction.rated', communityId: question.communityId, conversationId, asker: question.asker, score, previousScore: previous, at: at.toISOString() });
        // The team hears it in the card's thread (a poor score is worth a follow-up); never the customer's thread.
        if (question.employeePlatform !== null) await setup.outbox.enqueue(tx, conversationId, [ratingNotice(question.employeePlatform, community.locale, score, previous)]);
        return { kind: 'rated', score, previousScore: previous };
      });
    },
    figures: (communityId, since, tx) => reader.figures(communityId, since, tx),
    ratedBetween: (communityId, from, to, tx) => reader.ratedBetween(communityId, from, to, tx),
  };
}
