import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Platform } from '../domain/types.ts';
import { HeimoError, PlatformRejectedError, RateLimitedError } from '../errors.ts';
import type { Metrics } from '../metrics/index.ts';
import type { Logger } from '../ports/logger.ts';
import type { DeliveryStream } from '../domain/outbox.ts';
import { DEFAULT_CLAIM_LEASE_MS, type ClaimedEntry, type OutboxStore } from './port.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { classifyFailure } from './classify-failure.ts';
import { executeDelivery, type Deliveries } from './execute-delivery.ts';
import type { CardSources } from './card-details.ts';
import type { ReviewCards } from './execute-review.ts';
import type { KnowledgeSources } from './knowledge-sources.ts';
import { decideRetry, retryDelayMs, type RetryPolicyConfig } from './retry-policy.ts';

/** What draining one conversation's stream needs. */
export interface DrainContext {
  store: OutboxStore;
  deliveries: Deliveries;
  communityName: (communityId: string) => string;
  /** What cards show beyond the conversation (owner, route, clocks) and the community's language. */
  cards?: CardSources;
  /** Review cards of draft articles. */
  reviews?: ReviewCards;
  /** What knowledge deliveries (suggestions) read from the knowledge base. */
  knowledge?: KnowledgeSources;
  logger: Logger;
  metrics: Metrics;
  retry: RetryPolicyConfig;
  batchSize: number;
  breaker: (platform: Platform) => CircuitBreaker;
  /** Pauses every worker of the platform's queue (all processes) for `ms`. */
  pause: (platform: Platform, ms: number) => Promise<void>;
  /** Wakes the streams' drain jobs, after `delayMs` when given. */
  schedule: (streams: DeliveryStream[], delayMs?: number) => Promise<void>;
  /** How old a message post must be before it is claimed (see OutboxStore.claimSettled; 0: at once). */
  settleMs: number;
  /** How long a claim is leased to this drain (renewed while the delivery runs); default: the store's. */
  claimLeaseMs?: number;
  /** Where the claims in flight are kept (entry id to claim), for a stop that hands them over. */
  held?: Map<string, string>;
  /** True once shutdown began: no new entry is claimed, the rest is handed over. */
  closing: () => boolean;
  now?: () => number;
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

// Keeps the claim's lease while `work` runs: a drain whose BullMQ lock expired under load (and whose
// job another worker took back) still holds the entry, so the second drain waits instead of posting it too.
const holdingClaim = async <T>(context: DrainContext, claimed: ClaimedEntry, leaseMs: number, work: () => Promise<T>): Promise<T> => {
  const { store, held } = context;
  const { claim } = claimed;
  if (claim === undefined) return work();
  held?.set(claimed.entry.id, claim);
  const renewal = setInterval(() => void store.renewClaim(claimed.entry.id, claim, leaseMs).catch(() => undefined), Math.max(100, Math.floor(leaseMs / 6)));
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    held?.delete(claimed.entry.id);
  }
};

// The job goes back to its queue without spending one of its attempts (BullMQ's rate-limit path).
const paused = async (context: DrainContext, platform: Platform, ms: number): Promise<never> => {
  await context.pause(platform, Math.max(1, Math.ceil(ms)));
  throw Worker.RateLimitError();
};

