import type { webApi } from '@slack/bolt';
import type { InboundEvent, InboundHandler, IngestOutcome } from '../../core/domain/events.ts';
import { HeimoError } from '../../core/errors.ts';
import { slackToCanonical } from '../../core/format/index.ts';
import type { Logger } from '../../core/ports/logger.ts';
import { slackCall } from './errors.ts';
import { type ParsedMessage, parseMessageEvent, type SlackIdentity } from './parse.ts';
import type { UserDirectory } from './users.ts';

/** What the inbound path needs; identity and handler exist only once the bot started. */
export interface InboundConfig {
  client: webApi.WebClient;
  users: UserDirectory;
  logger: Logger;
  identity: SlackIdentity;
  handler: InboundHandler;
}

/** Delivery details Bolt knows about an event, logged so a redelivery can be traced. */
export interface EventMeta {
  eventId?: string;
  retryNum?: number;
}

const USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** `redeliver`: the core failed, so the HTTP answer must make Slack send the event again. */
export type InboundResult = 'done' | 'redeliver';

/** Creates the listener for `message` events: parse, resolve names, hand to the core, mark internal notes. */
export function createInbound(config: InboundConfig): (event: unknown, meta: EventMeta) => Promise<InboundResult> {
  const { client, users, identity, handler } = config;

  // Mention resolvers are synchronous, so every mentioned user is looked up before converting.
  const canonical = async (text: string): Promise<string> => {
    const ids = [...text.matchAll(USER_MENTION)].map((match) => match[1] ?? '');
    const names = ids.length === 0 ? new Map<string, string>() : await users.names(ids);
    return slackToCanonical(text, { user: (id: string) => names.get(id) });
  };

  const translate = async (parsed: Extract<ParsedMessage, { kind: 'posted' | 'edited' | 'deleted' }>): Promise<InboundEvent> => {
    switch (parsed.kind) {
      case 'posted': {
        const [author, text] = await Promise.all([users.author(parsed.userId), canonical(parsed.text)]);
        const { channelId, threadId, messageId } = parsed;
        return { type: 'message.posted', platform: 'slack', channelId, threadId, messageId, author, text };
      }
      case 'edited':
        return { type: 'message.edited', platform: 'slack', channelId: parsed.channelId, messageId: parsed.messageId, text: await canonical(parsed.text) };
      case 'deleted':
        return { type: 'message.deleted', platform: 'slack', channelId: parsed.channelId, messageId: parsed.messageId };
    }
  };

  // Employees must see at a glance that a note stayed internal; failing to mark it loses nothing else.
  const markInternal = async (channel: string, timestamp: string, logger: Logger): Promise<void> => {
    try {
      await slackCall('reactions.add', () => client.reactions.add({ channel, timestamp, name: 'lock' }));
    } catch (error) {
      if (error instanceof HeimoError && error.context['error'] === 'already_reacted') return;
      logger.warn('could not mark an internal note with :lock:', { error });
    }
  };

  return async (event, meta) => {
    const parsed = parseMessageEvent(event, identity);
    const logger = config.logger.child({ ...(meta.eventId === undefined ? {} : { eventId: meta.eventId }), ...(meta.retryNum === undefined ? {} : { retryNum: meta.retryNum }) });
    if (parsed.kind === 'malformed') {
      logger.error('malformed slack message event dropped', { reason: parsed.reason });
      return 'done';
    }
    if (parsed.kind === 'ignored') {
      logger.debug('slack message ignored', { reason: parsed.reason });
      return 'done';
    }
    const where = { channelId: parsed.channelId, messageId: parsed.messageId, kind: parsed.kind };
    let outcome: IngestOutcome;
    try {
      outcome = await handler(await translate(parsed));
    } catch (error) {
      // Slack redelivers a failed event (the core dedupes); input the core rejected would fail again.
      const hopeless = error instanceof HeimoError && error.code === 'BAD_INPUT';
      logger.error('handling a slack message failed', { ...where, error, redeliver: !hopeless });
      return hopeless ? 'done' : 'redeliver';
    }
    logger.debug('slack message handled', { ...where, outcome: outcome.status });
    if (parsed.kind === 'posted' && outcome.status === 'accepted' && outcome.internal === true) {
      // Not awaited: the stored message is what Slack waits for, the marker is decoration.
      void markInternal(parsed.channelId, parsed.messageId, logger);
    }
    return 'done';
  };
}
