import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendSignedRequest } from '../fakes/slack/sign.ts';

/** Where Slack's events go and how patiently they are redelivered. */
export interface SlackRedeliveryConfig {
  signingSecret: string;
  /** The live Heimo ingress URLs (…/slack/events); asked each time, since processes come and go. */
  targets: () => string[];
  /** Delays before each redelivery; Slack's own are about 0 s, 1 min and 5 min. */
  retryDelaysMs: number[];
  /** Told of each event body Slack had to deliver again (the soak marks its messages as redelivered). */
  onRetry?: (body: string) => void;
  /** Told of each event body Heimo acknowledged (Heimo answers Slack only once the event is stored). */
  onAccepted?: (body: string) => void;
}

/** Counts of what the Events API stand-in did. */
export interface SlackRedeliveryCounts {
  events: number;
  accepted: number;
  retries: number;
  /** Events Slack gave up on after its last retry (only backfill can recover these). */
  abandoned: number;
}

/**
 * Slack's Events API as Heimo meets it in production: the fake workspace posts each event here, and
 * this stand-in delivers it to one of Heimo's ingress processes (a load balancer), re-signed, and
 * redelivers on a non-2xx or a dead connection with Slack's retry headers, then gives up.
 */
export async function startSlackRedelivery(config: SlackRedeliveryConfig) {
  const counts: SlackRedeliveryCounts = { events: 0, accepted: 0, retries: 0, abandoned: 0 };
  const pending = new Set<Promise<void>>();
  let next = 0;

  const deliver = async (body: string): Promise<void> => {
    for (let attempt = 0; attempt <= config.retryDelaysMs.length; attempt += 1) {
      if (attempt > 0) {
        counts.retries += 1;
        config.onRetry?.(body);
        await new Promise((resolve) => setTimeout(resolve, config.retryDelaysMs[attempt - 1]));
      }
      const targets = config.targets();
      const url = targets[next++ % Math.max(1, targets.length)];
      if (url === undefined) continue;
      try {
        const options = attempt === 0 ? {} : { retryNum: attempt, retryReason: 'http_error' };
        const answer = await sendSignedRequest(url, body, 'application/json', config.signingSecret, options);
        if (answer.status >= 200 && answer.status < 300) {
          counts.accepted += 1;
          config.onAccepted?.(body);
          return;
        }
      } catch {
        // a dead connection: Slack counts it as a failed delivery and retries
      }
    }
    counts.abandoned += 1;
  };

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const parts: Buffer[] = [];
      req.on('data', (part: Buffer) => parts.push(part));
      req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
      req.on('error', reject);
    });

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      counts.events += 1;
      res.writeHead(200).end();
      const delivery = deliver(body);
      pending.add(delivery);
      void delivery.finally(() => pending.delete(delivery));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    counts,
    /** Resolves once every event received so far was accepted or abandoned. */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A running Events API stand-in. */
export type SlackRedelivery = Awaited<ReturnType<typeof startSlackRedelivery>>;
