import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics } from '../../metrics/index.ts';

/** One sample of a gauge read at scrape time. */
export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

/** A gauge whose value is read when Prometheus scrapes (queue depth, breaker state, backlog...). */
export interface ScrapeGaugeConfig {
  name: string;
  help: string;
  labelNames?: string[];
  read: () => Promise<GaugeSample[]> | GaugeSample[];
}

/** Heimo's metrics: the port the core calls, and the registry /metrics serves. */
export interface MetricsRegistry {
  readonly metrics: Metrics;
  /** The prom-client registry of this Heimo (one per instance: many can run in one process). */
  readonly registry: Registry;
  /** Adds a gauge read at scrape time; a read that fails leaves the gauge without a value (NaN) for that scrape. */
  addScrapeGauge(config: ScrapeGaugeConfig): void;
  /** The exposition text, and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Options of the Prometheus registry. */
export interface PromMetricsConfig {
  /** prom-client's process and Node.js metrics, shared by every registry of the process (default true). */
  defaultMetrics?: boolean;
  /** Called when a scrape-time gauge cannot be read. */
  onReadError?: (name: string, error: unknown) => void;
}

// Process and Node.js metrics describe the process, not one Heimo: collected once (prom-client
// starts an event-loop monitor and GC observer per collection), merged into each scrape.
let processRegistry: Registry | undefined;
const processMetrics = (): Registry => {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
};

// From a fast relay (tens of ms) to a platform outage (minutes): the buckets an operator alerts on.
const LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];
// An in-memory search takes milliseconds (the target is 20 ms p95 at 100,000 articles).
const SEARCH_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1];

/** Creates a prom-client registry with Heimo's metrics (names in README, "Metrics"). */
export function createPromMetrics(config: PromMetricsConfig = {}): MetricsRegistry {
  const registry = new Registry();
  const withProcess = config.defaultMetrics ?? true;
  const registers = [registry];
  const relayed = new Counter({ name: 'heimo_messages_relayed_total', help: 'Messages accepted for relaying, by direction and employee platform', labelNames: ['direction', 'platform'], registers });
  const rejected = new Counter({ name: 'heimo_inbound_rejected_total', help: 'Inbound events refused or dropped, by platform and reason', labelNames: ['platform', 'reason'], registers });
  const attempts = new Counter({ name: 'heimo_delivery_attempts_total', help: 'Delivery attempts, by target platform and kind', labelNames: ['platform', 'kind'], registers });
  const latency = new Histogram({ name: 'heimo_delivery_latency_seconds', help: 'Time from storing a delivery to its arrival on the platform', labelNames: ['platform', 'kind'], buckets: LATENCY_BUCKETS, registers });
  const retries = new Counter({ name: 'heimo_delivery_retries_total', help: 'Failed delivery attempts that will be retried', labelNames: ['platform', 'kind'], registers });
  const dead = new Counter({ name: 'heimo_dead_letters_total', help: 'Deliveries that failed for good (see heimo deliveries list)', labelNames: ['platform', 'kind'], registers });
  const limited = new Counter({ name: 'heimo_rate_limited_total', help: 'Answers 429 (rate limited) from a platform', labelNames: ['platform'], registers });
  const search = new Histogram({ name: 'heimo_kb_search_seconds', help: 'Time one knowledge-base search took (suggestions, kb search, web search)', buckets: SEARCH_BUCKETS, registers });

  const metrics: Metrics = {
    relayed: (direction, platform) => relayed.inc({ direction, platform }),
    inboundRejected: (platform, reason) => rejected.inc({ platform, reason }),
    deliveryAttempt: (platform, kind) => attempts.inc({ platform, kind }),
    deliveryLatency: (platform, kind, seconds) => latency.observe({ platform, kind }, Math.max(0, seconds)),
    deliveryRetry: (platform, kind) => retries.inc({ platform, kind }),
    deadLetter: (platform, kind) => dead.inc({ platform, kind }),
    rateLimited: (platform) => limited.inc({ platform }),
    knowledgeSearch: (seconds) => search.observe(Math.max(0, seconds)),
  };

  return {
    metrics,
    registry,
    addScrapeGauge: (gauge) => {
      new Gauge({
        name: gauge.name,
        help: gauge.help,
        labelNames: gauge.labelNames ?? [],
        registers,
        async collect() {
          this.reset();
          try {
            for (const sample of await gauge.read()) {
              if (sample.labels === undefined) this.set(sample.value);
              else this.set(sample.labels, sample.value);
            }
          } catch (error) {
            // A labelled gauge then shows no series; an unlabelled one would show 0, so it shows NaN (unknown).
            if ((gauge.labelNames ?? []).length === 0) this.set(Number.NaN);
            config.onReadError?.(gauge.name, error);
          }
        },
      });
    },
    render: async () => ({ contentType: registry.contentType, body: await (withProcess ? Registry.merge([registry, processMetrics()]) : registry).metrics() }),
  };
}
