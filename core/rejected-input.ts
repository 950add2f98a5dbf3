// Malformed input is skipped, never fatal; how often and why is worth watching. Bots record each
// refusal here; a metrics exporter subscribes (e.g. a prom-client counter labelled platform+reason).

/** Where malformed input was refused and why (a short, stable reason, never the content). */
export interface RejectedInput {
  platform: 'discord' | 'slack' | 'teams';
  reason: string;
  /** Refused in an HTTP answer (4xx), which Heimo's HTTP layer counts by status already. */
  via?: 'http';
}

type Observer = (rejected: RejectedInput) => void;

const observers = new Set<Observer>();

/** Tells every observer (the metrics) of one refused input. */
export function recordRejectedInput(rejected: RejectedInput): void {
  for (const observer of observers) observer(rejected);
}

/** Subscribes to refused input (for metrics); returns the unsubscribe function. */
export function onRejectedInput(observer: Observer): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

