import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/index.ts';

/** Runs one Web API call, translating its failure (see errors.ts `slackCall`). */
export type SlackCaller = <T>(method: string, run: () => Promise<T>) => Promise<T>;

/** Which earlier Heimo post to look for: in a channel's history (cards) or in one thread (relays). */
export interface TaggedLookup {
  channel: string;
  /** Set for a thread: conversations.replies; unset: conversations.history. */
  threadTs?: string;
  eventType: string;
  key: string;
}

const PAGE_SIZE = 200;
// History is newest first and a retried card is recent: a few pages suffice. Replies come oldest
// first, so the whole thread is read (threads rarely pass a few hundred messages).
const HISTORY_PAGES = 3;
const REPLY_PAGES = 50;

type Found = { ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } };

/** Finds Heimo's earlier posts carrying `key` in their metadata; returns part number -> ts. */
export async function findTagged(client: webApi.WebClient, call: SlackCaller, logger: Logger, lookup: TaggedLookup): Promise<Map<number, string>> {
  const { channel, threadTs, eventType, key } = lookup;
  const found = new Map<number, string>();
  const pages = threadTs === undefined ? HISTORY_PAGES : REPLY_PAGES;
  let cursor: string | undefined;
  for (let page = 0; page < pages; page += 1) {
    // Slack leaves metadata out of both methods unless asked for it.
    const paging = { channel, include_all_metadata: true, limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) };
    const result = threadTs === undefined
      ? await call('conversations.history', () => client.conversations.history(paging))
      : await call('conversations.replies', () => client.conversations.replies({ ...paging, ts: threadTs }));
    for (const message of (result.messages ?? []) as Found[]) {
      const payload = message.metadata?.event_payload;
      if (message.metadata?.event_type !== eventType || payload?.['key'] !== key || message.ts === undefined) continue;
      found.set(Number(payload['part'] ?? 0), message.ts);
    }
    cursor = result.response_metadata?.next_cursor || undefined;
    if (cursor === undefined) return found;
  }
  logger.warn('slack retry lookup stopped before the end; an earlier attempt may be missed', { channelId: channel, threadTs, pages });
  return found;
}
