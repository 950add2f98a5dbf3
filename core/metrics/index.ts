// The metrics capability: the port the relay and the worker record through (core/infra implements it).

export { createRecordingMetrics, NOOP_METRICS, type MetricCall, type Metrics, type RelayDirection } from './metrics.ts';
