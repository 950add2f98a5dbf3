import type { JobsOptions, Queue } from 'bullmq';
import type { Platform } from '../domain/types.ts';
import type { DeliveryStream } from '../domain/outbox.ts';

/** The BullMQ queue that carries one platform's drain jobs. */
export function deliveryQueueName(platform: Platform): string {
  return `heimo-deliveries-${platform}`;
}

/** Options of a drain job: one live job per stream, one more queued behind an active one; `delayMs` holds it back. */
export function drainJobOptions(stream: DeliveryStream, delayMs = 0): JobsOptions {
  return {
    ...(delayMs > 0 ? { delay: Math.ceil(delayMs) } : {}),
    deduplication: { id: `${stream.conversationId}:${stream.platform}`, keepLastIfActive: true },
    // Entries die after their own attempt budget; the job keeps retrying while any entry is alive.
    attempts: 1_000_000,
    backoff: { type: 'heimo' },
    removeOnComplete: true,
    removeOnFail: 1000,
  };
}

/** Adds a drain job for each stream to its platform's queue, after `delayMs` when given (platforms without a queue are skipped). */
export async function enqueueDrains(queueOf: (platform: Platform) => Queue<DeliveryStream> | undefined, streams: DeliveryStream[], delayMs = 0): Promise<void> {
  await Promise.all(
    streams.map(async (stream) => {
      // Unconfigured platform: the entries wait in PostgreSQL until it is configured.
      await queueOf(stream.platform)?.add('drain', stream, drainJobOptions(stream, delayMs));
    }),
  );
}
