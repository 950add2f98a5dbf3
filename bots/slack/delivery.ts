import type { webApi } from '@slack/bolt';
import {
  type CardRef,
  type CardView,
  type Destination,
  type EmployeeDelivery,
  HeimoError,
  type Logger,
  type NoticeView,
  type OutboundMessage,
  type ReactionTarget,
  type ReviewCardView,
  type ThreadRef,
} from '../../core/index.ts';
import { AUTH_FAILURES, slackCall } from './errors.ts';
import type { SlackFileFetcher } from './fetch-file.ts';
import { findTagged, type SlackCaller } from './find-tagged.ts';
import { CARD_EVENT_TYPE, NOTICE_EVENT_TYPE, RELAY_EVENT_TYPE, REVIEW_EVENT_TYPE } from './parse.ts';
import { reactionNameFromEmoji } from './reactions.ts';
import { relayMetadata, relayUsername, renderCard, renderNotice, renderRelayParts } from './render.ts';
import { renderReviewCard } from './review-card.ts';

/** What the Slack delivery needs. */
export interface SlackDeliveryConfig {
  client: webApi.WebClient;
  logger: Logger;
  /** Downloads files employees attach (url_private with the bot token); see createSlackFileFetcher. */
  fetchFile: SlackFileFetcher;
  /** Sees every failed call (the bot turns its health red when the token stops working). */
  observe?: (error: HeimoError) => void;
}

const isGone = (error: unknown): boolean => error instanceof HeimoError && error.context['error'] === 'message_not_found';

// The state the core asked for already holds (or the message is gone): retrying could not change it.
const SETTLED_REACTION = new Set(['already_reacted', 'no_reaction', 'message_not_found']);
// Slack will never take these (an unknown name, a full message, a locked thread or archived channel):
// retrying could only end in a dead letter for a reaction nobody would miss.
const NOT_REACTABLE = new Set(['invalid_name', 'too_many_emoji', 'too_many_reactions', 'thread_locked', 'is_archived']);

// A refused token fails every delivery alike until an operator fixes it (health turns red): the
// deliveries wait for that like for an outage instead of each becoming a dead letter.
const asDeliveryError = (error: HeimoError): HeimoError => {
  const code = error.context['error'];
  if (!(typeof code === 'string' && AUTH_FAILURES.has(code))) return error;
  return new HeimoError('PLATFORM_UNAVAILABLE', `slack refused the token: ${code}`, { cause: error, context: error.context });
};

