import type { IngestOutcome } from '../../core/domain/events.ts';
import type { Platform } from '../../core/domain/types.ts';
import type { Metrics } from '../../core/metrics/index.ts';
import type { BotRoute } from '../../core/ports/bot.ts';

// What a refusal's HTTP status says about the event (Bolt answers a bad Slack signature with 401).
const REASONS: Record<number, string> = { 400: 'malformed', 401: 'unauthorized', 403: 'forbidden', 413: 'too_large', 415: 'malformed', 503: 'not_ready' };

/** The rejection reason of an HTTP status a bot route answered with; undefined when it accepted. */
export function rejectionReason(status: number): string | undefined {
  if (status < 400) return undefined;
  return REASONS[status] ?? (status < 500 ? `http_${status}` : undefined);
}

/**
 * Wraps a bot's HTTP route so that every event it refuses (bad signature or token, a serviceUrl
 * not allowed, malformed or too large, not started) counts in `heimo_inbound_rejected_total`,
 * whichever part of the bot or its SDK refused it.
 */
export function countRejections(route: BotRoute, platform: Platform, metrics: Metrics): BotRoute {
  return {
    path: route.path,
    handler: (req, res, next) => {
      res.once('finish', () => {
        const reason = rejectionReason(res.statusCode);
        if (reason !== undefined) metrics.inboundRejected(platform, reason);
      });
      route.handler(req, res, next);
    },
  };
}

/** Counts an event the relay did not take (Heimo's own echo, a duplicate, not routed, no thread). */
export function countOutcome(outcome: IngestOutcome, platform: Platform, metrics: Metrics): void {
  if (outcome.status === 'accepted' || outcome.status === 'unchanged') return;
  metrics.inboundRejected(platform, outcome.status);
}
