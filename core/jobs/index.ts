// The job system's public entry: capabilities import from here, never from its files.
export type { EventListener, FiredTimer, Jobs, JobsMetrics, TimerDraft, TimerHandler, Tx } from './port.ts';
export { createJobs, type JobsConfig, type JobsQueueFactory } from './create-jobs.ts';
export type { JobsDatabase } from './sql-jobs-store.ts';
export type { JobRetryConfig } from './job-names.ts';
export { createJobsEraser } from './sql-jobs-eraser.ts';
