import type { webApi } from '@slack/bolt';
import { HeimoError, mentionedUserIds, type InboundEvent, type InboundHandler, type IngestOutcome, type Logger } from '../../core/index.ts';
import { slackToCanonical } from './text-in.ts';
import { slackCall } from './errors.ts';
import { type ParsedMessage, parseMessageEvent, type SkippedFile, type SlackIdentity } from './parse.ts';
import { parseReactionEvent } from './reactions.ts';
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

/** `redeliver`: the core failed, so the HTTP answer must make Slack send the event again. */
export type InboundResult = 'done' | 'redeliver';

/** Handles one raw Events API event of the kind it was registered for. */
export type InboundListener = (event: unknown, meta: EventMeta) => Promise<InboundResult>;

/** The listeners the bot registers with Bolt: `message` events, and `reaction_added` / `reaction_removed`. */
export interface SlackInbound {
  message: InboundListener;
  reaction: InboundListener;
}

// The message goes on without them: a malformed entry is worth a warning, a deleted file is routine.
function logSkippedFiles(skipped: SkippedFile[], where: Record<string, unknown>, logger: Logger): void {
  for (const file of skipped) {
    const fields = { ...where, reason: file.reason, ...(file.id === undefined ? {} : { fileId: file.id }) };
    if (file.malformed) logger.warn('malformed slack file skipped', fields);
    else logger.debug('slack file skipped', fields);
  }
}

/** Creates the inbound listeners: parse, resolve names, hand to the core, mark internal notes. */
export function createInbound(config: InboundConfig): SlackInbound {
  const { client, users, identity, handler } = config;

  // Mention resolvers are synchronous, so every mentioned user is looked up before converting.
  const canonical = async (text: string): Promise<string> => {
    const ids = mentionedUserIds('slack', text);
    const names = ids.length === 0 ? new Map<string, string>() : await users.names(ids);
    return slackToCanonical(text, { user: (id: string) => names.get(id) });
  };

  const translate = async (parsed: Extract<ParsedMessage, { kind: 'posted' | 'edited' | 'deleted' }>): Promise<InboundEvent> => {
    const { channelId, messageId } = parsed;
    switch (parsed.kind) {
      case 'posted': {
        const [author, text] = await Promise.all([users.author(parsed.userId), canonical(parsed.text)]);
        const { attachments } = parsed;
        const mentioned = mentionedUserIds('slack', parsed.text);
        return {
          type: 'message.posted', platform: 'slack', channelId, threadId: parsed.threadId, messageId, author, text,
          ...(attachments.length === 0 ? {} : { attachments }),
          ...(mentioned.length === 0 ? {} : { mentionedUserIds: mentioned }),
        };
      }
      case 'edited':
        return { type: 'message.edited', platform: 'slack', channelId, threadId: parsed.threadId, messageId, text: await canonical(parsed.text) };
      case 'deleted':
        return { type: 'message.deleted', platform: 'slack', channelId, ...(parsed.threadId === undefined ? {} : { threadId: parsed.threadId }), messageId };
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

  const eventLogger = (meta: EventMeta): Logger =>
    config.logger.child({ ...(meta.eventId === undefined ? {} : { eventId: meta.eventId }), ...(meta.retryNum === undefined ? {} : { retryNum: meta.retryNum }) });

  // One place decides redelivery for every event kind; `build` returning undefined drops the event.
  const handOver = async (
    logger: Logger,
    what: 'message' | 'reaction',
    where: Record<string, unknown>,
    build: () => Promise<InboundEvent | undefined>,
  ): Promise<{ result: InboundResult; outcome?: IngestOutcome }> => {
    try {
      const event = await build();
      if (event === undefined) return { result: 'done' };
      const outcome = await handler(event);
      logger.debug(`slack ${what} handled`, { ...where, outcome: outcome.status });
      return { result: 'done', outcome };
    } catch (error) {
      // Slack redelivers a failed event (the core dedupes); input the core rejected would fail again.
      const hopeless = error instanceof HeimoError && error.code === 'BAD_INPUT';
      logger.error(`handling a slack ${what} failed`, { ...where, error, redeliver: !hopeless });
      return { result: hopeless ? 'done' : 'redeliver' };
    }
  };

  // Malformed input is logged and acknowledged (a redelivery would be just as malformed); ignored is routine.
  const screened = <P extends { kind: string; reason?: string }>(parsed: P, logger: Logger, what: 'message' | 'reaction'): parsed is Exclude<P, { kind: 'malformed' | 'ignored' }> => {
    if (parsed.kind === 'malformed') logger.error(`malformed slack ${what} event dropped`, { reason: parsed.reason });
    else if (parsed.kind === 'ignored') logger.debug(`slack ${what} ignored`, { reason: parsed.reason });
    else return true;
    return false;
  };

  const message: InboundListener = async (event, meta) => {
    const parsed = parseMessageEvent(event, identity);
    const logger = eventLogger(meta);
    if (!screened(parsed, logger, 'message')) return 'done';
    const where = { channelId: parsed.channelId, messageId: parsed.messageId, kind: parsed.kind };
    if (parsed.kind === 'posted') logSkippedFiles(parsed.skippedFiles, where, logger);
    const { result, outcome } = await handOver(logger, 'message', where, () => translate(parsed));
    if (parsed.kind === 'posted' && outcome?.status === 'accepted' && outcome.internal === true) {
      // Not awaited: the stored message is what Slack waits for, the marker is decoration.
      void markInternal(parsed.channelId, parsed.messageId, logger);
    }
    return result;
  };

  const reaction: InboundListener = async (event, meta) => {
    const parsed = parseReactionEvent(event, identity);
    const logger = eventLogger(meta);
    if (!screened(parsed, logger, 'reaction')) return 'done';
    const { type, channelId, messageId, userId, emoji } = parsed.event;
    const where = { channelId, messageId, kind: type, emoji };
    const { result } = await handOver(logger, 'reaction', where, async () => {
      // Reaction events do not say who is a bot; other bots' reactions are automation, not people.
      if ((await users.author(userId)).isBot) {
        logger.debug('slack reaction ignored', { reason: 'reaction by a bot', userId });
        return undefined;
      }
      return parsed.event;
    });
    return result;
  };

  return { message, reaction };
}
