import type { JobsOptions } from 'bullmq';

/** The BullMQ queue that carries one job per (event, listener). */
export const EVENT_QUEUE = 'heimo-events';

/** The BullMQ queue that carries one delayed job per timer version. */
export const TIMER_QUEUE = 'heimo-timers';

/** What a listener job carries: the stored event's id and the listener's name. */
export interface EventJobData {
  eventId: string;
  listener: string;
}

/** What a timer job carries: the timer's key and the version it was queued for. */
export interface TimerJobData {
  key: string;
  version: string;
}

// BullMQ refuses custom ids holding ':' (unless in exactly three parts, its legacy repeat ids) and
// ids that read as integers: ':' and '%' are percent-encoded so ids stay distinct and legal.
const part = (text: string): string => text.replaceAll('%', '%25').replaceAll(':', '%3A');

/** The job id of one listener's job for one event: re-queueing the pair is a no-op while the job exists. */
export const eventJobId = (eventId: string, listener: string): string => `ev/${part(eventId)}/${part(listener)}`;

/** The job id of one timer version: setting the timer again makes a new version, hence a new job. */
export const timerJobId = (key: string, version: string): string => `tm/${part(key)}/${version}`;

/** How failed jobs are retried: `attempts` in all, exponential backoff from `baseDelayMs`. */
export interface JobRetryConfig {
  attempts: number;
  baseDelayMs: number;
}

/** Options of listener and timer jobs. */
export function jobOptions(retry: JobRetryConfig, jobId: string, delayMs = 0): JobsOptions {
  return {
    jobId,
    ...(delayMs > 0 ? { delay: delayMs } : {}),
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.baseDelayMs },
    // Kept an hour after success so a late re-queue of the same id stays a no-op; failures a week, to be read.
    removeOnComplete: { age: 3_600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3_600, count: 10_000 },
  };
}
