import type { Tx } from '../jobs/index.ts';

/** Which rule, team and tier a question was routed by, as routing stores it. */
export interface QuestionRouteRecord {
  conversationId: string;
  communityId: string;
  teamId: string;
  /** The rule's name, `fallback` or `channel-route`. */
  rule: string;
  tierId: string | null;
  /** ISO 639-1; null when not detected. */
  language: string | null;
  routedAt: Date;
}

/** Routing's own table: one route per question, replaced when a question moves to another team. */
export interface RoutingStore {
  /** Records (or replaces) the route of a conversation; in `tx` when given (with the question's creation). */
  save(record: QuestionRouteRecord, tx?: Tx): Promise<void>;
  /** The route of a conversation; null when it was never routed. In `tx` when given (listeners, timers). */
  find(conversationId: string, tx?: Tx): Promise<QuestionRouteRecord | null>;
}
