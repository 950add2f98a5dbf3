import type { EmployeePlatform, Platform } from '../domain/types.ts';

/** Which way a relayed message went: a customer's to the employees, or an employee's to the customer. */
export type RelayDirection = 'to_employees' | 'to_customers';

/**
 * What the core and the bots report as they work; the infrastructure turns it into Prometheus
 * metrics (core/infra/metrics). Every method is cheap and never throws.
 */
export interface Metrics {
  /** A message was accepted for relaying; `platform` is the employee side of its conversation. */
  relayed(direction: RelayDirection, platform: EmployeePlatform): void;
  /** An inbound event was refused or dropped (bad signature, not routed, Heimo's own echo, ...). */
  inboundRejected(platform: Platform, reason: string): void;
  /** One delivery attempt started (`kind`: the outbox entry's kind, e.g. `message.post`). */
  deliveryAttempt(platform: Platform, kind: string): void;
  /** A delivery arrived, `seconds` after its message was stored. */
  deliveryLatency(platform: Platform, kind: string, seconds: number): void;
  /** A delivery failed and will be tried again. */
  deliveryRetry(platform: Platform, kind: string): void;
  /** A delivery failed for good (a dead letter, see `heimo deliveries list`). */
  deadLetter(platform: Platform, kind: string): void;
  /** A platform answered 429. */
  rateLimited(platform: Platform): void;
  /** One knowledge-base search took `seconds` (a new question's suggestions, `kb search`, the web search). */
  knowledgeSearch(seconds: number): void;
}

/** Metrics that go nowhere, for code and tests that do not look at them. */
export const NOOP_METRICS: Metrics = {
  relayed: () => {},
  inboundRejected: () => {},
  deliveryAttempt: () => {},
  deliveryLatency: () => {},
  deliveryRetry: () => {},
  deadLetter: () => {},
  rateLimited: () => {},
  knowledgeSearch: () => {},
};

/** One recorded call: the method's name and its arguments. */
export type MetricCall = { [K in keyof Metrics]: [K, ...Parameters<Metrics[K]>] }[keyof Metrics];

/** Metrics kept in memory as a list of calls, for unit tests that assert what was reported. */
export function createRecordingMetrics(): Metrics & { readonly calls: MetricCall[] } {
  const calls: MetricCall[] = [];
  return {
    calls,
    relayed: (...args) => void calls.push(['relayed', ...args]),
    inboundRejected: (...args) => void calls.push(['inboundRejected', ...args]),
    deliveryAttempt: (...args) => void calls.push(['deliveryAttempt', ...args]),
    deliveryLatency: (...args) => void calls.push(['deliveryLatency', ...args]),
    deliveryRetry: (...args) => void calls.push(['deliveryRetry', ...args]),
    deadLetter: (...args) => void calls.push(['deadLetter', ...args]),
    rateLimited: (...args) => void calls.push(['rateLimited', ...args]),
    knowledgeSearch: (...args) => void calls.push(['knowledgeSearch', ...args]),
  };
}