/** Creates Slack's EmployeeDelivery: cards in the destination channel, relayed messages in their threads. */
export function createSlackDelivery(config: SlackDeliveryConfig): EmployeeDelivery {
  const { client, logger } = config;
  const call: SlackCaller = (method, run) =>
    slackCall(method, run).catch((error: HeimoError) => {
      config.observe?.(error);
      throw asDeliveryError(error);
    });

  const earlierParts = (thread: ThreadRef, message: OutboundMessage): Promise<Map<number, string>> =>
    findTagged(client, call, logger, { channel: thread.channelId, threadTs: thread.threadId, eventType: RELAY_EVENT_TYPE, key: message.idempotencyKey });

  const postPart = async (thread: ThreadRef, message: OutboundMessage, text: string, part: number): Promise<string> => {
    const username = relayUsername(message.author.displayName);
    const result = await call('chat.postMessage', () =>
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
    await call('chat.update', () =>
      client.chat.update({ channel: thread.channelId, ts, text, parse: 'none', link_names: false, metadata: relayMetadata(message.idempotencyKey, part) }),
    );
  };

  const postNotice = async (channel: string, notice: NoticeView, threadTs: string | undefined): Promise<string> => {
    const rendered = renderNotice(notice);
    const result = await call('chat.postMessage', () =>
      client.chat.postMessage({
        channel,
        text: rendered.text,
        metadata: rendered.metadata,
        mrkdwn: true,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      }),
    );
    return requireTs(result.ts, 'chat.postMessage');
  };

  const deletePart = async (channel: string, ts: string): Promise<void> => {
    try {
      await call('chat.delete', () => client.chat.delete({ channel, ts }));
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  };

  return {
    platform: 'slack',
    // Heimo uploads nothing into Slack: Discord's attachments are public links, relayed in the text.
    maxFileBytes: 0,
    maxMessageFileBytes: 0,
    fetchFile: config.fetchFile,

    async postCard(destination: Destination, view: CardView): Promise<CardRef> {
      const channel = destination.channelId;
      if (view.isRetry) {
        const earlier = (await findTagged(client, call, logger, { channel, eventType: CARD_EVENT_TYPE, key: view.idempotencyKey })).get(0);
        if (earlier !== undefined) {
          logger.info('slack card already posted by an earlier attempt', { channelId: channel, ts: earlier });
          return { channelId: channel, threadId: earlier, cardMessageId: earlier };
        }
      }
      const card = renderCard(view);
      const result = await call('chat.postMessage', () =>
        client.chat.postMessage({ channel, text: card.text, blocks: card.blocks, metadata: card.metadata, unfurl_links: false, unfurl_media: false }),
      );
      const ts = requireTs(result.ts, 'chat.postMessage');
      return { channelId: result.channel ?? channel, threadId: ts, cardMessageId: ts };
    },

    async updateCard(_destination: Destination, card: CardRef, view: CardView): Promise<void> {
      const rendered = renderCard(view);
      await call('chat.update', () =>
        client.chat.update({ channel: card.channelId, ts: card.cardMessageId, text: rendered.text, blocks: rendered.blocks, metadata: rendered.metadata }),
      );
    },

    async postMessage(thread: ThreadRef, message: OutboundMessage): Promise<string[]> {
      const parts = renderRelayParts(message);
      // An earlier attempt may have posted some parts before failing: reuse those, post the rest.
      const earlier = message.isRetry ? await earlierParts(thread, message) : new Map<number, string>();
      const ids: string[] = [];
      for (const [part, text] of parts.entries()) {
        ids.push(earlier.get(part) ?? (await postPart(thread, message, text, part)));
      }
      return ids;
    },

    async editMessage(thread: ThreadRef, partIds: string[], message: OutboundMessage): Promise<string[]> {
      const parts = renderRelayParts(message);
      const earlier = message.isRetry && parts.length > partIds.length ? await earlierParts(thread, message) : new Map<number, string>();
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

    async postNotice(destination: Destination, notice: NoticeView, thread?: ThreadRef): Promise<string> {
      const channel = thread?.channelId ?? destination.channelId;
      const threadTs = thread?.threadId;
      if (notice.isRetry) {
        const lookup = { channel, eventType: NOTICE_EVENT_TYPE, key: notice.idempotencyKey, ...(threadTs === undefined ? {} : { threadTs }) };
        const earlier = (await findTagged(client, call, logger, lookup)).get(0);
        if (earlier !== undefined) return earlier;
      }
      return postNotice(channel, notice, threadTs);
    },

    async postReviewCard(destination: Destination, view: ReviewCardView): Promise<string> {
      const channel = destination.channelId;
      if (view.isRetry) {
        const earlier = (await findTagged(client, call, logger, { channel, eventType: REVIEW_EVENT_TYPE, key: view.idempotencyKey })).get(0);
        if (earlier !== undefined) return earlier;
      }
      const card = renderReviewCard(view);
      const result = await call('chat.postMessage', () =>
        client.chat.postMessage({ channel, text: card.text, blocks: card.blocks, metadata: card.metadata, unfurl_links: false, unfurl_media: false }),
      );
      return requireTs(result.ts, 'chat.postMessage');
    },

    async updateReviewCard(destination: Destination, messageId: string, view: ReviewCardView): Promise<void> {
      const card = renderReviewCard(view);
      await call('chat.update', () => client.chat.update({ channel: destination.channelId, ts: messageId, text: card.text, blocks: card.blocks, metadata: card.metadata }));
    },

    async postDirect(userId: string, notice: NoticeView): Promise<void> {
      // Reading a direct message's history would need im:history: a retry may post the notice twice.
      const opened = await call('conversations.open', () => client.conversations.open({ users: userId }));
      const channel = opened.channel?.id;
      if (channel === undefined) throw new HeimoError('PLATFORM_UNAVAILABLE', 'slack conversations.open answered without a channel', { context: { method: 'conversations.open' } });
      await postNotice(channel, notice, undefined);
    },

    async react(target: ReactionTarget, emoji: string, added: boolean): Promise<void> {
      const { channelId: channel, messageId: timestamp } = target;
      const name = reactionNameFromEmoji(emoji);
      if (name === undefined) {
        // Slack reacts only with named emoji; failing would just dead-letter what can never succeed.
        logger.warn('slack has no shortcode for a reaction emoji; not reacting', { channelId: channel, messageId: timestamp, emoji, added });
        return;
      }
      const method = added ? 'reactions.add' : 'reactions.remove';
      try {
        await call(method, () => (added ? client.reactions.add({ channel, timestamp, name }) : client.reactions.remove({ channel, timestamp, name })));
      } catch (error) {
        const code = error instanceof HeimoError ? error.context['error'] : undefined;
        if (typeof code === 'string' && NOT_REACTABLE.has(code)) {
          logger.warn('slack cannot show the reaction; not reacting', { channelId: channel, messageId: timestamp, name, added, error: code });
          return;
        }
        if (typeof code !== 'string' || !SETTLED_REACTION.has(code)) throw error;
        logger.debug('slack reaction already in the requested state', { channelId: channel, messageId: timestamp, name, added, error: code });
      }
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
