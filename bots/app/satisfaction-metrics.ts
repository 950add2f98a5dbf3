import { Counter } from 'prom-client';
import type { Jobs } from '../../core/jobs/index.ts';
import type { MetricsRegistry } from '../../core/infra/metrics/prom-metrics.ts';

/** The listener name of the ratings counter (each listener name gets its own job per event). */
export const SATISFACTION_METRICS_LISTENER = 'metrics.satisfaction';

/**
 * Counts survey ratings on /metrics as `heimo_satisfaction_ratings_total{community, score}`, from
 * `satisfaction.rated`. Register in every process before the jobs start (the publishing process
 * queues one job per registered listener); the process whose worker runs the job counts it, so
 * sum over processes. A changed rating counts again under its new score (a counter cannot take
 * the old one back: the exact figures are `/heimo stats`'); a redelivered event may count twice.
 */
export function registerSatisfactionMetrics(metrics: Pick<MetricsRegistry, 'registry'>, jobs: Pick<Jobs, 'on'>): void {
  const ratings = new Counter({
    name: 'heimo_satisfaction_ratings_total',
    help: 'Satisfaction survey ratings, by community and score (1-5); a changed rating counts again',
    labelNames: ['community', 'score'],
    registers: [metrics.registry],
  });
  jobs.on('satisfaction.rated', SATISFACTION_METRICS_LISTENER, async (event) => {
    ratings.inc({ community: event.communityId, score: String(event.score) });
  });
}
