import type { webApi } from '@slack/bolt';
import type { Destination, ThreadRef } from '../../core/domain/types.ts';
import { HeimoError } from '../../core/errors.ts';
import type { CardRef, CardView, EmployeeDelivery, OutboundMessage } from '../../core/ports/delivery.ts';
import type { Logger } from '../../core/ports/logger.ts';
import { slackCall } from './errors.ts';
import { CARD_EVENT_TYPE, RELAY_EVENT_TYPE } from './parse.ts';
import { relayMetadata, relayUsername, renderCard, renderRelayParts } from './render.ts';

/** What the Slack delivery needs. */
export interface SlackDeliveryConfig {
  client: webApi.WebClient;
  logger: Logger;
}

// A retry looks back this far for an earlier attempt; retries come within minutes, not days.
const LOOKUP_PAGES = 5;
const PAGE_SIZE = 200;

type Found = { ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } };

const isGone = (error: unknown): boolean => error instanceof HeimoError && error.context['error'] === 'message_not_found';

/** Creates Slack's EmployeeDelivery: cards in the destination channel, relayed messages in their threads. */
export function createSlackDelivery(config: SlackDeliveryConfig): EmployeeDelivery {
  const { client, logger } = config;

  /** Walks history or a thread (newest pages first for history) for Heimo metadata matching `key`. */
  const findTagged = async (
    source: 'history' | 'replies',
    channel: string,
    threadTs: string | undefined,
    eventType: string,
    key: string,
  ): Promise<Map<number, string>> => {
    const found = new Map<number, string>();
    let cursor: string | undefined;
    for (let page = 0; page < LOOKUP_PAGES; page += 1) {
      const paging = { channel, include_all_metadata: true, limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) };
      const result = source === 'history'
        ? await slackCall('conversations.history', () => client.conversations.history(paging))
        : await slackCall('conversations.replies', () => client.conversations.replies({ ...paging, ts: threadTs ?? '' }));
      for (const message of (result.messages ?? []) as Found[]) {
        const payload = message.metadata?.event_payload;
        if (message.metadata?.event_type !== eventType || payload?.['key'] !== key || message.ts === undefined) continue;
        found.set(Number(payload['part'] ?? 0), message.ts);
      }
      cursor = result.response_metadata?.next_cursor || undefined;
      if (cursor === undefined) break;
    }
    return found;
  };

  const postPart = async (thread: ThreadRef, message: OutboundMessage, text: string, part: number): Promise<string> => {
    const username = relayUsername(message.author.displayName);
    const result = await slackCall('chat.postMessage', () =>
      client.chat.postMessage({
        channel: thread.channelId,
        thread_ts: thread.threadId,
        text,
        mrkdwn: true,
        parse: 'none',
        link_names: false,
        unfurl_links: false,
        unfurl_media: false,
        metadata: relayMetadata(message.idempotencyKey, part),
        ...(username === undefined ? {} : { username }),
        ...(message.author.avatarUrl === undefined ? {} : { icon_url: message.author.avatarUrl }),
      }),
    );
    return requireTs(result.ts, 'chat.postMessage');
  };

  const updatePart = async (thread: ThreadRef, ts: string, message: OutboundMessage, text: string, part: number): Promise<void> => {
    await slackCall('chat.update', () =>
      client.chat.update({ channel: thread.channelId, ts, text, parse: 'none', link_names: false, metadata: relayMetadata(message.idempotencyKey, part) }),
    );
  };

  const deletePart = async (channel: string, ts: string): Promise<void> => {
    try {
      await slackCall('chat.delete', () => client.chat.delete({ channel, ts }));
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  };

  return {
    platform: 'slack',

    async postCard(destination: Destination, view: CardView): Promise<CardRef> {
      const channel = destination.channelId;
      if (view.isRetry) {
        const earlier = (await findTagged('history', channel, undefined, CARD_EVENT_TYPE, view.idempotencyKey)).get(0);
        if (earlier !== undefined) {
          logger.info('slack card already posted by an earlier attempt', { channelId: channel, ts: earlier });
          return { channelId: channel, threadId: earlier, cardMessageId: earlier };
        }
      }
      const card = renderCard(view);
      const result = await slackCall('chat.postMessage', () =>
        client.chat.postMessage({ channel, text: card.text, blocks: card.blocks, metadata: card.metadata, unfurl_links: false, unfurl_media: false }),
      );
      const ts = requireTs(result.ts, 'chat.postMessage');
      return { channelId: result.channel ?? channel, threadId: ts, cardMessageId: ts };
    },

    async updateCard(_destination: Destination, card: CardRef, view: CardView): Promise<void> {
      const rendered = renderCard(view);
      await slackCall('chat.update', () =>
        client.chat.update({ channel: card.channelId, ts: card.cardMessageId, text: rendered.text, blocks: rendered.blocks, metadata: rendered.metadata }),
      );
    },

    async postMessage(thread: ThreadRef, message: OutboundMessage): Promise<string[]> {
      const parts = renderRelayParts(message);
      // An earlier attempt may have posted some parts before failing: reuse those, post the rest.
      const earlier = message.isRetry
        ? await findTagged('replies', thread.channelId, thread.threadId, RELAY_EVENT_TYPE, message.idempotencyKey)
        : new Map<number, string>();
      const ids: string[] = [];
      for (const [part, text] of parts.entries()) {
        ids.push(earlier.get(part) ?? (await postPart(thread, message, text, part)));
      }
      return ids;
    },

    async editMessage(thread: ThreadRef, partIds: string[], message: OutboundMessage): Promise<string[]> {
      const parts = renderRelayParts(message);
      const earlier = message.isRetry && parts.length > partIds.length
        ? await findTagged('replies', thread.channelId, thread.threadId, RELAY_EVENT_TYPE, message.idempotencyKey)
        : new Map<number, string>();
      const ids: string[] = [];
      for (const [part, text] of parts.entries()) {
        const ts = partIds[part];
        if (ts === undefined) {
          ids.push(earlier.get(part) ?? (await postPart(thread, message, text, part)));
          continue;
        }
        try {
          await updatePart(thread, ts, message, text, part);
          ids.push(ts);
        } catch (error) {
          // Someone removed this part in Slack; put the new text back rather than fail forever.
          if (!isGone(error)) throw error;
          ids.push(await postPart(thread, message, text, part));
        }
      }
      for (const extra of partIds.slice(parts.length)) await deletePart(thread.channelId, extra);
      return ids;
    },

    async deleteMessage(thread: ThreadRef, partIds: string[]): Promise<void> {
      for (const ts of partIds) await deletePart(thread.channelId, ts);
    },
  };
}

/** Slack always returns `ts` on success; without it the post cannot be tracked, so retry (and find it then). */
function requireTs(ts: string | undefined, method: string): string {
  if (ts === undefined || ts === '') {
    throw new HeimoError('PLATFORM_UNAVAILABLE', `slack ${method} answered without a ts`, { context: { method } });
  }
  return ts;
}
