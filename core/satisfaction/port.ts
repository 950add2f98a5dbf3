import type { AccountRef } from '../domain/domain-events.ts';
import type { ConversationStatus, EmployeePlatform } from '../domain/types.ts';
import type { Tx } from '../jobs/index.ts';
import type { OutboxWriter } from '../outbox/index.ts';

// Satisfaction's contract (CSAT after a solved question). On `question.resolved` a sampled asker,
// not asked within the community's cooldown, gets a survey timer; when it fires and the question is
// still solved, five buttons (1-5) are posted in the Discord thread through the outbox. Only the
// asker's click (or `/heimo rate <1-5>` in the thread) counts; a later one changes the score.
// Ratings feed `/heimo stats`, the Prometheus counter and the ambassador report's reference
// candidates, through `satisfaction.rated` and this port, never through the table.

/** A question as satisfaction needs to know it: read from the lifecycle (wired in bots/app). */
export interface SurveyedQuestion {
  communityId: string;
  status: ConversationStatus;
  asker: AccountRef;
  /** A bot's question (a webhook, an integration) is never surveyed. */
  askerIsBot: boolean;
  /** Where the question's card is (the team is told of each rating there); null when it never reached staff. */
  employeePlatform: EmployeePlatform | null;
}

/** Reads a question's status and asker (the lifecycle's, through its port). */
export type QuestionFacts = (tx: Tx, conversationId: string) => Promise<SurveyedQuestion | null>;

/** One survey and its score (null until rated). */
export interface SurveyView {
  conversationId: string;
  communityId: string;
  asker: AccountRef;
  askedAt: Date;
  score: number | null;
  ratedAt: Date | null;
}

/** A community's ratings over a period: what `/heimo stats` shows. */
export interface SatisfactionFigures {
  asked: number;
  rated: number;
  /** Mean score, 1-5; null when nobody rated. */
  average: number | null;
  /** Ratings of 4 or 5. */
  satisfied: number;
}

/** What a rating did. */
export type RateOutcome = { kind: 'rated'; score: number; previousScore: number | null } | { kind: 'unchanged'; score: number };

/** The satisfaction capability. */
export interface SatisfactionService {
  /** Registers the question.resolved listener and the survey timer. Before jobs start. */
  listen(): void;
  /**
   * Records the asker's score (1-5) of a solved question and publishes `satisfaction.rated`.
   * Throws a HeimoError: NOT_FOUND (no such question), UNAUTHORIZED (not its asker), BAD_INPUT (a
   * score outside 1-5), LIFECYCLE_INVALID (the question is not solved), CONFLICT (surveys are off in
   * the question's community).
   */
  rate(request: { conversationId: string; rater: AccountRef; score: number }): Promise<RateOutcome>;
  /** Ratings of surveys asked since `since` (stats). */
  figures(communityId: string, since: Date, tx?: Tx): Promise<SatisfactionFigures>;
  /** Surveys rated in [from, to) (the ambassador report's reference candidates). */
  ratedBetween(communityId: string, from: Date, to: Date, tx?: Tx): Promise<SurveyView[]>;
}

/** What satisfaction is built from. */
export interface SatisfactionDeps {
  /** The question's status and asker. */
  questions: QuestionFacts;
  /** Queues the survey prompt in the Discord thread (the outbox's writer). */
  outbox: OutboxWriter;
}
