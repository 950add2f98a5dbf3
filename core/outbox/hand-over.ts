import type { Job, Worker } from 'bullmq';
import type { Logger } from '../ports/logger.ts';
import type { DeliveryStream } from '../domain/outbox.ts';

/** The jobs this process is running, with the lock token each holds. */
export type ActiveJobs = Map<string, { job: Job<DeliveryStream>; token: string }>;

/**
 * Stops the workers: no new job is taken, jobs in flight get `graceMs` to finish (their drains stop
 * after the entry in hand). Jobs still running then are put back in their queue with their locks
 * released, so another process takes them at once instead of after the locks expire; the entry
 * they were sending is retried there as a retry (the adapters look before posting again): its claim
 * lease is released with it.
 */
export async function handOver(workers: Worker<DeliveryStream>[], active: ActiveJobs, graceMs: number, logger: Logger, releaseClaims?: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const finished = Promise.all(workers.map((worker) => worker.pause())).then(() => true);
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), graceMs);
  });
  const inTime = await Promise.race([finished, late]).finally(() => clearTimeout(timer));
  if (!inTime) {
    const left = [...active.values()];
    logger.warn('deliveries still running at shutdown; handing them over', { jobs: left.length, graceMs });
    // Their entries' leases too: the next process takes them now, not once the leases run out.
    await releaseClaims?.().catch((error: unknown) => logger.warn('could not release the claims in flight; they are taken once their leases end', { error }));
    await Promise.all(
      left.map(({ job, token }) => job.moveToWait(token).catch((error: unknown) => logger.warn('could not hand a delivery over; it resumes once its lock expires', { jobId: job.id, error }))),
    );
  }
  await Promise.all(workers.map((worker) => worker.close(!inTime)));
}
