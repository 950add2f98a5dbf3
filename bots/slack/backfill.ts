import type { webApi } from '@slack/bolt';
import {
  type BackfillPlan,
  type BackfillReport,
  type InboundEvent,
  type InboundHandler,
  type Logger,
  type OpenThread,
  RateLimitedError,
} from '../../core/index.ts';
import { slackCall } from './errors.ts';
import { createInbound } from './inbound.ts';
import type { SlackIdentity } from './parse.ts';
import type { UserDirectory } from './users.ts';

/** What reading Slack's card threads needs: the started bot's client, directory and identity. */
export interface SlackBackfillConfig {
  client: webApi.WebClient;
  users: UserDirectory;
  identity: SlackIdentity;
  logger: Logger;
  /** Longest wait for a rate limit before a page is asked again (Slack's Retry-After, capped). */
  maxRateLimitWaitMs?: number;
}

type Reply = Record<string, unknown> & { ts?: unknown };
type RepliesPage = { messages?: Reply[]; has_more?: boolean; response_metadata?: { next_cursor?: string } };

const tsOf = (date: Date): string => (date.getTime() / 1000).toFixed(6);
const laterTs = (a: string, b: string | null): string => (b !== null && Number(b) > Number(a) ? b : a);
const writtenAt = (ts: string): string | undefined => (Number.isFinite(Number(ts)) ? new Date(Number(ts) * 1000).toISOString() : undefined);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads the replies written in open card threads after the newest message Heimo saw there
 * (`conversations.replies` with `oldest`), oldest first, and hands each to the core through the
 * same parsing as a live event, marked with when it was written. A reply the core cannot store
 * ends that thread's reading, so nothing after it is relayed out of order.
 */
export async function backfillSlack(config: SlackBackfillConfig, plan: BackfillPlan, handler: InboundHandler): Promise<BackfillReport> {
  const report: BackfillReport = { read: 0, relayed: 0 };
  const marked: InboundHandler = async (event: InboundEvent) => {
    const at = event.type === 'message.posted' ? writtenAt(event.messageId) : undefined;
    const outcome = await handler(event.type === 'message.posted' && at !== undefined ? { ...event, writtenAt: at } : event);
    if (outcome.status === 'accepted') report.relayed += 1;
    return outcome;
  };
  const inbound = createInbound({ ...config, handler: marked });

  const page = async (thread: OpenThread, oldest: string, cursor: string | undefined): Promise<RepliesPage> => {
    for (;;) {
      try {
        const args = { channel: thread.channelId, ts: thread.threadId, oldest, limit: 200, ...(cursor === undefined ? {} : { cursor }) };
        return (await slackCall('conversations.replies', () => config.client.conversations.replies(args))) as unknown as RepliesPage;
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        await sleep(Math.min(error.retryAfterMs, config.maxRateLimitWaitMs ?? 60_000));
      }
    }
  };

  const read = async (thread: OpenThread): Promise<void> => {
    const floor = tsOf(await plan.notBefore('slack', thread.channelId));
    const oldest = laterTs(floor, await plan.lastSeen({ platform: 'slack', ...thread }));
    let cursor: string | undefined;
    do {
      const answer = await page(thread, oldest, cursor);
      for (const reply of answer.messages ?? []) {
        // The card itself comes first in every answer; only replies after `oldest` are new.
        if (reply.ts === thread.threadId || Number(reply.ts) <= Number(oldest)) continue;
        report.read += 1;
        if ((await inbound.message({ ...reply, type: 'message', channel: thread.channelId }, {})) === 'redeliver') {
          config.logger.warn('slack: a reply read after downtime could not be stored; the rest of its thread waits for the next start', { ...thread, ts: reply.ts });
          return;
        }
      }
      cursor = answer.has_more === true ? answer.response_metadata?.next_cursor || undefined : undefined;
    } while (cursor !== undefined);
  };

  for (const thread of await plan.openThreads('slack')) {
    try {
      await read(thread);
    } catch (error) {
      config.logger.warn('slack: could not read a card thread; replies written there while Heimo was offline are not relayed', { ...thread, error });
    }
  }
  return report;
}