/** The drain job's processor: delivers a stream's pending entries in order, deciding each failure's fate. */
export function createDrain(context: DrainContext): (job: Job<DeliveryStream>) => Promise<void> {
  const { store, logger, metrics } = context;
  const now = context.now ?? Date.now;
  const leaseMs = context.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  return async (job) => {
    const stream = job.data;
    if (typeof stream?.conversationId !== 'string' || typeof stream.platform !== 'string') {
      throw new UnrecoverableError(`drain job ${job.id} has malformed data`);
    }
    const breaker = context.breaker(stream.platform);
    for (let handled = 0; handled < context.batchSize; handled += 1) {
      // Shutting down: the entry in hand was finished; the rest goes to whichever process runs next.
      if (context.closing()) break;
      const admitted = breaker.admit();
      if (!admitted.ok) await paused(context, stream.platform, admitted.waitMs);
      const claimed = await store.claimSettled(stream, context.settleMs, leaseMs).catch((error: unknown) => {
        breaker.abandon();
        throw error;
      });
      if (!claimed || 'waitMs' in claimed) {
        breaker.abandon(); // a probe that sent nothing proved nothing
        // The next entry is still settling, or another drain holds it: a fresh job comes back once it
        // is due (the stream's deduplicated job, so wake-ups meanwhile add nothing).
        if (claimed) await context.schedule([stream], claimed.waitMs);
        return;
      }
      const { entry } = claimed;
      const { attempts } = entry;
      metrics.deliveryAttempt(entry.platform, entry.kind);
      // Built only when something is logged: most deliveries log nothing at the default level.
      const log = () => logger.child({ entryId: entry.id, conversationId: entry.conversationId, platform: entry.platform, kind: entry.kind, attempts });
      try {
        const deps = {
          store,
          deliveries: context.deliveries,
          communityName: context.communityName,
          ...(context.cards === undefined ? {} : { cards: context.cards }),
          ...(context.reviews === undefined ? {} : { reviews: context.reviews }),
          ...(context.knowledge === undefined ? {} : { knowledge: context.knowledge }),
        };
        const effects = await holdingClaim(context, claimed, leaseMs, () => executeDelivery(deps, claimed, job.attemptsStarted > 1));
        breaker.succeeded();
        const { morePending } = await store.complete(entry.id, effects);
        metrics.deliveryLatency(entry.platform, entry.kind, (now() - entry.createdAtMs) / 1000);
        log().debug('delivered');
        if (!morePending) return;
      } catch (error) {
        const kind = classifyFailure(error);
        if (kind === 'rate-limited') {
          const retryAfterMs = (error as RateLimitedError).retryAfterMs;
          breaker.succeeded(); // it answered: up, only busy
          await store.releaseAttempt(entry.id, claimed.claim);
          metrics.rateLimited(entry.platform);
          log().warn('rate limited; pausing platform queue', { retryAfterMs });
          await paused(context, stream.platform, retryAfterMs);
        }
        // A refusal is an answer: the platform is up. Anything else proved nothing either way.
        const openedFor = kind === 'outage' ? breaker.failed() : null;
        if (error instanceof PlatformRejectedError) breaker.succeeded();
        else if (kind !== 'outage') breaker.abandon();
        const decision = decideRetry(kind, attempts, now() - entry.createdAtMs, context.retry);
        await store.fail(entry.id, describe(error), decision.dead, claimed.claim);
        if (decision.dead) {
          metrics.deadLetter(entry.platform, entry.kind);
          log().error('delivery is dead; see `heimo deliveries list`', { error, reason: decision.reason });
          continue; // one dead entry must not block the rest of the conversation
        }
        if (openedFor !== null) {
          log().warn('platform unavailable; circuit breaker open, deliveries paused', { error, pauseMs: openedFor });
          await paused(context, stream.platform, openedFor);
        }
        // An outage is waited out by the breaker, not by each entry: its own backoff stays short, so
        // the backlog goes as soon as a probe gets through instead of after minutes of backoff.
        const breakerState = breaker.snapshot();
        if (kind === 'outage' && breakerState.retryAt !== null) await paused(context, stream.platform, breakerState.retryAt - now());
        const delayMs = kind === 'outage' ? Math.min(decision.delayMs, retryDelayMs(breakerState.failures)) : decision.delayMs;
        metrics.deliveryRetry(entry.platform, entry.kind);
        log().warn('delivery failed; will retry', { error, failure: kind, retryInMs: delayMs });
        throw Object.assign(error instanceof Error ? error : new HeimoError('PLATFORM_UNAVAILABLE', describe(error)), { retryDelayMs: delayMs });
      }
    }
    await context.schedule([stream]); // more pending (a full batch, or shutdown): continue in a fresh job
  };
}
